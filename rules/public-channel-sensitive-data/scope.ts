import type { ChannelRef } from '../../src/inventory/types.js';
import { words } from './names.js';

/** Which user, conversation or record a channel or event name is scoped to, from its words. */

/** Words in a channel name that scope it to one user or one private conversation, order or inbox. */
const ENTITY_WORDS = new Set([
  'user', 'users', 'account', 'accounts', 'customer', 'customers', 'member', 'members', 'conversation', 'conversations', 'chat', 'chats',
  'room', 'rooms', 'dm', 'dms', 'thread', 'threads', 'order', 'orders', 'invoice', 'invoices', 'notification', 'notifications', 'inbox',
  'session', 'sessions', 'profile', 'cart', 'checkout', 'payment', 'payments', 'patient', 'patients',
  // People whose whereabouts, work or care a per-person channel exposes (delivery, dispatch, support, HR,
  // schools, clinics, marketplaces, games).
  'courier', 'couriers', 'driver', 'drivers', 'rider', 'riders', 'employee', 'employees', 'student', 'students',
  'agent', 'agents', 'staff', 'worker', 'workers', 'guest', 'guests', 'visitor', 'visitors', 'client', 'clients', 'contact', 'contacts',
  'tenant', 'tenants', 'owner', 'owners', 'seller', 'sellers', 'buyer', 'buyers', 'player', 'players', 'doctor', 'doctors', 'nurse', 'nurses',
  'teacher', 'teachers', 'parent', 'parents', 'candidate', 'candidates', 'applicant', 'applicants', 'person', 'people',
  'recipient', 'recipients', 'receiver', 'receivers',
  // Records that belong to one person.
  'ticket', 'tickets', 'appointment', 'appointments', 'booking', 'bookings', 'reservation', 'reservations', 'wallet', 'wallets',
  'transaction', 'transactions', 'shipment', 'shipments', 'delivery', 'deliveries', 'message', 'messages',
]);
/** What follows an entity word in an expression that names one instance of it: `user.id`, `roomSlug`. */
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'key', 'name', 'slug', 'handle', 'code', 'number', 'no', 'email', 'token']);

/** The entity a public channel name is scoped to, or undefined when it is a shared channel. */
export function guessable(channel: ChannelRef): string | undefined {
  return channel.type === 'public' ? scopedEntity(channel) : undefined;
}

/**
 * The one user, conversation or record a dynamic name (of a channel or an event) is scoped to.
 * `idFirst`: an event name's static words say what the event is (`message-${userId}`), its id
 * says whose it is, so the id's entity comes first.
 */
export function scopedEntity(name: Pick<ChannelRef, 'pattern' | 'dynamicParts'>, idFirst = false): string | undefined {
  if (name.dynamicParts.length === 0) return undefined;
  const staticText = name.pattern.replace(/\$\{[^}]*\}/g, ' ');
  const inStatic = words(staticText).find((w) => ENTITY_WORDS.has(w));
  const inId = idEntity(name.dynamicParts);
  // `newMessage-${chatId}` carries a chat's messages: a content word yields to the id's entity.
  const entity = idFirst || (inStatic !== undefined && CONTENT_WORDS.has(inStatic)) ? (inId ?? inStatic) : (inStatic ?? inId);
  return entity ? singular(entity) : undefined;
}

/** Entity words that, in a channel's fixed text, usually say what it carries rather than whose it is. */
const CONTENT_WORDS = new Set(['message', 'messages']);

/** `user.id`, `roomSlug`: an entity word followed by an id word, or ending the expression. */
function idEntity(parts: readonly string[]): string | undefined {
  for (const part of parts) {
    const w = words(part);
    for (let i = 0; i < w.length; i++) {
      const next = w[i + 1];
      if (ENTITY_WORDS.has(w[i]!) && (next === undefined || ID_WORDS.has(next))) return w[i]!;
    }
  }
  return undefined;
}

const ENTITY_PHRASE: Record<string, string> = {
  dm: 'direct-message conversation',
  notification: "user's notifications",
  inbox: "user's inbox",
  cart: "shopper's cart",
  checkout: "shopper's checkout",
};

function singular(word: string): string {
  const one = word.endsWith('s') ? word.slice(0, -1) : word;
  return ENTITY_PHRASE[one] ?? one;
}

/**
 * A channel named by a route parameter (`subscribe($page.params.cuid)` in `routes/chat/[cuid]/`,
 * `trigger(params.slug, …)` in `app/orders/[slug]/`): the folder the parameter sits under says what
 * one value names, when the name itself does not.
 */
export function routeEntity(channel: ChannelRef, file: string): string | undefined {
  for (const part of channel.dynamicParts) {
    const param = /(?:^|\.)params\.(\w+)$/.exec(part.replace(/[\s!?]/g, ''))?.[1];
    if (param === undefined) continue;
    const segments = file.split('/');
    const at = segments.findIndex((seg) => seg === `[${param}]` || seg === `[...${param}]`);
    const folder = at > 0 ? words(segments[at - 1]!).find((w) => ENTITY_WORDS.has(w)) : undefined;
    if (folder !== undefined) return singular(folder);
  }
  return undefined;
}

/** Entities one person owns, whose channel a fixed id gives to everyone (`App.Models.User.1`, `notification-channel.2`). */
const PERSONAL = new Set(['user', 'users', 'account', 'customer', 'member', 'profile', 'notification', 'notifications', 'inbox', 'patient', 'employee', 'student', 'driver']);

/**
 * A literal channel name that ends in the id of one person's channel, the shape of a name a
 * client should build from the signed-in user (`notification-channel.${user.id}`); Laravel's docs
 * write `App.Models.User.1`, and that example gets copied. The entity word is at most one word
 * before the number.
 */
export function fixedOwner(channel: ChannelRef): { entity: string; id: string } | undefined {
  if (channel.name === null) return undefined;
  const id = /(?:^|[-_.:])(\d+)$/.exec(channel.name)?.[1];
  if (id === undefined) return undefined;
  const w = words(channel.name.slice(0, -id.length));
  const entity = w.slice(-2).reverse().find((word) => PERSONAL.has(word));
  return entity ? { entity: singular(entity), id } : undefined;
}
