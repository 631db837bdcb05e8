import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import type { ChannelRef, Operation } from '../../src/inventory/types.js';
import { declarationsOf, functionOf, shortText, unwrap } from '../../src/analysis/ast.js';
import { within } from '../../src/analysis/lifecycle-mounts.js';
import { normalise } from './clients.js';

/** How a cleanup's channel is compared with what was subscribed, and how calls are named in messages. */

export function skeleton(ref: ChannelRef): string {
  return ref.pattern.replace(/\$\{[^}]*\}/g, '*');
}

export const ECHO_PREFIX = /^(private-encrypted-|private-|presence-)/;

export function channelMatches(added: ChannelRef, removed: ChannelRef, echoLeave: boolean): boolean {
  const a = skeleton(added);
  const r = skeleton(removed);
  if (a === r) return true;
  return echoLeave && a.replace(ECHO_PREFIX, '') === r;
}

/**
 * Echo's `leave('room')` leaves `room`, `private-room` and `presence-room`; `leaveChannel(name)`
 * leaves exactly the name given, so `leaveChannel('room')` after `join('room')` leaves nothing.
 */
export function leavesEveryVariant(op: Operation): boolean {
  if (op.kind !== 'leave') return false;
  const callee = Node.isCallExpression(op.node) ? unwrap(op.node.getExpression()) : undefined;
  return !(callee && Node.isPropertyAccessExpression(callee) && callee.getName() === 'leaveChannel');
}

/** An argument that is only a dynamic value we cannot compare (`${name}`, `${ch.name}`). */
export function opaqueChannel(ref: ChannelRef): boolean {
  return /^\$\{[^}]*\}$/.test(ref.pattern);
}

export function callText(op: Operation): string {
  const call = op.node as CallExpression;
  const callee = unwrap(call.getExpression());
  const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : shortText(callee, 30);
  const first = call.getArguments()[0];
  return `${method}(${first ? shortText(first, 40) : ''})`;
}

/** `pusher.unsubscribe(channel)` where `channel` holds what `subscribe` returned. */
export function channelObjectArg(op: Operation, opByNode: ReadonlyMap<Node, Operation>): Operation | undefined {
  if (op.kind !== 'unsubscribe' || !op.channelNode) return undefined;
  const arg = unwrap(op.channelNode);
  const sources: Node[] = [];
  if (Node.isIdentifier(arg)) {
    for (const d of declarationsOf(arg)) if (Node.isVariableDeclaration(d) && d.getInitializer()) sources.push(d.getInitializer()!);
  }
  const text = normalise(arg.getText());
  if (Node.isIdentifier(arg) || Node.isPropertyAccessExpression(arg)) {
    for (const bin of arg.getSourceFile().getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
      if (bin.getOperatorToken().getKind() === SyntaxKind.EqualsToken && normalise(bin.getLeft().getText()) === text) sources.push(bin.getRight());
    }
  }
  for (const s of sources) {
    let e = unwrap(s);
    if (Node.isAwaitExpression(e)) e = unwrap(e.getExpression());
    const source = opByNode.get(e);
    if (source && (source.kind === 'subscribe' || source.kind === 'channel')) return source;
  }
  return undefined;
}

/** One level of local helpers a cleanup calls (`return () => stop()`). */
export function helperBodies(fn: Node): Node[] {
  const out: Node[] = [];
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = unwrap(call.getExpression());
    if (!Node.isIdentifier(callee) && !Node.isPropertyAccessExpression(callee)) continue;
    const helper = functionOf(callee);
    if (helper && !within(helper, fn) && !within(fn, helper)) out.push(helper);
  }
  return out;
}
