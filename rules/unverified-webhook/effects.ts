import { Node, SyntaxKind } from '../../src/morph.js';
import { functionOf, unwrap } from '../../src/analysis/ast.js';

/**
 * Whether a webhook handler does anything with what it was sent: stores it, publishes it, calls
 * the app's own code or another service. A handler that only reads the body, logs and answers
 * acts on nothing yet, so a forged event changes nothing today (a timing leak on its signature
 * check gains an attacker nothing either): the finding is about the next change to it.
 */

/** Objects whose methods only read the request, build the answer, log, or compute locally. */
const INERT_RECEIVER = /^(console|logger|log|res|reply|response|req|request|ctx\.res|ctx\.request|event|JSON|Buffer|crypto|Math|Object|Array|String|Number|Date|NextResponse|Response|headers|url|searchParams|webhook)$/;
/** Methods that read, parse, answer, log or iterate without changing anything outside the handler. */
const INERT_METHOD = /^(log|info|warn|error|debug|trace|json|send|status|end|setHeader|header|writeHead|text|arrayBuffer|formData|getEvents|getData|getTime|isValid|webhook|createHmac|update|digest|timingSafeEqual|from|toString|parse|stringify|get|has|forEach|map|filter|find|some|every|includes|indexOf|push|keys|values|entries|fromEntries|resolve|reject|on|once|setEncoding|slice|split|trim|toLowerCase|toUpperCase|startsWith|endsWith|replace|concat|join|now|isArray)$/;
const MAX_DEPTH = 2;

export function actsOnEvents(fns: readonly Node[], depth = 0, seen = new Set<Node>()): boolean {
  for (const fn of fns) {
    if (seen.has(fn)) continue;
    seen.add(fn);
    for (const node of fn.getDescendants()) {
      if (Node.isNewExpression(node) && !/^(Promise|Response|Error|Date|URL|URLSearchParams|TextDecoder|Map|Set)$/.test(node.getExpression().getText())) return true;
      if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken && assignsOutside(node.getLeft(), fn)) return true;
      if (!Node.isCallExpression(node)) continue;
      const callee = unwrap(node.getExpression());
      if (Node.isPropertyAccessExpression(callee)) {
        const receiver = unwrap(callee.getExpression()).getText().replace(/\s+/g, '');
        if (INERT_METHOD.test(callee.getName()) || INERT_RECEIVER.test(receiver)) continue;
        return true;
      }
      if (Node.isIdentifier(callee) && /^(resolve|reject|next|String|Number|Boolean|parseInt|parseFloat|decodeURIComponent|encodeURIComponent)$/.test(callee.getText())) continue;
      // A helper of the same file acts if its own body does; an imported one (`markOnline`) is the
      // app's own logic, taken to act, as is one the scan cannot read.
      const helper = Node.isIdentifier(callee) ? functionOf(callee) : undefined;
      if (!helper || helper.getSourceFile() !== fn.getSourceFile() || depth >= MAX_DEPTH || actsOnEvents([helper], depth + 1, seen)) return true;
    }
  }
  return false;
}

/** `store[id] = x`, `this.online = …`: a write to something that outlives the request. */
function assignsOutside(target: Node, fn: Node): boolean {
  let root = unwrap(target);
  while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root)) root = unwrap(root.getExpression());
  if (root === unwrap(target)) return false;
  if (root.getKind() === SyntaxKind.ThisKeyword) return true;
  const decl = Node.isIdentifier(root) ? root.getSymbol()?.getDeclarations()[0] : undefined;
  return decl === undefined || !(decl.getPos() >= fn.getPos() && decl.getEnd() <= fn.getEnd());
}
