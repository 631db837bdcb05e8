import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import * as z from 'zod';
import { calleeName } from '../../src/analysis/callee.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { Operation } from '../../src/inventory/types.js';
import { valueOf } from '../../src/inventory/values.js';
import { functionOf, isFunction, unwrap } from '../../src/analysis/ast.js';
import { constantValue } from '../../src/analysis/constant-eval.js';

export const optionsSchema = z.object({
  minIntervalMs: z
    .number()
    .int()
    .positive()
    .default(100)
    .describe('A `setInterval` faster than this (in ms) counts as a high-frequency source. Pusher accepts at most 10 client events per second per connection.'),
});
export type Options = z.infer<typeof optionsSchema>;
type Ctx = RuleContext<Options, MessageIds>;

export type MessageIds = 'publicChannel' | 'encryptedChannel' | 'missingPrefix' | 'highFrequency';

const messages: Record<MessageIds, RuleMessage> = {
  publicChannel: {
    text:
      'Client events are only accepted on private and presence channels; `{{channel}}` is public, so Pusher rejects this `{{event}}` and nobody receives it. Subscribe to a `private-` or `presence-` channel (with an auth endpoint) for peer-to-peer events.',
  },
  encryptedChannel: {
    text:
      'pusher-js does not support client events on `private-encrypted-` channels (`{{channel}}`): this trigger throws. Send the event through your server, or use a `private-` channel if end-to-end encryption is not needed for it.',
  },
  missingPrefix: {
    text:
      'Client event names must start with `client-`; pusher-js throws on `{{event}}` before sending it. Rename it `client-{{event}}` (and the listeners).',
  },
  highFrequency: {
    text:
      'This client event fires from {{source}} without throttling: Pusher accepts at most 10 client events per second per connection and answers the rest with error 4301, and each one is billed on send and on every delivery. Throttle it (e.g. `throttle(fn, 100)`), or send only changes.',
  },
};

/** DOM events that fire many times a second. */
const HIGH_FREQUENCY = new Set(['mousemove', 'pointermove', 'touchmove', 'pointerrawupdate', 'scroll', 'wheel', 'drag', 'dragover', 'resize', 'mouseover', 'input', 'keydown', 'keyup', 'keypress']);
/** Typing: a reviewer accepts a client event sent on a state change (`if (!typing) …`), not on every keystroke. */
const TYPING = new Set(['input', 'keydown', 'keyup', 'keypress']);
/** JSX `onMouseMove`, Svelte 5 `onmousemove`, Svelte 4 `on:mousemove`, Vue `@mousemove` / `v-on:mousemove`. */
const JSX_PROP = /^on(?::)?([A-Za-z]+)$/;
const THROTTLE = /throttle|debounce|raf(Schd|Throttle)?$/i;

interface Source {
  fn: Node;
  event: string;
  description: string;
}

function literalText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const v = valueOf(node);
  return v.kind === 'literal' && (typeof v.value === 'string' || typeof v.value === 'number') ? String(v.value) : undefined;
}

/**
 * The function a handler expression runs, unless it is throttled: `throttle(fn, 100)`,
 * `useThrottleFn(fn)`, or a const made by one of them.
 */
function handlerFunction(expr: Node | undefined, depth = 0): Node | undefined {
  if (!expr || depth > 3) return undefined;
  const u = unwrap(expr);
  if (Node.isArrowFunction(u) || Node.isFunctionExpression(u)) return u;
  if (Node.isCallExpression(u)) {
    const name = calleeName(u.getExpression());
    // `useCallback((e) => …, [])` runs its argument as is; a throttle wrapper does not.
    return /^(useCallback|useEvent|useEffectEvent|withModifiers)$/.test(name) ? handlerFunction(u.getArguments()[0], depth + 1) : undefined;
  }
  if (Node.isIdentifier(u) || Node.isPropertyAccessExpression(u)) {
    const fn = functionOf(u);
    if (fn) return fn;
    for (const decl of u.getSymbol()?.getDeclarations() ?? []) {
      if (Node.isVariableDeclaration(decl)) return handlerFunction(decl.getInitializer(), depth + 1);
    }
  }
  return undefined;
}

/** Every high-frequency registration in a parsed script: listeners, JSX props, animation frames, fast intervals. */
function sourcesIn(sf: SourceFile, options: Options): Source[] {
  const out: Source[] = [];
  const add = (expr: Node | undefined, event: string, description: string) => {
    const fn = handlerFunction(expr);
    if (fn) out.push({ fn, event, description });
  };
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const name = calleeName(call.getExpression());
    const args = call.getArguments();
    if (name === 'addEventListener' || name === 'useEventListener') {
      // VueUse `useEventListener(target, 'mousemove', fn)` puts the target first.
      const eventIndex = name === 'useEventListener' && args.length >= 3 ? 1 : 0;
      const event = literalText(args[eventIndex])?.toLowerCase();
      if (event && HIGH_FREQUENCY.has(event)) add(args[eventIndex + 1], event, `a \`${event}\` listener`);
    } else if (name === 'requestAnimationFrame') {
      add(args[0], 'frame', 'an animation-frame loop');
    } else if (name === 'setInterval') {
      const delay = args[1] ? constantValue(args[1]) : undefined;
      const ms = typeof delay === 'number' ? delay : Number(literalText(args[1]));
      if (Number.isFinite(ms) && ms < options.minIntervalMs) add(args[0], 'interval', `a ${Math.round(ms)} ms interval`);
    }
  }
  for (const attr of sf.getDescendantsOfKind(SyntaxKind.JsxAttribute)) {
    const m = JSX_PROP.exec(attr.getNameNode().getText());
    const event = m?.[1]?.toLowerCase();
    const init = attr.getInitializer();
    if (event && HIGH_FREQUENCY.has(event) && init && Node.isJsxExpression(init)) add(init.getExpression(), event, `an \`on${m![1]}\` handler`);
  }
  for (const assign of sf.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const left = unwrap(assign.getLeft());
    const event = Node.isPropertyAccessExpression(left) ? /^on([a-z]+)$/.exec(left.getName())?.[1] : undefined;
    if (assign.getOperatorToken().getKind() === SyntaxKind.EqualsToken && event && HIGH_FREQUENCY.has(event)) add(assign.getRight(), event, `an \`on${event}\` handler`);
  }
  return out;
}

/**
 * Vue and Svelte markup: `@pointermove="onMove"`, `@pointermove="onMove($event)"`,
 * `@touchmove="(e) => draw(e)"`, `v-on:mousemove.passive="…"`, `on:mousemove={onMove}`,
 * `onpointermove={onMove}`. The value is not parsed: the script functions it names (bare, or
 * called) are the handlers.
 */
function markupSources(text: string, sf: SourceFile): Source[] {
  const out: Source[] = [];
  const re = /(?:@|v-on:|on:|\bon)([a-z]+)(?:\|[\w|]+|\.[\w.]+)?\s*=\s*(?:"([^"]*)"|\{([^}]*)\})/g;
  for (const m of text.matchAll(re)) {
    const event = m[1]!;
    if (!HIGH_FREQUENCY.has(event)) continue;
    const value = (m[2] ?? m[3] ?? '').trim();
    const names = /^[A-Za-z_$][\w$]*$/.test(value) ? [value] : [...value.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)].map((c) => c[1]!);
    for (const name of new Set(names)) {
      const decl = sf.getFunction(name) ?? sf.getVariableDeclaration(name)?.getInitializer();
      const handler = decl && Node.isFunctionDeclaration(decl) ? decl : handlerFunction(decl);
      if (handler) out.push({ fn: handler, event, description: `a \`${event}\` handler in the template` });
    }
  }
  return out;
}

/** A time check inside the handler (`if (now - last < 100) return`): throttled by hand. */
function throttledByHand(fn: Node): boolean {
  return /\b(Date\.now|performance\.now)\(\)/.test(fn.getText()) && fn.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => /^[<>]=?$/.test(b.getOperatorToken().getText()));
}

/** Whether the trigger sits under an `if` inside the handler: sent on a state change, not on every event. */
function conditional(call: Node, fn: Node): boolean {
  for (let n = call.getParent(); n && n !== fn; n = n.getParent()) if (Node.isIfStatement(n) || Node.isConditionalExpression(n)) return true;
  return false;
}

/** The source whose handler runs `call`, directly or through one local function it calls. */
function highFrequencySource(call: Node, sources: readonly Source[]): Source | undefined {
  const enclosing = call.getAncestors().filter((a) => isFunction(a));
  for (const s of sources) {
    if (enclosing.includes(s.fn)) {
      // Throttled inside: `const send = throttle(() => channel.trigger(…), 100)` within the handler.
      const throttledCall = call.getAncestors().some((a) => Node.isCallExpression(a) && THROTTLE.test(calleeName(a.getExpression())) && s.fn.containsRange(a.getPos(), a.getEnd()) && a !== s.fn);
      if (throttledCall || throttledByHand(s.fn) || (TYPING.has(s.event) && conditional(call, s.fn))) continue;
      return s;
    }
    // One level: the handler calls `sendCursor(e)`, which triggers.
    const named = enclosing[enclosing.length - 1];
    if (!named) continue;
    for (const c of s.fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (functionOf(unwrap(c.getExpression())) === named && !throttledByHand(s.fn) && !throttledByHand(named)) return s;
    }
  }
  return undefined;
}

function checkOperation(ctx: Ctx, op: Operation, sources: readonly Source[]): void {
  const channel = op.channels[0];
  const event = op.event?.name ?? undefined;
  const channelName = channel?.pattern ?? 'this channel';
  if (channel && channel.type === 'public' && !channel.pattern.startsWith('${')) {
    ctx.report({ node: op.node, messageId: 'publicChannel', data: { channel: channelName, event: event ?? 'event' } });
    return;
  }
  if (channel?.type === 'private-encrypted') {
    ctx.report({ node: op.node, messageId: 'encryptedChannel', data: { channel: channelName } });
    return;
  }
  if (event !== undefined && !event.startsWith('client-')) {
    ctx.report({ node: op.node, messageId: 'missingPrefix', data: { event } });
    return;
  }
  const source = highFrequencySource(op.node, sources);
  if (source) ctx.report({ node: op.node, messageId: 'highFrequency', data: { source: source.description } });
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'client-event-misuse',
    title: 'Client events need an authorized channel, a client- name and a rate under 10 per second',
    description:
      'Finds client events (`channel.trigger` in pusher-js, Echo `whisper`) that Pusher or pusher-js rejects: on public or `private-encrypted-` channels, or with names that do not start with `client-`, and client events fired from mousemove, pointer, scroll, input, animation-frame or fast-interval handlers without throttling, which pass the 10-per-second limit (error 4301) and are billed per send and per delivery.',
    category: 'reliability',
    severity: 'medium',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    const byFile = new Map<string, Operation[]>();
    for (const op of ctx.model.inventory.operations) {
      if (op.kind !== 'client-event') continue;
      if (!ctx.appliesTo(op.location.file)) continue;
      byFile.set(op.location.file, [...(byFile.get(op.location.file) ?? []), op]);
    }
    for (const [file, ops] of byFile) {
      ctx.forFile(file, () => {
        const text = ctx.model.fileByPath.get(file)?.text ?? '';
        const sources = ctx.model.project.scriptsOf(file).flatMap((s) => [...sourcesIn(s.sourceFile, ctx.options), ...(/\.(vue|svelte)$/.test(file) ? markupSources(text, s.sourceFile) : [])]);
        for (const op of ops) checkOperation(ctx, op, sources);
      });
    }
  },
});
