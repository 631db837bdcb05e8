import type { ChannelRef } from '../../src/inventory/types.js';
import { words } from './names.js';

/**
 * Channel names that say who may read them: `admin-notifications`, `notification-authority`,
 * `moderators`. On a private channel the auth endpoint can hold the name to its word; on a public
 * one the name is only a label, and the feed meant for administrators reaches anyone with the
 * app key. Kept to audiences that are privileged by definition: a staff or agent feed is often a
 * wall screen, shown to whoever walks past.
 */
const AUDIENCES: Readonly<Record<string, string>> = {
  admin: 'administrators',
  admins: 'administrators',
  administrator: 'administrators',
  administrators: 'administrators',
  authority: 'the authorities',
  authorities: 'the authorities',
  moderator: 'moderators',
  moderators: 'moderators',
  backoffice: 'back-office staff',
  superuser: 'superusers',
  superusers: 'superusers',
};

/** The privileged audience a public channel's name is meant for, or undefined. */
export function restrictedAudience(channel: ChannelRef): string | undefined {
  if (channel.type !== 'public') return undefined;
  const w = words(channel.pattern.replace(/\$\{[^}]*\}/g, ' '));
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 'back' && w[i + 1] === 'office') return AUDIENCES.backoffice;
    const audience = AUDIENCES[w[i]!];
    if (audience) return audience;
  }
  return undefined;
}
