import { Node } from '../morph.js';
import { constInitializer, functionOf, isFunction, unwrap } from './ast.js';

/**
 * `privateProcedure.input(schema).mutation(fn)` where `privateProcedure = t.procedure.use(mw)` and
 * the middleware refuses callers without a session (`throw new TRPCError({ code: 'UNAUTHORIZED' })`):
 * the builder's name says nothing, its `.use()` does. Followed through builders made of builders.
 */
export function procedureGuarded(call: import('ts-morph').CallExpression, refuses: (middleware: Node) => boolean): boolean {
  const callee = unwrap(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || !/^(mutation|query|subscription)$/.test(callee.getName())) return false;
  const root = chainRoot(callee.getExpression());
  return Node.isIdentifier(root) && builderRefuses(root, refuses, 0);
}

/** `a` of `a.b(c).d`. */
function chainRoot(node: Node): Node {
  let root = unwrap(node);
  while (Node.isCallExpression(root) || Node.isPropertyAccessExpression(root)) root = unwrap(root.getExpression());
  return root;
}

function builderRefuses(id: Node, refuses: (middleware: Node) => boolean, depth: number): boolean {
  if (depth > 3) return false;
  const init = constInitializer(id);
  if (!init) return false;
  for (let n: Node = unwrap(init); Node.isCallExpression(n) || Node.isPropertyAccessExpression(n); n = unwrap(n.getExpression())) {
    if (!Node.isCallExpression(n)) continue;
    const fn = unwrap(n.getExpression());
    if (!Node.isPropertyAccessExpression(fn) || fn.getName() !== 'use') continue;
    const mw = n.getArguments()[0];
    const body = mw && (isFunction(unwrap(mw)) ? unwrap(mw) : functionOf(mw));
    if (body && refuses(body)) return true;
  }
  const root = chainRoot(init);
  return Node.isIdentifier(root) && root !== id && builderRefuses(root, refuses, depth + 1);
}
