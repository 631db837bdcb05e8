import type { Node } from 'ts-morph';
import type { DiscoveredFile } from '../discovery/types.js';
import { hasChannelCheck, hasIdentityCheck } from '../analysis/guards.js';
import { guardedByNextMiddleware } from '../analysis/next-middleware.js';
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
  fileByPath: ReadonlyMap<string, DiscoveredFile>;
  environments: ReadonlyMap<string, FileEnvironment>;
  inventory: Inventory;
}

export interface SigningGap {
  handler: Node;
  /** Whether who is asking is checked (session, guard, middleware). */
  identity: boolean;
  /** Whether this caller's right to the requested channel is checked. */
  channelCheck: boolean;
}

const CHANNEL_SIGNING = new Set(['authorizeChannel', 'authenticate']);

/** The server signing calls of served, non-test routes: the app's channel auth endpoints. */
export function channelSigners(tree: SigningTree): Operation[] {
  return tree.inventory.operations.filter((op) => {
    if (op.side !== 'server' || !CHANNEL_SIGNING.has(op.kind)) return false;
    const env = tree.environments.get(op.location.file);
    if (env?.shipsToClient || env?.kind === 'test' || env?.kind === 'build') return false;
    // A route file no framework serves (a backup copy) answers no one.
    return unservedRoute(op.location.file, tree) === undefined;
  });
}

/**
 * What a signing call checks when it signs a channel the caller names; undefined when it signs a
 * channel of its own choosing (`authorizeChannel(socketId, `private-user-${user.id}`)`) or is not
 * in a request handler.
 */
export function signingGap(op: Operation, tree: SigningTree): SigningGap | undefined {
  const handler = handlerOf(op.node);
  if (!handler || !op.channelNode || !CHANNEL_SIGNING.has(op.kind)) return undefined;
  if (op.channels[0]?.name !== null && op.channels[0]?.name !== undefined) return undefined;
  if (!requestSource(op.channelNode)) return undefined;
  const identity = hasIdentityCheck(handler, op.node, op.channelNode) || guardedByNextMiddleware(op.location.file, tree.fileByPath);
  return { handler, identity, channelCheck: hasChannelCheck(handler, op.node, op.channelNode) };
}

const openByTree = new WeakMap<object, Operation | null>();

/** An endpoint that signs whatever channel is asked, for whoever asks, if the app has one. */
export function signsForAnyone(tree: SigningTree): Operation | undefined {
  let hit = openByTree.get(tree);
  if (hit === undefined) {
    hit = channelSigners(tree).find((op) => {
      const gap = signingGap(op, tree);
      return gap !== undefined && !gap.identity && !gap.channelCheck;
    }) ?? null;
    openByTree.set(tree, hit);
  }
  return hit ?? undefined;
}
