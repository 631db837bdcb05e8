/**
 * Pusher's protocol limits, each with its source (`/work/shared/pusher-facts.md` §2 and §3.2).
 * Kept together so the messages, the checks and the README quote the same numbers.
 */
export const LIMITS = {
  /** Channels one `trigger` may name (HTTP API reference; the Node SDK throws above it). */
  channelsPerTrigger: 100,
  /** Events in one `triggerBatch` on the multi-tenant clusters (REST API reference; the SDK does not check). */
  eventsPerBatch: 10,
  /** Channel name length, prefix included (docs `using_channels/channels.md`; the Node SDK allows 200). */
  channelNameLength: 164,
  /** Event name length (the Node SDK's check). */
  eventNameLength: 200,
  /** Event `data` size in KB; larger is refused with HTTP 413 (REST API reference, size-limit KB article). */
  payloadKb: 10,
} as const;

/** Characters outside this set make a channel name invalid (the Node SDK's check, `lib/pusher.js`). */
export const INVALID_CHANNEL_CHARS = /[^A-Za-z0-9_\-=@,.;]/;
