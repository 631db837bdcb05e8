import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { declarationsOf, functionOf, unwrap } from '../../src/analysis/ast.js';

/**
 * Whether a webhook handler does anything with what it was sent: stores it, publishes it, calls
 * the app's own code or another service. A handler that only reads the body, logs and answers
 * acts on nothing yet, so a forged event changes nothing today (a timing leak on its signature
 * check gains an attacker nothing either): the finding is about the next change to it.
 */

/** What a call chain starts from (`res` in `res.status(200).json(…)`) when every method on it only reads, answers, logs or computes. */
const INERT_ROOT = /^(console|logger|log|res|reply|response|req|request|ctx|event|JSON|Buffer|crypto|Math|Object|Array|String|Number|Date|NextResponse|Response|headers|url|searchParams|webhook)$/;
/** Methods that compute a new value from the one they are called on, whatever it is. */
const PURE_METHOD = /^(getEvents|getData|getTime|isValid|webhook|toString|forEach|map|filter|find|some|every|includes|indexOf|keys|values|entries|slice|split|trim|toLowerCase|toUpperCase|startsWith|endsWith|replace|concat|join)$/;
/** Methods that change the collection they are called on: inert only on one the handler made. */
const MUTATOR = /^(push|unshift|splice|set|add|delete)$/;
const INERT_FUNCTION = /^(resolve|reject|next|String|Number|Boolean|parseInt|parseFloat|decodeURIComponent|encodeURIComponent)$/;
const INERT_CONSTRUCTOR = /^(Promise|Response|Error|Date|URL|URLSearchParams|TextDecoder|Map|Set)$/;
const MAX_DEPTH = 2;

export function actsOnEvents(fns: readonly Node[], depth = 0, seen = new Set<Node>()): boolean {
  for (const fn of fns) {
    if (seen.has(fn)) continue;
    seen.add(fn);
    for (const node of fn.getDescendants()) {
      if (Node.isNewExpression(node) && !INERT_CONSTRUCTOR.test(node.getExpression().getText())) return true;
      if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken && outlives(node.getLeft(), fn)) return true;
      if (Node.isCallExpression(node) && callActs(node, fn, depth, seen)) return true;
    }
  }
  return false;
}

function callActs(call: CallExpression, fn: Node, depth: number, seen: Set<Node>): boolean {
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee)) {
    const name = callee.getName();
    const root = rootOf(callee);
    if (PURE_METHOD.test(name) || (Node.isIdentifier(root) && INERT_ROOT.test(root.getText()))) return false;
    return !(MUTATOR.test(name) && !outlives(callee.getExpression(), fn, true));
  }
  if (!Node.isIdentifier(callee)) return true;
  if (INERT_FUNCTION.test(callee.getText())) return false;
  // A helper of the same file acts if its own body does; an imported one (`markOnline`) is the
  // app's own logic, taken to act, as is one the scan cannot read.
  const helper = functionOf(callee);
  return !helper || helper.getSourceFile() !== fn.getSourceFile() || depth >= MAX_DEPTH || actsOnEvents([helper], depth + 1, seen);
}

/** The expression a chain of property reads and calls starts from. */
function rootOf(expr: Node): Node {
  let root = unwrap(expr);
  for (;;) {
    if (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root)) root = unwrap(root.getExpression());
    else if (Node.isCallExpression(root)) root = unwrap(root.getExpression());
    else return root;
  }
}

/**
 * Whether what `target` names lives beyond the handler: `store[id] = x`, `this.online = …`, a
 * module's array. With `itself`, a bare name counts too (`seen.push(…)` on a module-level list).
 */
function outlives(target: Node, fn: Node, itself = false): boolean {
  const root = rootOf(target);
  if (!itself && root === unwrap(target)) return false;
  if (root.getKind() === SyntaxKind.ThisKeyword) return true;
  if (!Node.isIdentifier(root)) return true;
  const decl = declarationsOf(root)[0];
  return decl === undefined || !(decl.getPos() >= fn.getPos() && decl.getEnd() <= fn.getEnd());
}
