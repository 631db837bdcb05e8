import type { Node } from 'ts-morph';
import { Node as N, SyntaxKind } from '../../src/morph.js';
import { functionOf, isFunction, unwrap } from '../../src/analysis/ast.js';

/** Where a function reconnects: `connect()` on a client, a new client, or a helper that does either. */

/** Nested callbacks that still run as part of the handler; any other nested function waits for something else (a click). */
const DEFERRING_CALLS = /^(setTimeout|setInterval|requestAnimationFrame|queueMicrotask|then|catch|finally|window\.setTimeout|window\.setInterval)$/;
export const TIMERS = /^(window\.|globalThis\.)?(setTimeout|setInterval)$/;

export interface Sites {
  connectOps: Set<Node>;
  clientNodes: Set<Node>;
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/\?\./g, '.');
}

export function calleeText(call: Node): string {
  return N.isCallExpression(call) ? normalise(unwrap(call.getExpression()).getText()) : '';
}

export function resolveFunction(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (isFunction(n)) return n;
  if (N.isIdentifier(n) || N.isPropertyAccessExpression(n)) return functionOf(n);
  return undefined;
}

/**
 * The call or `new` that reconnects, for each place in `fn` that does: a `connect()` on a client,
 * a new client, or a call to a helper that does one of those. Nested functions count only when
 * they run as part of `fn` (timers, promise callbacks), not when they wait for a click.
 */
export function reconnectSites(fn: Node, sites: Sites, receiverText: string | undefined, depth = 0): Node[] {
  const out: Node[] = [];
  fn.forEachDescendant((node, traversal) => {
    if (node !== fn && isFunction(node) && !runsWithParent(node)) {
      traversal.skip();
      return;
    }
    // A site covers what it is called on: `pusherClient().connect()` is one reconnect, not also
    // a second one for the getter that returns the client.
    if (sites.clientNodes.has(node)) {
      out.push(node);
      traversal.skip();
      return;
    }
    if (!N.isCallExpression(node)) return;
    if (sites.connectOps.has(node)) {
      out.push(node);
      traversal.skip();
      return;
    }
    const callee = unwrap(node.getExpression());
    if (receiverText && N.isPropertyAccessExpression(callee) && callee.getName() === 'connect' && normalise(callee.getExpression().getText()) === receiverText) {
      out.push(node);
      traversal.skip();
      return;
    }
    if (depth < 2 && (N.isIdentifier(callee) || N.isPropertyAccessExpression(callee))) {
      const helper = functionOf(callee);
      // A helper that schedules its own timer loop is judged as a loop (backoff, cap) where the timer is.
      if (helper && helper !== fn && !contains(helper, node) && !schedulesReconnect(helper, sites) && reconnectSites(helper, sites, receiverText, depth + 1).length > 0) out.push(node);
    }
  });
  return out;
}

/** Positions alone match across files; a handler in lib/ must not swallow a timer in pages/. */
export function contains(outer: Node, inner: Node): boolean {
  return outer.getSourceFile() === inner.getSourceFile() && outer.containsRange(inner.getPos(), inner.getEnd());
}

function schedulesReconnect(fn: Node, sites: Sites): boolean {
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    if (!TIMERS.test(calleeText(call))) return false;
    const callback = resolveFunction(call.getArguments()[0]);
    return callback !== undefined && reconnectSites(callback, sites, undefined, 2).length > 0;
  });
}

function runsWithParent(fn: Node): boolean {
  const parent = fn.getParent();
  return parent !== undefined && N.isCallExpression(parent) && DEFERRING_CALLS.test(calleeText(parent)) && parent.getArguments().includes(fn as never);
}
