import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import * as z from 'zod';
import { callersOf } from '../../src/analysis/callers.js';
import { takesRequest } from '../../src/analysis/request.js';
import { calleeName } from '../../src/analysis/callee.js';
import { unservedRoute } from '../../src/analysis/served.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import { functionOf, isFunction, unwrap } from '../../src/analysis/ast.js';
import { actsOnEvents } from './effects.js';

export const optionsSchema = z.object({
  verifiers: z
    .array(z.string().min(1))
    .default([])
    .describe('Names of your own functions or middleware that verify a Pusher webhook signature, when their names do not say so (names with verify/validate/signature/authentic are already trusted).'),
});
export type Options = z.infer<typeof optionsSchema>;
type Ctx = RuleContext<Options, MessageIds>;

export type MessageIds = 'noVerification' | 'timingUnsafeCompare';

const messages: Record<MessageIds, RuleMessage> = {
  noVerification: {
    text:
      'This handler consumes Pusher webhooks ({{evidence}}) without checking their signature: anyone who finds the URL can post forged `member_added`, `channel_vacated` or `client_event` events {{consequence}}. Verify before reading the body: `const webhook = pusher.webhook({ headers, rawBody }); if (!webhook.isValid()) return 401`.',
    otherSeverities: { low: 'when the handler only reads, logs and answers: a forged event changes nothing until it acts on the events' },
  },
  timingUnsafeCompare: {
    text:
      'This handler checks the Pusher webhook HMAC with `{{operator}}`, which stops at the first differing character, so response times leak how much of a forged signature is right{{consequence}}. Compare with `crypto.timingSafeEqual` (equal-length buffers), or use `pusher.webhook({ headers, rawBody }).isValid()`, which does.',
    severity: 'medium',
    otherSeverities: { low: 'when the handler only reads, logs and answers: a forged event gains nothing yet' },
  },
};

/** Webhook event names Pusher sends (`events[].name`). */
const WEBHOOK_EVENTS = new Set(['channel_occupied', 'channel_vacated', 'member_added', 'member_removed', 'client_event', 'cache_miss', 'subscription_count']);
const PUSHER_HEADER = /^x-pusher-(signature|key)$/i;
/** Constant-time comparisons: Node's, and the usual packages and helpers. */
const CONSTANT_TIME = /^(timingSafeEqual|safeCompare|secureCompare|constantTimeEqual|constantTimeCompare|timingSafeCompare|tsscmp|scmp)$/;
/** A function or middleware whose name says it checks the request. */
const VERIFIER = /verif|validat|signature|authentic/i;
const MAX_DEPTH = 2;

interface Evidence {
  node: Node;
  what: string;
}

/**
 * An event name the code tests an incoming event against (`e.name === 'member_added'`, `case
 * 'channel_vacated':`, `['member_added', …].includes(e.name)`). The same words also name what a
 * publish asks for (`trigger(…, { info: 'subscription_count' })`), which reads no webhook.
 */
function comparedAsName(literal: Node): boolean {
  const parent = literal.getParent();
  if (!parent) return false;
  if (Node.isCaseClause(parent)) return true;
  if (Node.isBinaryExpression(parent)) return /^[!=]==?$/.test(parent.getOperatorToken().getText());
  return Node.isArrayLiteralExpression(parent);
}

/** What in a source file says it reads Pusher webhooks. */
function evidenceIn(sf: SourceFile): Evidence[] {
  const out: Evidence[] = [];
  sf.forEachDescendant((node) => {
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
      const text = node.getLiteralText();
      if (PUSHER_HEADER.test(text)) out.push({ node, what: `reads \`${text.toLowerCase()}\`` });
      else if (WEBHOOK_EVENTS.has(text) && comparedAsName(node)) out.push({ node, what: `handles \`${text}\` events` });
    } else if (Node.isCallExpression(node)) {
      const callee = unwrap(node.getExpression());
      // `pusher.webhook(req)`: the SDK's own webhook reader.
      if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'webhook' && /pusher/i.test(callee.getExpression().getText())) {
        out.push({ node, what: `reads \`${callee.getText()}(…)\`` });
      }
    }
  });
  return out;
}

/** Callbacks that iterate or chain, whose `(e) =>` / `(event) =>` parameter is an item, never a request. */
const CALLBACK_OF = /^(filter|map|forEach|find|findIndex|some|every|reduce|flatMap|sort|then|catch|finally)$/;

function isCallback(fn: Node): boolean {
  const call = fn.getParent();
  return call !== undefined && Node.isCallExpression(call) && CALLBACK_OF.test(calleeName(call.getExpression()));
}

/** The outermost enclosing function that takes a request (the route, not a callback inside it), else the outermost function. */
function handlerOf(node: Node): Node | undefined {
  let outermost: Node | undefined;
  let handler: Node | undefined;
  for (const a of node.getAncestors()) {
    if (!isFunction(a) || isCallback(a)) continue;
    outermost = a;
    if (takesRequest(a)) handler = a;
  }
  return handler ?? outermost;
}

type Check = 'verified' | { operator: string } | undefined;

/** A comparison of an HMAC digest with `===` / `!==`, given the function computes one. */
function unsafeCompare(fn: Node): string | undefined {
  if (!fn.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => calleeName(c.getExpression()) === 'createHmac')) return undefined;
  for (const bin of fn.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const op = bin.getOperatorToken().getText();
    if (op === '===' || op === '!==' || op === '==' || op === '!=') {
      const sides = `${bin.getLeft().getText()} ${bin.getRight().getText()}`;
      if (/sig|hmac|digest|expected|hash/i.test(sides)) return op;
    }
  }
  return undefined;
}

/** Whether a function checks the signature itself, or calls something that does (`depth` levels of local helpers). */
function check(fn: Node, verifiers: ReadonlySet<string>, depth = 0, seen = new Set<Node>()): Check {
  if (seen.has(fn)) return undefined;
  seen.add(fn);
  let unsafe: Check;
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const name = calleeName(call.getExpression());
    // `webhook.isValid()` only counts when its answer is used (`if (!…)`, `return …`, `const ok = …`).
    if (name === 'isValid') {
      if (!Node.isExpressionStatement(call.getParent())) return 'verified';
      continue;
    }
    if (CONSTANT_TIME.test(name)) return 'verified';
    const verdict = callee(call, name, verifiers, depth, seen);
    if (verdict === 'verified') return verdict;
    unsafe ??= verdict;
  }
  const operator = unsafeCompare(fn);
  return operator ? { operator } : unsafe;
}

/** A call of a verifier: a local helper is read (and must verify); one from a package is trusted by its name. */
function callee(call: CallExpression, name: string, verifiers: ReadonlySet<string>, depth: number, seen: Set<Node>): Check {
  // The user vouches for a name in `verifiers`: its body may rest on what the rule cannot read (an in-house HMAC helper).
  if (verifiers.has(name)) return 'verified';
  const named = VERIFIER.test(name);
  const fn = functionOf(unwrap(call.getExpression()));
  if (!fn) return named ? 'verified' : undefined;
  if (depth >= MAX_DEPTH || (!named && !call.getArguments().some((a) => /req|request|event|headers|body|signature/i.test(a.getText())))) return undefined;
  return check(fn, verifiers, depth + 1, seen);
}

/** Middleware before the handler in the same registration (`router.post(path, verifyPusher, handler)`), and NestJS guards. */
function guardedAround(handler: Node, verifiers: ReadonlySet<string>): boolean {
  const parent = handler.getParent();
  if (parent && Node.isCallExpression(parent)) {
    for (const arg of parent.getArguments()) {
      if (arg === handler) break;
      const u = unwrap(arg);
      const name = Node.isCallExpression(u) ? calleeName(u.getExpression()) : calleeName(u);
      if (VERIFIER.test(name) || verifiers.has(name)) return true;
      const fn = Node.isIdentifier(u) ? functionOf(u) : undefined;
      if (fn && check(fn, verifiers) === 'verified') return true;
    }
  }
  if (Node.isMethodDeclaration(handler)) {
    const cls = handler.getParent();
    const decorators = [...handler.getDecorators(), ...(Node.isClassDeclaration(cls) ? cls.getDecorators() : [])];
    if (decorators.some((d) => /^(UseGuards|UseInterceptors)$/.test(d.getName()) && /webhook|signature|pusher|verif/i.test(d.getArguments().map((a) => a.getText()).join(' ')))) return true;
  }
  return false;
}

/** The line a reviewer calls "the handler": the declaration, the registration call, or the exported statement. */
function anchorOf(handler: Node): Node {
  if (Node.isFunctionDeclaration(handler) || Node.isMethodDeclaration(handler)) return handler;
  const parent = handler.getParent();
  if (!parent) return handler;
  if (Node.isCallExpression(parent)) return parent;
  if (Node.isVariableDeclaration(parent)) return parent.getVariableStatement() ?? parent;
  if (Node.isBinaryExpression(parent)) return parent.getParent() ?? parent;
  if (Node.isExportAssignment(parent)) return parent;
  return handler;
}

/** The name a function is declared under (`function fromPusher`, `const fromPusher = (req) =>`, a method). */
function declaredName(fn: Node): string | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  return parent && Node.isVariableDeclaration(parent) ? parent.getName() : undefined;
}

function judge(ctx: Ctx, handler: Node, evidence: Evidence, verifiers: ReadonlySet<string>, extra: Node[] = []): void {
  // A verifier the user named reads the Pusher headers because checking them is its job.
  const name = declaredName(handler);
  if ((name !== undefined && verifiers.has(name)) || guardedAround(handler, verifiers)) return;
  let verdict = check(handler, verifiers);
  for (const fn of extra) if (verdict !== 'verified') verdict = check(fn, verifiers) ?? verdict;
  if (verdict === 'verified') return;
  const node = anchorOf(handler);
  const acts = actsOnEvents([handler, ...extra]);
  if (verdict) {
    const consequence = acts ? '' : ' (this handler does nothing with the events yet, so a forged one gains nothing until it does)';
    ctx.report({ node, messageId: 'timingUnsafeCompare', severity: acts ? 'medium' : 'low', data: { operator: verdict.operator, consequence } });
  } else {
    const consequence = acts ? 'and the app acts on them' : 'which this handler only reads and answers today: whatever it later does with them, it will do for forged ones too';
    ctx.report({ node, messageId: 'noVerification', ...(acts ? {} : { severity: 'low' as const }), data: { evidence: evidence.what, consequence } });
  }
}

function checkSource(ctx: Ctx, file: string, sf: SourceFile, verifiers: ReadonlySet<string>): void {
  const byHandler = new Map<Node, Evidence>();
  for (const e of evidenceIn(sf)) {
    const fn = handlerOf(e.node);
    if (fn && !byHandler.has(fn)) byHandler.set(fn, e);
  }
  for (const [fn, evidence] of byHandler) {
    if (takesRequest(fn)) {
      judge(ctx, fn, evidence, verifiers);
      continue;
    }
    // A helper that handles the events: judged in the routes that call it, with its own checks counted.
    // Its importers may not mention Pusher at all, so they are parsed now.
    for (const edge of ctx.model.graph.importers.get(file) ?? []) if (!edge.typeOnly) ctx.model.project.ensure(edge.from);
    for (const call of callersOf(ctx.model, fn)) {
      const route = handlerOf(call);
      if (route && route !== fn && takesRequest(route) && !byHandler.has(route)) judge(ctx, route, evidence, verifiers, [fn]);
    }
  }
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'unverified-webhook',
    title: 'Pusher webhook handlers must verify the signature',
    description:
      'Finds server handlers that consume Pusher webhooks (read `x-pusher-signature` / `x-pusher-key`, `pusher.webhook(…)`, or handle `channel_occupied`, `member_added`, `client_event` … events) without `pusher.webhook(…).isValid()` or an HMAC-SHA256 check compared in constant time. Without it anyone can post forged presence, occupancy and client events to the app.',
    category: 'security',
    severity: 'high',
    appliesTo: PRODUCT_CODE,
    requires: ['text', 'imports', 'environments', 'ast'],
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    const verifiers = new Set(ctx.options.verifiers);
    for (const file of ctx.model.matching(/x-pusher-|\.webhook\s*\(|channel_occupied|channel_vacated|member_added|member_removed|client_event|cache_miss|subscription_count/i)) {
      const env = ctx.model.environments.get(file.path);
      // A file the classifier never saw is not known to be a server handler.
      if (!env || !ctx.appliesTo(file.path) || env.shipsToClient || unservedRoute(file.path, ctx.model) !== undefined) continue;
      ctx.forFile(file.path, () => {
        for (const script of ctx.model.project.ensure(file.path)) checkSource(ctx, file.path, script.sourceFile, verifiers);
      });
    }
  },
});
