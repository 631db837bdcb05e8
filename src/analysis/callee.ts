import { Node } from '../morph.js';
import { unwrap } from './ast.js';

/** The name a call is made by: `timingSafeEqual` for `crypto.timingSafeEqual(…)`, `throttle` for `throttle(…)`; '' otherwise. */
export function calleeName(callee: Node): string {
  const u = unwrap(callee);
  return Node.isPropertyAccessExpression(u) ? u.getName() : Node.isIdentifier(u) ? u.getText() : '';
}
