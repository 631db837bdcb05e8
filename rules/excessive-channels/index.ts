import { Node, SyntaxKind } from '../../src/morph.js';
import * as z from 'zod';
import { callersOf } from '../../src/analysis/callers.js';
import { calleeText } from '../../src/analysis/calls.js';
import { variesPerRound, type Iteration } from '../../src/analysis/loops.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { Severity } from '../../src/engine/types.js';
import type { Operation } from '../../src/inventory/types.js';
import { declarationsOf, shortText } from '../../src/analysis/ast.js';
import { fromProps, mountedIn, renderedPerItem, repeatingIteration, type Host, type Rendering } from './rows.js';

export const optionsSchema = z.object({
  maxFixedChannels: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe('A loop over a list written out in the code (an array literal, a const object\'s keys, `i < 3`) with at most this many items is a fixed set of channels, not one per item.'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'subscribePerItem' | 'subscribePerRow';
type Ctx = RuleContext<Options, MessageIds>;

const PUBLIC_LOW = { low: 'on a public channel, which needs no auth request' };

const messages: Record<MessageIds, RuleMessage> = {
  subscribePerItem: {
    otherSeverities: PUBLIC_LOW,
    text: '`{{call}}` subscribes to `{{channel}}` once per item of `{{collection}}`: one channel per item, all on this connection. Pusher neither limits nor bills subscriptions, but each one is a subscribe round trip and, on a private or presence channel, a request of its own to your auth endpoint (a signature covers one channel), and the server has to publish to every item\'s channel. Subscribe once to a channel the items share (`private-user-${userId}`, `private-board-${boardId}`), send the item id in the event and filter on the client.',
  },
  subscribePerRow: {
    otherSeverities: PUBLIC_LOW,
    text: '`{{component}}` subscribes to `{{channel}}` when it mounts, and `{{parentFile}}` (line {{parentLine}}) renders one per item of `{{list}}`: one channel per row, all on this connection. Pusher neither limits nor bills subscriptions, but each one is a subscribe round trip and, on a private or presence channel, a request of its own to your auth endpoint (a signature covers one channel), repeated as rows scroll in and out. Subscribe once in the list to a channel its rows share, send the item id in the event and hand each row its updates.',
  },
};

/** Private and presence channels are authorized one by one: n rows are n requests to the auth endpoint. */
function severityOf(op: Operation): Severity {
  const type = op.channels[0]?.type;
  return type === 'private' || type === 'presence' || type === 'private-encrypted' ? 'medium' : 'low';
}

function channelText(op: Operation): string {
  return op.channels[0]?.pattern ?? (op.channelNode ? shortText(op.channelNode, 50) : 'a channel');
}

function collectionText(it: Iteration): string {
  return it.collection ? shortText(it.collection, 40) : shortText(it.scope, 40);
}

/**
 * The loop that repeats a subscription with a new channel each round: around the call itself, or
 * around a call of the function it sits in when its channel comes from that function's parameters
 * (`rooms.forEach((r) => joinRoom(r.id))`).
 */
function perItemLoop(ctx: Ctx, op: Operation): Iteration | undefined {
  const channel = op.channelNode;
  if (!channel) return undefined;
  const max = ctx.options.maxFixedChannels;
  const own = repeatingIteration(op.node, max, (it) => variesPerRound(channel, it));
  if (own) return own;
  const fn = op.node.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isMethodDeclaration(a));
  if (!fn || !(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn))) return undefined;
  const params = fn.getParameters();
  const used = params.map((p, i) => ({ p, i })).filter(({ p }) => dependsOn(channel, p));
  if (used.length === 0) return undefined;
  for (const call of callersOf(ctx.model, fn)) {
    const args = call.getArguments();
    const it = repeatingIteration(call, max, (loop) => used.some(({ i }) => args[i] !== undefined && variesPerRound(args[i]!, loop)));
    if (it) return it;
  }
  return undefined;
}

/** Whether an expression reads a parameter (directly or through one const). */
function dependsOn(expr: Node, param: Node, depth = 0): boolean {
  if (depth > 3) return false;
  for (const id of Node.isIdentifier(expr) ? [expr] : expr.getDescendantsOfKind(SyntaxKind.Identifier)) {
    for (const decl of declarationsOf(id)) {
      if (decl === param || decl.getFirstAncestor((a) => a === param)) return true;
      if (Node.isVariableDeclaration(decl) && decl.getInitializer() && dependsOn(decl.getInitializer()!, param, depth + 1)) return true;
    }
  }
  return false;
}

/** The component that subscribes when it mounts, with a channel from its props, and where a list renders it per item. */
function perRow(ctx: Ctx, op: Operation): { host: Host; rendering: Rendering } | undefined {
  const channel = op.channelNode;
  const ref = op.channels[0];
  if (!channel || (ref && ref.dynamicParts.length === 0 && ref.name !== null)) return undefined;
  const mounted = mountedIn(op.node, op.location.file);
  if (!mounted || !fromProps(channel, mounted.host)) return undefined;
  const max = ctx.options.maxFixedChannels;
  const counted = (file: string) => ctx.appliesTo(file);
  if (!mounted.hook) {
    const rendering = renderedPerItem(ctx.model, mounted.host, max, counted);
    return rendering ? { host: mounted.host, rendering } : undefined;
  }
  // A hook: the rows are the components that call it with something from their own props.
  for (const call of callersOf(ctx.model, mounted.hook)) {
    const file = ctx.model.project.scriptOf(call)?.file.path;
    if (!file || !counted(file)) continue;
    const caller = mountedIn(call, file);
    if (!caller || caller.hook || !call.getArguments().some((a) => fromProps(a, caller.host))) continue;
    const rendering = renderedPerItem(ctx.model, caller.host, max, counted);
    if (rendering) return { host: caller.host, rendering };
  }
  return undefined;
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'excessive-channels',
    title: 'Subscribe once per list, not once per item',
    description:
      'Finds client code that subscribes to one channel per item: in a loop or array callback over a collection, or in a component that subscribes when it mounts and that a list renders once per row (React `map` and FlatList `renderItem`, Vue `v-for`, Svelte `{#each}`, Angular `*ngFor` / `@for`). Each subscription is a round trip and, on private and presence channels, a request to the auth endpoint; one channel the items share, with the item id in the event, does the same job.',
    category: 'performance',
    severity: 'medium',
    appliesTo: PRODUCT_CODE,
    requires: ['imports', 'environments', 'ast', 'inventory'],
    precision: 'high', // 3 of 3 correct on the blind set heldout-4, at its first run; a small sample
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    for (const op of ctx.model.inventory.operations) {
      if (op.kind !== 'subscribe' || op.side !== 'client' || !ctx.appliesTo(op.location.file)) continue;
      ctx.forFile(op.location.file, () => {
        const severity = severityOf(op);
        const loop = perItemLoop(ctx, op);
        if (loop) {
          ctx.report({ node: op.anchor, messageId: 'subscribePerItem', severity, data: { call: calleeText(op.node), channel: channelText(op), collection: collectionText(loop) } });
          return;
        }
        const row = perRow(ctx, op);
        if (row) {
          ctx.report({ node: op.anchor, messageId: 'subscribePerRow', severity, data: { component: row.host.name, channel: channelText(op), parentFile: row.rendering.file, parentLine: row.rendering.line, list: row.rendering.list.replace(/\s+/g, ' ').slice(0, 60) } });
        }
      });
    }
  },
});
