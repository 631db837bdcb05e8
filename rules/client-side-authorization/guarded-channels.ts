import type { Node } from 'ts-morph';
import { textBefore } from '../../src/analysis/ast.js';
import type { ScanModel } from '../../src/engine/rule.js';
import { channelSigners, signingGaps, type SigningTree } from '../../src/inventory/signers.js';
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

/** `channel.trigger('client-edit', …)` / `.bind('client-edit', …)`: Pusher only relays events so named from clients. */
const CLIENT_EVENT_CALL = /\.(?:trigger|bind)\(\s*(['"`])(client-[\w:.-]*)\1/g;

/** Client events that only signal a passing state: a forged one changes nothing kept. */
const SIGNAL = /typing|cursor|mouse|pointer|ping|heartbeat|seen|focus|scroll|hover/i;

/**
 * The client events the app's clients send or act on where a signature for another user's channel
 * lets a stranger write (the first three, for the message): on channels named per user, room or
 * board, or held where the inventory cannot follow them (React state, a ref), which a `trigger` or
 * `bind` naming the event in the text still shows. An event seen only on one fixed channel
 * (`private-telemetry-ingest`, where every member may send) opens nothing more than joining it, and
 * an ephemeral signal (`client-typing`, a cursor, a ping) forged by a stranger changes nothing kept.
 */
export function clientEventNames(model: Pick<ScanModel, 'inventory' | 'matching'>): string[] {
  // Asked for every session-only endpoint reported: one answer per scan.
  let names = eventsByInventory.get(model.inventory);
  if (names === undefined) eventsByInventory.set(model.inventory, (names = findClientEvents(model)));
  return names;
}

const eventsByInventory = new WeakMap<object, string[]>();

function findClientEvents(model: Pick<ScanModel, 'inventory' | 'matching'>): string[] {
  const scoped = new Set<string>();
  const fixed = new Set<string>();
  for (const op of model.inventory.operations) {
    const name = op.event?.name;
    if (op.side !== 'client' || name === undefined || name === null || !name.startsWith('client-') || SIGNAL.test(name)) continue;
    (op.channels.length > 0 && op.channels.every((c) => c.name !== null) ? fixed : scoped).add(name);
  }
  for (const file of model.matching(CLIENT_EVENT_CALL)) {
    for (const m of file.text.matchAll(CLIENT_EVENT_CALL)) if (!fixed.has(m[2]!) && !SIGNAL.test(m[2]!)) scoped.add(m[2]!);
  }
  return [...scoped].sort().slice(0, 3);
}

const PERSONAL_CHANNEL = /user|member|account|customer|profile|inbox|private-dm|notification/i;
/** A sign-in anywhere in the tree (a Firebase login in the client, passport on the server) means accounts exist. */
const SIGN_IN = /\b(?:signIn\w*|logIn|login|authState|getAuth|onAuthStateChanged|passport|jsonwebtoken|bcrypt|next-auth|@clerk\/|auth0|supabase\.auth|firebase\/auth|AngularFireAuth|getServerSession|currentUser)\b/;
const accountless = new WeakMap<object, boolean>();

/**
 * Whether the app has no accounts a signature could open: no auth endpoint checks a session, no
 * channel is named after a user, and nothing in the tree signs anyone in. A guest endpoint beside
 * signed-in ones opens their channels.
 */
export function noAccounts(model: SigningTree & Pick<ScanModel, 'matching'>): boolean {
  let answer = accountless.get(model.inventory);
  if (answer === undefined) {
    answer =
      channelSigners(model).every((op) => signingGaps(op, model).every((gap) => !gap.identity)) &&
      model.inventory.operations.every((op) => op.channels.every((c) => !PERSONAL_CHANNEL.test(c.pattern))) &&
      model.matching(SIGN_IN).length === 0;
    accountless.set(model.inventory, answer);
  }
  return answer;
}

/** Ids made up on the spot: `crypto.randomBytes(8)`, `randomUUID()`, `nanoid()`, `Math.random()`. */
const MADE_UP_ID = /\b(?:randomBytes|randomUUID|nanoid|uuidv4|uuid\.v4)\s*\(|Math\.random\s*\(/;

/** Whether the handler makes up the member id before `site`, in an app with no accounts: its members are guests. */
export function guestEndpoint(model: SigningTree & Pick<ScanModel, 'matching'>, handler: Node, site: Node): boolean {
  return MADE_UP_ID.test(textBefore(handler, site)) && noAccounts(model);
}
