import { Node, SyntaxKind } from '../morph.js';
import type { CallerTree } from './callers.js';
import { authUsedBefore, isAuthMiddleware } from './guards.js';
import { unwrap } from './ast.js';

/**
 * Express and its kin register a controller's handler in another file: `router.post('/typing',
 * authenticateToken, pusherController.userTyping)` in `routes/index.js`, the handler an export of
 * `controller/pusher.controller.js`. The auth middleware that guards it is an argument of that
 * registration (or a `router.use(auth)` before it), which the handler's own file never shows. This
 * finds it in the files that import the handler's file, by the name the handler is exported under.
 */

const REGISTER = /^(get|post|put|patch|delete|all|options|head)$/;

/** One answer per handler: a trigger asks once for its channel, once for its event, once for its payload. */
const answers = new WeakMap<Node, boolean>();

/** Whether every registration of `handler` found in its file's importers has an auth middleware, and there is one. */
export function guardedAtRegistration(handler: Node, tree: CallerTree): boolean {
  let known = answers.get(handler);
  if (known === undefined) answers.set(handler, (known = registrationsGuarded(handler, tree)));
  return known;
}

function registrationsGuarded(handler: Node, tree: CallerTree): boolean {
  const name = exportedName(handler);
  const file = name ? tree.project.scriptOf(handler)?.file.path : undefined;
  if (!name || !file) return false;
  let registered = 0;
  for (const edge of tree.graph.importers.get(file) ?? []) {
    if (edge.typeOnly) continue;
    for (const script of tree.project.ensure(edge.from)) {
      const sf = script.sourceFile;
      if (!sf.getFullText().includes(name)) continue;
      for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = unwrap(call.getExpression());
        if (!Node.isPropertyAccessExpression(callee) || !REGISTER.test(callee.getName())) continue;
        const args = call.getArguments();
        const at = args.findIndex((a) => names(unwrap(a), name));
        if (at < 0) continue;
        registered++;
        if (!args.some((a, i) => i !== at && !Node.isStringLiteral(a) && isAuthMiddleware(a)) && !authUsedBefore(call)) return false;
      }
    }
  }
  return registered > 0;
}

/** `pusherController.userTyping`, or `userTyping` itself when it was imported by name. */
function names(arg: Node, name: string): boolean {
  return (Node.isPropertyAccessExpression(arg) && arg.getName() === name) || (Node.isIdentifier(arg) && arg.getText() === name);
}

/**
 * The name other modules reach a top-level handler by: `function userTyping`, `const userTyping = …`
 * (exported with `module.exports = { userTyping }` or `export`), `exports.userTyping = …`.
 */
function exportedName(handler: Node): string | undefined {
  if (Node.isFunctionDeclaration(handler)) return handler.getName();
  const parent = handler.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  if (parent && Node.isPropertyAssignment(parent)) return parent.getName();
  if (parent && Node.isBinaryExpression(parent) && parent.getRight() === handler) {
    const left = unwrap(parent.getLeft());
    if (Node.isPropertyAccessExpression(left) && /^(module\.)?exports$/.test(left.getExpression().getText())) return left.getName();
  }
  return undefined;
}
