import type { VariableDeclaration } from 'ts-morph';
import { Node } from '../morph.js';
import { boundIdentifiers, isPropertyName, unawaited, unwrap } from './ast.js';
import { isSessionRead } from './request.js';

/**
 * Records an auth check looks up, and whether the caller's session keys them: a lookup by the
 * requested channel alone answers "does it exist", which is no decision about who may use it.
 */

/** Query methods that end an ORM or query-builder lookup (`prisma.room.findUnique(…)`, `.where(…).first()`, `.single()`). */
const LOOKUP_METHOD = /^(find\w*|first\w*|get|one|single|maybeSingle|exec|lean|where|select|doc|exists|retrieve)$/;

/**
 * A record fetched by a method call (`await prisma.conversation.findUnique({ where: { id } })`): when
 * only the requested channel keys it, testing whether it came back asks whether the channel names
 * something that exists, not whether this caller belongs to it. A helper called by name
 * (`await getRoomFor(user, id)`) may decide membership inside, and is not taken for a lookup.
 */
export function isLookup(init: Node): boolean {
  const n = unawaited(init);
  if (!Node.isCallExpression(n)) return false;
  const callee = unwrap(n.getExpression());
  return Node.isPropertyAccessExpression(callee) && LOOKUP_METHOD.test(callee.getName());
}

/** Names that `decls` bind to the verified session (`const { userId } = auth()`, `const me = session.user.id`). */
export function sessionNames(decls: readonly VariableDeclaration[]): Set<string> {
  const out = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const decl of decls) {
      const init = decl.getInitializer();
      if (!init || !mentionsSession(init, out)) continue;
      for (const id of boundIdentifiers(decl)) {
        if (!isPropertyName(id) && !out.has(id.getText())) {
          out.add(id.getText());
          changed = true;
        }
      }
    }
  }
  return out;
}

/** Whether `node` reads the verified session, directly or through one of `names`. */
export function mentionsSession(node: Node, names: ReadonlySet<string>): boolean {
  return [node, ...node.getDescendants()].some((d) => isSessionRead(d) || (Node.isIdentifier(d) && names.has(d.getText()) && !isPropertyName(d)));
}
