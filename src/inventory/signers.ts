import type { Node } from 'ts-morph';
import { callAnchor } from '../analysis/ast.js';
import type { DiscoveredFile } from '../discovery/types.js';
import { callersOf, parameterIndex, type CallerTree } from '../analysis/callers.js';
import { channelCheckOf, hasIdentityCheck } from '../analysis/guards.js';
import { guardedByNextMiddleware } from '../analysis/next-middleware.js';
import { guardedAtRegistration } from '../analysis/route-guards.js';
import { handlerOf, requestSource } from '../analysis/request.js';
import { unservedRoute, type RouteTree } from '../analysis/served.js';
import type { FileEnvironment, Inventory, Operation } from './types.js';

/**
 * The app's channel auth endpoints and what each checks before signing. One answer serves two
 * rules: client-side-authorization reports an endpoint that signs any channel, and
 * public-channel-sensitive-data stops trusting `private-` channels once one signs any channel for
 * anyone, since then anyone can subscribe to them (and get an encrypted channel's shared secret).
 */

export interface SigningTree extends RouteTree {
  project: CallerTree['project'];
  fileByPath: ReadonlyMap<string, DiscoveredFile>;
  environments: ReadonlyMap<string, FileEnvironment>;
  inventory: Inventory;
}

export interface SigningGap {
  handler: Node;
  /** The call that signs: the SDK call, or the wrapper's call in the handler. */
  site: Node;
  /** Where a finding about it points: the called method's name, on the line a reader looks for. */
  anchor: Node;
  /** The channel the caller names, as `site` passes it. */
  channelNode: Node;
  file: string;
  /** Whether who is asking is checked (session, guard, middleware). */
  identity: boolean;
  /** Whether this caller's right to the requested channel is checked. */
  channelCheck: boolean;
  /** Checked for some names only: each check can be gone around, and the names it skips are signed. */
  partial: boolean;
}

const CHANNEL_SIGNING = new Set(['authorizeChannel', 'authenticate']);

/** The server signing calls of served, non-test routes: the app's channel auth endpoints. */
export function channelSigners(tree: SigningTree): Operation[] {
  return tree.inventory.operations.filter((op) => op.side === 'server' && CHANNEL_SIGNING.has(op.kind) && servedServer(op.location.file, tree));
}

/** Server code that answers requests: not shipped to browsers, not a test or build script, and served by its framework. */
function servedServer(file: string, tree: SigningTree): boolean {
  const env = tree.environments.get(file);
  if (env?.shipsToClient || env?.kind === 'test' || env?.kind === 'build') return false;
  // A route file no framework serves (a backup copy) answers no one.
  return unservedRoute(file, tree) === undefined;
}

/**
 * What each auth endpoint behind a signing call checks, when it signs a channel the caller names:
 * the handler around the call, or, for a wrapper that takes the channel as a parameter
 * (`authenticatePresence(socketId, channel, data) { return this.pusher.authenticate(…) }`), each
 * handler that calls it, with the wrapper's own checks counted for all of them. Empty when the call
 * signs a channel of its own choosing (`authorizeChannel(socketId, `private-user-${user.id}`)`) or
 * no request names the channel.
 */
export function signingGaps(op: Operation, tree: SigningTree): SigningGap[] {
  // Asked by the endpoint check, signsForAnyone and noAccounts alike; following a wrapper asks the compiler for references.
  let gaps = gapsByOp.get(op);
  if (gaps === undefined) gapsByOp.set(op, (gaps = findGaps(op, tree)));
  return gaps;
}

const gapsByOp = new WeakMap<Operation, SigningGap[]>();

function findGaps(op: Operation, tree: SigningTree): SigningGap[] {
  if (!op.channelNode || !CHANNEL_SIGNING.has(op.kind)) return [];
  if (op.channels[0]?.name !== null && op.channels[0]?.name !== undefined) return [];
  const direct = gapAt(op.node, op.channelNode, op.location.file, tree);
  if (direct) return [direct];
  const param = parameterIndex(op.channelNode);
  if (!param) return [];
  const own = channelCheckOf(param.fn, op.node, op.channelNode);
  if (own === 'full') return [];
  const ownIdentity = hasIdentityCheck(param.fn, op.node, op.channelNode);
  const gaps: SigningGap[] = [];
  for (const caller of callersOf(tree, param.fn)) {
    const arg = caller.getArguments()[param.index];
    const file = tree.project.scriptOf(caller)?.file.path;
    if (!arg || !file || !servedServer(file, tree)) continue;
    const gap = gapAt(caller, arg, file, tree);
    if (!gap || gap.handler === param.fn) continue;
    gaps.push({ ...gap, identity: gap.identity || ownIdentity, partial: gap.partial || (!gap.channelCheck && own === 'partial') });
  }
  return gaps;
}

function gapAt(call: Node, channelNode: Node, file: string, tree: SigningTree): SigningGap | undefined {
  const handler = handlerOf(call);
  if (!handler || !requestSource(channelNode)) return undefined;
  const identity = hasIdentityCheck(handler, call, channelNode) || guardedByNextMiddleware(file, tree.fileByPath) || guardedAtRegistration(handler, tree);
  const check = channelCheckOf(handler, call, channelNode);
  return { handler, site: call, anchor: callAnchor(call), channelNode, file, identity, channelCheck: check === 'full', partial: check === 'partial' };
}

const openByTree = new WeakMap<object, Operation | null>();

/** An endpoint that signs whatever channel is asked, for whoever asks, if the app has one. */
export function signsForAnyone(tree: SigningTree): Operation | undefined {
  let hit = openByTree.get(tree);
  if (hit === undefined) {
    hit = channelSigners(tree).find((op) => signingGaps(op, tree).some((gap) => !gap.identity && !gap.channelCheck)) ?? null;
    openByTree.set(tree, hit);
  }
  return hit ?? undefined;
}
