import { Node } from '../../src/morph.js';
import { constInitializer, stringLiteral, unwrap } from '../../src/analysis/ast.js';
import { parameterIndex } from '../../src/analysis/callers.js';
import { requestSource } from '../../src/analysis/request.js';
import type { Operation } from '../../src/inventory/types.js';

/** What a trigger sends: its event, and whether its payload is the server's own or the caller's. */

export function fixedEvent(op: Operation): string | undefined {
  return stringLiteral(op.eventNode);
}

export function fixedMessage(op: Operation): string | undefined {
  return op.payloadNode === undefined || constant(op.payloadNode) ? fixedEvent(op) : undefined;
}

/**
 * The event and payload one caller of a wrapper sends: its own arguments where the wrapper
 * forwards a parameter (`safeTrigger(channel, 'group-updated', { reason })`), else the wrapper's.
 */
export function sentBy(op: Operation, fn: Node, args: readonly Node[]): { event?: string; fixed?: string } {
  const forwarded = (node: Node | undefined): Node | undefined => {
    const p = node ? parameterIndex(node) : undefined;
    return p && p.fn === fn ? args[p.index] : node;
  };
  const event = stringLiteral(forwarded(op.eventNode));
  const payload = forwarded(op.payloadNode);
  return event === undefined ? {} : { event, ...(payload === undefined || constant(payload) ? { fixed: event } : {}) };
}

/** A literal, `undefined`, a timestamp, or an object or array made only of those. */
export function constant(node: Node): boolean {
  const n = unwrap(node);
  if (Node.isLiteralExpression(n) || Node.isNoSubstitutionTemplateLiteral(n) || Node.isTrueLiteral(n) || Node.isFalseLiteral(n) || Node.isNullLiteral(n)) return true;
  if (Node.isIdentifier(n)) return n.getText() === 'undefined';
  if (Node.isPrefixUnaryExpression(n)) return constant(n.getOperand());
  if (Node.isArrayLiteralExpression(n)) return n.getElements().every(constant);
  if (Node.isObjectLiteralExpression(n)) return n.getProperties().every((p) => Node.isPropertyAssignment(p) && !Node.isComputedPropertyName(p.getNameNode()) && constant(p.getInitializer()!));
  return /^(new Date\(\)|Date\.now\(\))$/.test(n.getText().replace(/\s+/g, ''));
}

/** `req.body`, `await request.json()`, `JSON.parse(req.params.chat)`, or a const holding one: an object the caller wrote whole. */
export function wholeRequestObject(node: Node, depth = 0): boolean {
  const u = unwrap(node);
  if (depth > 3) return false;
  if (Node.isAwaitExpression(u)) return wholeRequestObject(u.getExpression(), depth + 1);
  if (Node.isIdentifier(u)) {
    const init = constInitializer(u);
    return init !== undefined && wholeRequestObject(init, depth + 1);
  }
  if (Node.isPropertyAccessExpression(u)) return u.getName() === 'body' && requestSource(u) !== undefined;
  if (!Node.isCallExpression(u)) return false;
  const callee = unwrap(u.getExpression()).getText();
  const arg = u.getArguments()[0];
  if (callee === 'JSON.parse') return arg !== undefined && requestSource(arg) !== undefined;
  return /\.json$/.test(callee) && requestSource(u) !== undefined;
}

/** `JSON.stringify(req.body, null, 2)`: what the caller sent, as text, is still what the caller sent. */
export function stringified(node: Node): Node {
  const u = unwrap(node);
  const value = Node.isCallExpression(u) && unwrap(u.getExpression()).getText() === 'JSON.stringify' ? u.getArguments()[0] : undefined;
  return value ?? node;
}
