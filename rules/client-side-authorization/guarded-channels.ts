import type { Inventory } from '../../src/inventory/types.js';
import { AUTH_METHODS } from '../../src/pusher/methods.js';

/** Operations that name the channels they act on: an empty list means the name could not be read. */
const NAMES_CHANNELS = new Set(['subscribe', 'channel', 'listen', 'trigger', 'triggerBatch']);

/**
 * Whether the scanned code can tell that no channel needs the auth endpoint's signature: it holds a
 * Pusher client (so the side that subscribes is here, not in another repository), and every
 * channel any code subscribes to or publishes on is read to a public name. A private, presence or
 * encrypted name, a client event (only allowed on those), or a name the inventory cannot read
 * keeps the answer "cannot tell": an endpoint signing anything is then a way into them.
 */
export function nothingNeedsSigning(inventory: Inventory): boolean {
  if (inventory.clients.length === 0) return false;
  for (const op of inventory.operations) {
    if (AUTH_METHODS.has(op.kind)) continue;
    if (op.kind === 'client-event') return false;
    if (NAMES_CHANNELS.has(op.kind) && op.channels.length === 0) return false;
    if (op.channels.some((c) => c.type !== 'public')) return false;
  }
  return true;
}

/** The client events the app's clients send, by name (the first three, for the message). */
export function clientEventNames(inventory: Inventory): string[] {
  const names = new Set<string>();
  for (const op of inventory.operations) if (op.kind === 'client-event' && op.side === 'client') names.add(op.event?.pattern ?? 'client-…');
  return [...names].sort().slice(0, 3);
}
