import { Node } from '../morph.js';
import { shortText, unwrap } from './ast.js';

/**
 * What a message calls a call by: `pusher.trigger`, `this.pusher.triggerBatch`. Built from the
 * names rather than the source text, so a comment or line break inside a chain
 * (`pusher\n  // note\n  .trigger(…)`) never reaches the message.
 */
export function calleeText(call: Node, max = 40): string {
  if (!Node.isCallExpression(call)) return shortText(call, max);
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee)) {
    const object = unwrap(callee.getExpression());
    const head = Node.isCallExpression(object) ? `${calleeText(object, max)}()` : shortText(object, max);
    const text = `${head}.${callee.getName()}`;
    return text.length > max ? `…${text.slice(text.length - max + 1)}` : text;
  }
  return shortText(callee, max);
}
