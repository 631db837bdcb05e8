import { Node, SyntaxKind } from '../../src/morph.js';
import * as z from 'zod';
import { calleeText } from '../../src/analysis/calls.js';
import { iterationOf } from '../../src/analysis/loops.js';
import { countPublishes } from '../../src/pusher/billing.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { Operation } from '../../src/inventory/types.js';
import { objectLiteralOf, objectProperties, shortText, unwrap } from '../../src/analysis/ast.js';

export const optionsSchema = z.object({});
export type Options = z.infer<typeof optionsSchema>;
type Ctx = RuleContext<Options, MessageIds>;

export type MessageIds = 'infoUnused' | 'infoInLoop';

const messages: Record<MessageIds, RuleMessage> = {
  infoUnused: {
    text:
      '`{{call}}` asks for `info` but never reads the answer. Pusher counts a publish with `info` as {{withInfo}} messages instead of {{without}}, plus the deliveries. Drop `info`, or query the channel (`pusher.get`) only where the count is shown.',
  },
  infoInLoop: {
    text:
      '`{{call}}` passes `info` once per item of `{{collection}}`, and Pusher counts each of those publishes as {{withInfo}} messages instead of {{without}}: {{example}} items cost {{loopWithInfo}} messages on the publish side where {{loopWithout}} would do. Ask for channel state once (`pusher.get({ path: \'/channels\', params: { info } })`), not with every publish.',
    severity: 'medium',
  },
};
/** The loop size the message prices, so a reader sees the order of magnitude. */
const EXAMPLE_ITEMS = 100;

function productServer(ctx: Ctx, file: string): boolean {
  return ctx.appliesTo(file) && ctx.model.environments.get(file)?.shipsToClient !== true;
}

/** Messages on the publish side of `publishes` calls, with or without `info` (the ×2 is Pusher's). */
function publishMessages(publishes: number, info: boolean): number {
  return countPublishes({ publishes, subscribersPerChannel: 0, infoShare: info ? 1 : 0 }).api;
}

/** Whether the call passes `info`: the trigger's params, or any element of a batch. */
function passesInfo(op: Operation): boolean {
  if (op.kind === 'trigger') return op.params.includes('info');
  if (!op.payloadNode) return false;
  const list = unwrap(op.payloadNode);
  const elements = Node.isArrayLiteralExpression(list) ? list.getElements() : mappedElements(list);
  return elements.some((el) => objectProperties(el).has('info'));
}

/** `items.map((x) => ({ channel, name, data, info }))`: the object each item becomes. */
function mappedElements(list: Node): Node[] {
  if (!Node.isCallExpression(list)) return [];
  const fn = list.getArguments()[0];
  if (!fn || !Node.isArrowFunction(fn)) return [];
  const body = unwrap(fn.getBody());
  const returned = Node.isBlock(body) ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement)[0]?.getExpression() : body;
  return returned && objectLiteralOf(returned) ? [returned] : [];
}

/**
 * Whether the value of `expr` is thrown away: a bare statement, a variable nobody reads, a
 * `.then` whose callback takes nothing, or a `Promise.all` of such. A result that is returned or
 * passed on is counted as used: the caller may read it.
 */
function resultUnused(expr: Node): boolean {
  let cur = expr;
  for (let parent = cur.getParent(); parent; cur = parent, parent = parent.getParent()) {
    if (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isNonNullExpression(parent)) continue;
    if (Node.isExpressionStatement(parent) || Node.isVoidExpression(parent)) return true;
    if (Node.isVariableDeclaration(parent)) return unreadVariable(parent);
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === cur) {
      const call = parent.getParent();
      if (!call || !Node.isCallExpression(call)) return false;
      const name = parent.getName();
      const cb = call.getArguments()[0];
      const readsResult = name === 'then' && (!cb || !(Node.isArrowFunction(cb) || Node.isFunctionExpression(cb)) || cb.getParameters().length > 0);
      if (readsResult || !/^(then|catch|finally)$/.test(name)) return false;
      // Step over the whole `.then(…)` call.
      parent = call;
      continue;
    }
    // Passed to a function: whoever receives it may read it.
    if (Node.isCallExpression(parent)) return false;
    if (Node.isArrayLiteralExpression(parent)) {
      const all = parent.getParent();
      if (all && Node.isCallExpression(all) && /^Promise\.(all|allSettled)$/.test(unwrap(all.getExpression()).getText())) {
        cur = parent;
        parent = all;
        continue;
      }
      return false;
    }
    if (Node.isArrowFunction(parent) && parent.getBody() === cur) return mapResultUnused(parent);
    return false;
  }
  return false;
}

/** `Promise.all(items.map((x) => pusher.trigger(…)))`: the arrow's result is used only if the mapped list is. */
function mapResultUnused(fn: Node): boolean {
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call)) return false;
  const callee = unwrap(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || !/^(map|forEach)$/.test(callee.getName())) return false;
  if (callee.getName() === 'forEach') return true;
  const all = call.getParent();
  if (all && Node.isCallExpression(all) && /^Promise\.(all|allSettled)$/.test(unwrap(all.getExpression()).getText())) return resultUnused(all);
  return resultUnused(call);
}

function unreadVariable(decl: import('ts-morph').VariableDeclaration): boolean {
  const name = decl.getNameNode();
  if (!Node.isIdentifier(name)) return false;
  try {
    return name.findReferencesAsNodes().every((ref) => ref === name);
  } catch {
    return false;
  }
}

function check(ctx: Ctx, op: Operation): void {
  if (!passesInfo(op)) return;
  const call = calleeText(op.node);
  const base = { call, withInfo: publishMessages(1, true), without: publishMessages(1, false) };
  const it = iterationOf(op.node);
  if (it && it.collection) {
    report(ctx, op, 'infoInLoop', {
      ...base,
      collection: shortText(it.collection, 40),
      example: EXAMPLE_ITEMS,
      loopWithInfo: publishMessages(EXAMPLE_ITEMS, true),
      loopWithout: publishMessages(EXAMPLE_ITEMS, false),
    });
    return;
  }
  if (resultUnused(op.node)) report(ctx, op, 'infoUnused', base);
}

function report(ctx: Ctx, op: Operation, messageId: MessageIds, data: Record<string, string | number>): void {
  ctx.report({ node: op.anchor, messageId, data });
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'info-on-hot-path',
    title: 'Ask for `info` only where the answer is read',
    description:
      'Finds `trigger` and `triggerBatch` calls that pass `info` (`user_count`, `subscription_count`) and never read the answer, or pass it once per item in a loop. Pusher counts a publish with `info` as two messages, so each such call doubles the publish side of the bill.',
    category: 'cost',
    severity: 'low',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    options: optionsSchema,
    messages,
    costLevers: { infoUnused: 'info-param', infoInLoop: 'info-param' },
  },
  check(ctx) {
    for (const op of ctx.model.inventory.operations) {
      if (op.side !== 'server' || (op.kind !== 'trigger' && op.kind !== 'triggerBatch') || !productServer(ctx, op.location.file)) continue;
      ctx.forFile(op.location.file, () => check(ctx, op));
    }
  },
});
