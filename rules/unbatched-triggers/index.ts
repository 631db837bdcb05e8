import { Node } from '../../src/morph.js';
import * as z from 'zod';
import { calleeText } from '../../src/analysis/calls.js';
import { iterationsOf, variesPerRound, type Iteration } from '../../src/analysis/loops.js';
import { countPublishes } from '../../src/pusher/billing.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { Operation } from '../../src/inventory/types.js';
import { shortText, unwrap } from '../../src/analysis/ast.js';

export const optionsSchema = z.object({
  minRun: z
    .number()
    .int()
    .min(2)
    .default(2)
    .describe('How many consecutive triggers of the same event and payload to different channels make a run worth reporting.'),
});
export type Options = z.infer<typeof optionsSchema>;
type Ctx = RuleContext<Options, MessageIds>;

export type MessageIds = 'loopChannels' | 'loopEvents' | 'loopBatchable' | 'consecutiveTriggers';

const messages: Record<MessageIds, RuleMessage> = {
  loopChannels: {
    text:
      '`{{call}}` runs once per item of `{{collection}}` with the same event and payload, so each channel costs its own API request (one message each, two with `info`). Collect the channels and call `trigger` once per 100 of them: for {{example}} channels that is {{savedRequests}} fewer API requests and {{savedMessages}} fewer messages per run, with the same deliveries.',
  },
  loopEvents: {
    text:
      '`{{call}}` publishes each item of `{{collection}}` as its own request to the same channel: n items cost n API requests. Send them with `triggerBatch` (up to 10 events per call: {{example}} items take {{batchRequests}} requests instead of {{example}}), or as one event carrying the list when it stays under 10 KB, which also saves {{savedMessages}} of the messages.',
    severity: 'low',
  },
  loopBatchable: {
    text:
      '`{{call}}` sends one API request per item of `{{collection}}`, each with its own channel and data. `triggerBatch` takes up to 10 such events per request: {{example}} items take {{batchRequests}} requests instead of {{example}}. Pusher still counts each batched event as a message, so this saves HTTP round trips and rate-limit headroom, not billed messages.',
    severity: 'low',
  },
  consecutiveTriggers: {
    text:
      '{{count}} consecutive `{{call}}` calls publish the same `{{event}}` event and payload to {{count}} channels: {{requests}} API requests and {{messages}} messages before deliveries. One `trigger` naming the {{count}} channels (up to 100 per call) is one request, saving {{savedRequests}} API requests and {{savedMessages}} messages every time this runs.',
  },
};

const CHANNELS_PER_TRIGGER = 100;
const EVENTS_PER_BATCH = 10;
/** The channel count the loop messages price the fix at: the most one trigger can name. */
const EXAMPLE_CHANNELS = CHANNELS_PER_TRIGGER;
/** A collection whose items are already groups of channels or events (`chunk(ids, 100)`): batched on purpose. */
const GROUPED = /chunk|batch|group|slice|page|window|bucket/i;

function productServer(ctx: Ctx, file: string): boolean {
  return ctx.appliesTo(file) && ctx.model.environments.get(file)?.shipsToClient !== true;
}

/** API requests (messages on the publish side) of `publishes` triggers naming `channels` channels each. */
function apiRequests(publishes: number, withInfo: boolean): number {
  return countPublishes({ publishes, subscribersPerChannel: 0, infoShare: withInfo ? 1 : 0 }).api;
}

function hasInfo(op: Operation): boolean {
  return op.params.includes('info');
}

/** A channel argument that is already a list of channels: `trigger(chunk, …)` in a loop over chunks is correct batching. */
function isChannelList(node: Node): boolean {
  const u = unwrap(node);
  if (Node.isArrayLiteralExpression(u)) return true;
  try {
    const type = u.getType();
    return type.isArray() || type.isTuple();
  } catch {
    return false;
  }
}

/** The loop round in which the channel changes, when the event does not; `perChannel` when the payload changes too. */
function perChannelLoop(op: Operation): { it: Iteration; perChannel: boolean } | undefined {
  if (!op.channelNode) return undefined;
  for (const it of iterationsOf(op.node)) {
    if (!variesPerRound(op.channelNode, it)) continue;
    if (op.eventNode && variesPerRound(op.eventNode, it)) return undefined;
    return { it, perChannel: op.payloadNode !== undefined && variesPerRound(op.payloadNode, it) };
  }
  return undefined;
}

/** A loop over a collection that sends one event per item to a channel that does not change. */
function perItemLoop(op: Operation): Iteration | undefined {
  if (!op.channelNode || !op.payloadNode) return undefined;
  const it = iterationsOf(op.node)[0];
  if (!it || !overCollection(it)) return undefined;
  if (variesPerRound(op.channelNode, it) || (op.eventNode && variesPerRound(op.eventNode, it))) return undefined;
  return variesPerRound(op.payloadNode, it) ? it : undefined;
}

/** `for…of`, `map`, an indexed `for`: one round per item. A `while` or a retry counter is not a list of publishes. */
function overCollection(it: Iteration): boolean {
  return it.kind !== 'while' && it.kind !== 'do' && it.collection !== undefined && !GROUPED.test(it.collection.getText());
}

function checkLoop(ctx: Ctx, op: Operation): boolean {
  if (op.channelNode && isChannelList(op.channelNode)) return false;
  const call = calleeText(op.node);
  const info = hasInfo(op);
  const channels = perChannelLoop(op);
  if (channels && !channels.perChannel) {
    if (channels.it.collection && GROUPED.test(channels.it.collection.getText())) return false;
    const merged = Math.ceil(EXAMPLE_CHANNELS / CHANNELS_PER_TRIGGER);
    report(ctx, op, 'loopChannels', {
      call,
      collection: collectionText(channels.it),
      example: EXAMPLE_CHANNELS,
      savedRequests: EXAMPLE_CHANNELS - merged,
      savedMessages: apiRequests(EXAMPLE_CHANNELS, info) - apiRequests(merged, info),
    }, channels.it);
    return true;
  }
  const example = EVENTS_PER_BATCH * 2;
  const batchRequests = Math.ceil(example / EVENTS_PER_BATCH);
  if (channels && overCollection(channels.it)) {
    report(ctx, op, 'loopBatchable', { call, collection: collectionText(channels.it), example, batchRequests }, channels.it);
    return true;
  }
  const items = perItemLoop(op);
  if (items) {
    report(ctx, op, 'loopEvents', {
      call,
      collection: collectionText(items),
      example,
      batchRequests,
      savedMessages: apiRequests(example, info) - apiRequests(1, info),
    }, items);
    return true;
  }
  return false;
}

function collectionText(it: Iteration): string {
  return it.collection ? shortText(it.collection, 40) : it.kind;
}

/** What must be equal for two triggers to be one publish to more channels: receiver, event, payload and params. */
function publishKey(op: Operation): string | undefined {
  if (!Node.isCallExpression(op.node) || !op.channelNode || !op.eventNode) return undefined;
  const args = op.node.getArguments();
  const text = (n: Node | undefined) => (n ? n.getText().replace(/\s+/g, ' ') : '');
  return [text(unwrap(op.node.getExpression())), text(args[1]), text(args[2]), text(args[3])].join('\u0000');
}

/** The statement (or `Promise.all([...])` element) a trigger call is, when it is nothing more than the call. */
function unitOf(call: Node): Node {
  let cur = call;
  for (let parent = cur.getParent(); parent; cur = parent, parent = parent.getParent()) {
    if (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isVoidExpression(parent)) continue;
    if (Node.isExpressionStatement(parent)) return parent;
    break;
  }
  return cur;
}

/** The statements or array elements around a unit, in order. */
function siblingsOf(unit: Node): Node[] | undefined {
  const parent = unit.getParent();
  if (!parent) return undefined;
  if (Node.isExpressionStatement(unit) && (Node.isBlock(parent) || Node.isSourceFile(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent))) return parent.getStatements();
  if (Node.isArrayLiteralExpression(parent)) return parent.getElements();
  return undefined;
}

/**
 * Runs of consecutive triggers with one event and payload and different channels, reported at
 * the first trigger of the run (one problem, one finding).
 */
function checkRuns(ctx: Ctx, ops: readonly Operation[]): void {
  const byUnit = new Map<Node, Operation>();
  for (const op of ops) byUnit.set(unitOf(op.node), op);
  const seen = new Set<Operation>();
  for (const op of ops) {
    if (seen.has(op)) continue;
    const siblings = siblingsOf(unitOf(op.node));
    if (!siblings) continue;
    const key = publishKey(op);
    if (key === undefined) continue;
    const start = siblings.indexOf(unitOf(op.node));
    const run = [op];
    for (let i = start + 1; i < siblings.length; i++) {
      const next = byUnit.get(siblings[i]!);
      if (!next || publishKey(next) !== key) break;
      run.push(next);
    }
    for (const r of run) seen.add(r);
    const channels = new Set(run.map((r) => r.channelNode!.getText()));
    if (run.length < ctx.options.minRun || channels.size !== run.length) continue;
    const info = hasInfo(op);
    const count = run.length;
    const requests = count;
    const merged = Math.ceil(count / CHANNELS_PER_TRIGGER);
    report(ctx, op, 'consecutiveTriggers', {
      count,
      call: calleeText(op.node),
      event: shortText(op.eventNode!, 40),
      requests,
      messages: apiRequests(count, info),
      savedRequests: requests - merged,
      savedMessages: apiRequests(count, info) - apiRequests(merged, info),
    });
  }
}

/**
 * Where a loop finding points: for a per-item callback (`channels.map((ch) => pusher.trigger(…))`)
 * the method that iterates (`map`), since that call is the one the fix replaces and a multi-line
 * callback's trigger sits lines away from it; for a loop statement the trigger itself, so a
 * change-only gate still sees a trigger added to an existing loop.
 */
function loopAnchor(op: Operation, it: Iteration): Node {
  if (it.kind !== 'callback') return op.anchor;
  const call = it.scope.getParent();
  if (!call || !Node.isCallExpression(call)) return op.anchor;
  const callee = unwrap(call.getExpression());
  return Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
}

function report(ctx: Ctx, op: Operation, messageId: MessageIds, data: Record<string, string | number>, it?: Iteration): void {
  ctx.report({ node: it ? loopAnchor(op, it) : op.anchor, messageId, data });
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'unbatched-triggers',
    title: 'Publish one event to many channels in one trigger',
    description:
      'Finds server code that calls `trigger` once per channel (in a `for`/`while` loop, a `map`/`forEach`/`reduce` callback or `Promise.all` over a collection, or as a run of identical calls) where one `trigger` naming up to 100 channels would do, and loops that publish one event per item where `triggerBatch` takes 10. Pusher counts every API request as a message, so each extra call is billed.',
    category: 'cost',
    severity: 'medium',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    options: optionsSchema,
    messages,
    costLevers: { loopChannels: 'n-plus-one-triggers', consecutiveTriggers: 'n-plus-one-triggers' },
  },
  check(ctx) {
    const byFile = new Map<string, Operation[]>();
    for (const op of ctx.model.inventory.operations) {
      if (op.side !== 'server' || op.kind !== 'trigger' || !productServer(ctx, op.location.file)) continue;
      byFile.set(op.location.file, [...(byFile.get(op.location.file) ?? []), op]);
    }
    for (const [file, ops] of byFile) {
      ctx.forFile(file, () => {
        const rest = ops.filter((op) => !checkLoop(ctx, op));
        checkRuns(ctx, rest);
      });
    }
  },
});
