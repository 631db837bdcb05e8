/**
 * Channel types and name rules. Pusher decides a channel's type by its name prefix alone
 * (`../shared/pusher-facts.md` §3.1); the longest matching prefix wins, so the table is ordered.
 */

export const CHANNEL_TYPES = ['public', 'private', 'presence', 'private-encrypted', 'server-to-user', 'unknown'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export interface ChannelPrefix {
  prefix: string;
  type: ChannelType;
  /** Cache channels replay the last event to new subscribers. */
  cache: boolean;
}

export const CHANNEL_PREFIXES: readonly ChannelPrefix[] = [
  { prefix: 'private-encrypted-cache-', type: 'private-encrypted', cache: true },
  { prefix: 'private-encrypted-', type: 'private-encrypted', cache: false },
  { prefix: 'private-cache-', type: 'private', cache: true },
  { prefix: 'private-', type: 'private', cache: false },
  { prefix: 'presence-cache-', type: 'presence', cache: true },
  { prefix: 'presence-', type: 'presence', cache: false },
  { prefix: '#server-to-user-', type: 'server-to-user', cache: false },
  { prefix: 'cache-', type: 'public', cache: true },
];

/** Prefix of client events: only they may be triggered from a client connection. */
export const CLIENT_EVENT_PREFIX = 'client-';

/** Prefix Pusher reserves for its own events (`pusher:subscription_succeeded`, …). */
export const PUSHER_EVENT_PREFIX = 'pusher:';

/**
 * Channel name rules (pusher-facts.md §3.2, `PD:using_channels/channels.md`): at most 164
 * characters including the prefix, from a fixed character set; the Node SDK enforces 200.
 */
export const CHANNEL_NAME = {
  maxLength: 164,
  pattern: /^[A-Za-z0-9_\-=@,.;]+$/,
  /** The first character outside the set, for saying which one is wrong. */
  invalidChar: /[^A-Za-z0-9_\-=@,.;]/,
  /** The `pusher` Node SDK's own check (`lib/pusher.js`), looser than the docs. */
  nodeSdkMaxLength: 200,
} as const;
