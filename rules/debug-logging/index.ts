import type { BinaryExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import * as z from 'zod';
import { conditionMeaning, onlyInDevelopment } from '../../src/analysis/dev-guard.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import { originOf } from '../../src/inventory/origins.js';
import { valueOf } from '../../src/inventory/values.js';
import { functionOf, isFunction, unwrap } from '../../src/analysis/ast.js';

export const optionsSchema = z.object({
  devFlags: z
    .array(z.string().min(1))
    .default([])
    .describe('Extra names (identifiers or dotted paths such as `config.verbose`) whose truth means "not production", for guards the rule does not know.'),
});
export type Options = z.infer<typeof optionsSchema>;
type Ctx = RuleContext<Options, MessageIds>;

export type MessageIds = 'logToConsole' | 'logPrints';

const messages: Record<MessageIds, RuleMessage> = {
  logToConsole: {
    text:
      '`{{target}} = {{value}}` makes pusher-js print every connection step and every event it receives, private and presence channels included, in every browser that loads this code; session-replay and error-tracking scripts collect the console too. Guard it with a development check (`Pusher.logToConsole = import.meta.env.DEV`) or remove it.',
  },
  logPrints: {
    text:
      '`{{target}}` is set to a function that prints with `{{printer}}`, so every pusher-js debug message (connection steps, channel names, event payloads) reaches the console in production. Only install it in development, or send the messages somewhere that is not shipped.',
  },
};

/** pusher-js as the code names it: an import or require of `pusher-js…`, or the CDN global. */
function isPusherJs(expr: Node): boolean {
  const origin = originOf(expr);
  if (!origin) return false;
  return 'module' in origin ? /^pusher-js(\/|$)/.test(origin.module) : origin.global === 'Pusher';
}

/** The console method a logger calls, if it is `console.log` itself or its body calls one outside a development branch. */
function printer(value: Node, devFlags: ReadonlySet<string>): string | undefined {
  const u = unwrap(value);
  const isConsole = (n: Node) => /^console\.\w+$/.test(unwrap(n).getText().replace(/\s+/g, ''));
  if (isConsole(u)) return u.getText();
  // `(...args) => console.log(...args)`, `function (m) { console.log(m) }`, `logger` declared above.
  const fn = Node.isArrowFunction(u) || Node.isFunctionExpression(u) ? u : Node.isIdentifier(u) ? functionOf(u) : undefined;
  if (!fn || !isFunction(fn)) return undefined;
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (isConsole(call.getExpression()) && !onlyInDevelopment(call, devFlags)) return unwrap(call.getExpression()).getText();
  }
  return undefined;
}

function checkAssignment(ctx: Ctx, assign: BinaryExpression, devFlags: ReadonlySet<string>): void {
  const left = unwrap(assign.getLeft());
  if (!Node.isPropertyAccessExpression(left)) return;
  const property = left.getName();
  if ((property !== 'logToConsole' && property !== 'log') || !isPusherJs(left.getExpression())) return;
  if (onlyInDevelopment(assign, devFlags)) return;
  const right = assign.getRight();
  const target = left.getText().replace(/\s+/g, '');
  if (property === 'logToConsole') {
    // `= import.meta.env.DEV`, `= process.env.NODE_ENV !== 'production'`: true only where it should be.
    if (conditionMeaning(right, devFlags) !== undefined) return;
    const value = valueOf(right);
    if (value.kind !== 'literal' || value.value !== true) return;
    ctx.report({ node: assign, messageId: 'logToConsole', data: { target, value: unwrap(right).getText() } });
    return;
  }
  const prints = printer(right, devFlags);
  if (prints) ctx.report({ node: assign, messageId: 'logPrints', data: { target, printer: prints } });
}

function checkSource(ctx: Ctx, sf: SourceFile, devFlags: ReadonlySet<string>): void {
  for (const assign of sf.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (assign.getOperatorToken().getKind() === SyntaxKind.EqualsToken) checkAssignment(ctx, assign, devFlags);
  }
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'debug-logging',
    title: 'pusher-js debug logging must not ship to production',
    description:
      'Finds `Pusher.logToConsole = true` and `Pusher.log` handlers that print to the console, outside a development check. pusher-js then logs every connection step and every received event, private channels included, in every user\'s browser, where session-replay and error-tracking scripts collect it.',
    category: 'security',
    severity: 'low',
    appliesTo: PRODUCT_CODE,
    requires: ['text', 'environments', 'ast'],
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    const devFlags = new Set(ctx.options.devFlags);
    // A cheap text test first: the assignment has to be spelled out in the file.
    for (const file of ctx.model.matching(/\.\s*(logToConsole|log)\s*=[^=]/)) {
      if (!ctx.appliesTo(file.path)) continue;
      ctx.forFile(file.path, () => {
        for (const script of ctx.model.project.ensure(file.path)) checkSource(ctx, script.sourceFile, devFlags);
      });
    }
  },
});
