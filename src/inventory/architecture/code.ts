import { Node } from '../../morph.js';
import type { SdkLifetime } from '../architecture-schema.js';
import { scopeOf } from '../../analysis/lifecycle.js';
import type { Operation, ServerInstance, ValueRef } from '../types.js';
import { isFunction, unwrap } from '../../analysis/ast.js';

/** Judgements the architecture facts need from the syntax tree and the inventory's records. */

/** Inside a loop, or in a callback of an array method: one call per item. */
export function inLoop(node: Node): boolean {
  for (let cur = node.getParent(); cur; cur = cur.getParent()) {
    if (Node.isForStatement(cur) || Node.isForOfStatement(cur) || Node.isForInStatement(cur) || Node.isWhileStatement(cur) || Node.isDoStatement(cur)) return true;
    if (isFunction(cur)) {
      const call = cur.getParent();
      if (call && Node.isCallExpression(call)) {
        const callee = unwrap(call.getExpression());
        if (Node.isPropertyAccessExpression(callee) && /^(forEach|map|flatMap|reduce|each|mapSeries|eachSeries)$/.test(callee.getName())) return true;
      }
      return false;
    }
  }
  return false;
}

const REQUEST_PART = /\b(req|request|ctx\.request|event)\.(body|query|params)\b|^body(\.\w+)?$|^(input|payload|data)\.(channel|event|name)$/;
const REQUEST_PAYLOAD = /^(await\s+)?(req\.body|request\.body|body|ctx\.request\.body|(req|request)\.json\(\)|JSON\.parse\(\s*(event|req)\.body\s*\))$/;

/** The channel, event or payload comes from the request as is: the endpoint publishes what the caller asked for. */
export function relayed(op: Operation): boolean {
  const parts = op.channels.flatMap((c) => c.dynamicParts);
  if (parts.some((p) => REQUEST_PART.test(p.trim()))) return true;
  if (op.event && /\$\{/.test(op.event.pattern) && REQUEST_PART.test(op.event.pattern.replace(/^\$\{|\}$/g, ''))) return true;
  return op.payload !== null && REQUEST_PAYLOAD.test(op.payload.trim());
}

/** How long a server SDK instance lives: per module, lazily once, per DI container, or per call. */
export function lifetime(server: ServerInstance): SdkLifetime {
  if (server.construction === 'module') return 'class';
  const scope = scopeOf(server.node);
  if (scope === 'module') return 'module';
  if (scope === 'class') return 'class';
  // `client ??= new Pusher(…)`, `if (!client) client = new Pusher(…)`, `globalThis.pusher ||= …`: created once, kept outside the call.
  let expr: Node = server.node;
  while (expr.getParent() && (Node.isParenthesizedExpression(expr.getParent()!) || Node.isAsExpression(expr.getParent()!))) expr = expr.getParent()!;
  const parent = expr.getParent();
  if (parent && Node.isBinaryExpression(parent) && /^(=|\?\?=|\|\|=)$/.test(parent.getOperatorToken().getText())) {
    const target = unwrap(parent.getLeft());
    if (Node.isPropertyAccessExpression(target) && /^(globalThis|global|this|window)$/.test(target.getExpression().getText())) return 'lazy-singleton';
    if (Node.isIdentifier(target)) {
      const declared = target.getSymbol()?.getDeclarations()[0];
      const fn = server.node.getFirstAncestor((a) => isFunction(a));
      if (declared && fn && !fn.getDescendants().includes(declared)) return 'lazy-singleton';
      if (declared && !fn) return 'lazy-singleton';
    }
  }
  return 'per-call';
}

export function literalOf(ref: ValueRef | undefined): { value: string; source: 'literal' | 'env' | 'fallback' } | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'literal' && typeof ref.value === 'string' && ref.value !== '') return { value: ref.value, source: 'literal' };
  if (ref.kind === 'env') {
    if (ref.fallback?.kind === 'literal' && typeof ref.fallback.value === 'string' && ref.fallback.value !== '') return { value: ref.fallback.value, source: 'fallback' };
    return { value: `env:${ref.name}`, source: 'env' };
  }
  return undefined;
}

export const familyOf = (pattern: string): string => pattern.replace(/\$\{[^}]*\}/g, '{…}');
