import { Node, SyntaxKind } from '../../src/morph.js';
import { z } from 'zod';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { ClientInstance, Operation } from '../../src/inventory/types.js';
import { constInitializer, declarationsOf, functionOf, isFunction, objectProperties, shortText, unwrap } from '../../src/inventory/values.js';
import { runtimeOf } from '../../src/inventory/runtime.js';

export const optionsSchema = z.object({
  reportMissingErrorHandling: z
    .boolean()
    .default(true)
    .describe('Note, once per app, when no client in it binds a connection `error` / `state_change` handler (`noErrorHandling`, info).'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'reconnectInStateHandler' | 'reconnectLoop' | 'retriesFatalClose' | 'noErrorHandling';

const messages: Record<MessageIds, RuleMessage> = {
  reconnectInStateHandler: {
    text:
      'The connection `{{event}}` handler calls `{{call}}`. pusher-js already reconnects with its own timing and deliberately stays down after close codes 4000–4099 (4004 over connection quota, 4009 unauthorized), which also end in this state; forcing it back on causes reconnect storms that burn the connection quota. Remove the call and let pusher-js reconnect (reconnect only on a user action, or after checking `error.data.code`).',
  },
  reconnectLoop: {
    text:
      '`{{timer}}` calls `{{call}}` {{how}}. pusher-js already reconnects by itself; a loop without a growing delay and an attempt limit keeps every client reconnecting while Pusher refuses them (4004 over connection quota), multiplying connection attempts. Remove the loop, or grow the delay per attempt (e.g. `1000 * 2 ** attempt`) and stop after a maximum number of attempts.',
  },
  retriesFatalClose: {
    text:
      'The connection `{{event}}` handler calls `{{call}}` {{when}}, which pusher-js deliberately does not retry: reconnecting while Pusher refuses the app (4004 over connection quota, 4009 unauthorized) only repeats the refusal for every user. Give up and show an error when `error.data.code` is between 4000 and 4099; leave other retries to pusher-js.',
    severity: 'medium',
  },
  noErrorHandling: {
    text:
      'Nothing in this app handles Pusher connection errors: the client `{{name}}`{{scope}} has no `error`, `failed`, `unavailable` or `state_change` handler on its connection, so when Pusher refuses it (4004 over connection quota, 4009 unauthorized) the realtime feature dies silently. {{hint}}, check the error code, and tell the user or your monitoring.',
    severity: 'info',
  },
};

/** Client libraries whose connection errors the app itself must watch. */
const NOTED_LIBRARIES = new Set(['pusher-js', 'laravel-echo', '@pusher/pusher-websocket-react-native']);
const HANDLER_EVENTS = new Set(['disconnected', 'error', 'unavailable', 'failed', 'state_change']);
/** `disconnected` alone is not error handling: it also fires after a deliberate `disconnect()`. */
const ERROR_EVENTS = new Set(['error', 'unavailable', 'failed', 'state_change']);
/** Codes pusher-js refuses to retry that matter most: over quota and unauthorized. */
const FATAL_CODES = [4004, 4009];
/** Nested callbacks that still run as part of the handler; any other nested function waits for something else (a click). */
const DEFERRING_CALLS = /^(setTimeout|setInterval|requestAnimationFrame|queueMicrotask|then|catch|finally|window\.setTimeout|window\.setInterval)$/;
const TIMERS = /^(window\.|globalThis\.)?(setTimeout|setInterval)$/;

type Fn = Node;

interface Handler {
  event: string;
  fn: Fn;
  /** The connection's owner as written (`pusher`, `this.pusher`), for `.connect()` calls the inventory could not attribute. */
  receiverText?: string;
  client?: ClientInstance;
}

interface Sites {
  connectOps: Set<Node>;
  clientNodes: Set<Node>;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/\?\./g, '.');
}

function calleeText(call: Node): string {
  return Node.isCallExpression(call) ? normalise(unwrap(call.getExpression()).getText()) : '';
}

function resolveFunction(node: Node | undefined): Fn | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (isFunction(n)) return n;
  if (Node.isIdentifier(n) || Node.isPropertyAccessExpression(n)) return functionOf(n);
  return undefined;
}

/**
 * The call or `new` that reconnects, for each place in `fn` that does: a `connect()` on a client,
 * a new client, or a call to a helper that does one of those. Nested functions count only when
 * they run as part of `fn` (timers, promise callbacks), not when they wait for a click.
 */
function reconnectSites(fn: Fn, sites: Sites, receiverText: string | undefined, depth = 0): Node[] {
  const out: Node[] = [];
  fn.forEachDescendant((node, traversal) => {
    if (node !== fn && isFunction(node) && !runsWithParent(node)) {
      traversal.skip();
      return;
    }
    if (sites.clientNodes.has(node)) {
      out.push(node);
      return;
    }
    if (!Node.isCallExpression(node)) return;
    if (sites.connectOps.has(node)) {
      out.push(node);
      return;
    }
    const callee = unwrap(node.getExpression());
    if (receiverText && Node.isPropertyAccessExpression(callee) && callee.getName() === 'connect' && normalise(callee.getExpression().getText()) === receiverText) {
      out.push(node);
      return;
    }
    if (depth < 2 && (Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee))) {
      const helper = functionOf(callee);
      // A helper that schedules its own timer loop is judged as a loop (backoff, cap) where the timer is.
      if (helper && helper !== fn && !contains(helper, node) && !schedulesReconnect(helper, sites) && reconnectSites(helper, sites, receiverText, depth + 1).length > 0) out.push(node);
    }
  });
  return out;
}

/** Positions alone match across files; a handler in lib/ must not swallow a timer in pages/. */
function contains(outer: Node, inner: Node): boolean {
  return outer.getSourceFile() === inner.getSourceFile() && outer.containsRange(inner.getPos(), inner.getEnd());
}

function schedulesReconnect(fn: Fn, sites: Sites): boolean {
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    if (!TIMERS.test(calleeText(call))) return false;
    const callback = resolveFunction(call.getArguments()[0]);
    return callback !== undefined && reconnectSites(callback, sites, undefined, 2).length > 0;
  });
}

function runsWithParent(fn: Node): boolean {
  const parent = fn.getParent();
  return parent !== undefined && Node.isCallExpression(parent) && DEFERRING_CALLS.test(calleeText(parent)) && parent.getArguments().includes(fn as never);
}

// ---- Close-code reasoning ----

const UNKNOWN = Symbol('unknown');
type Value = number | string | boolean | null | undefined | typeof UNKNOWN;

/** `err.data.code`, `error.error.data.code`, `const { code } = err.data`, a `code` parameter (React Native `onError`). */
function isCodeRef(input: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const node = unwrap(input);
  if (Node.isPropertyAccessExpression(node)) return node.getName() === 'code';
  if (Node.isElementAccessExpression(node)) return /^['"]code['"]$/.test(node.getArgumentExpression()?.getText() ?? '');
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) return isCodeRef(node.getLeft(), depth + 1) || isCodeRef(node.getRight(), depth + 1);
  }
  if (Node.isIdentifier(node)) {
    for (const decl of declarationsOf(node)) {
      if (Node.isBindingElement(decl) && (decl.getPropertyNameNode()?.getText() ?? decl.getName()) === 'code') return true;
      if (Node.isParameterDeclaration(decl) && /^(code|errorCode|closeCode)$/.test(decl.getName())) return true;
    }
    const init = constInitializer(node);
    if (init) return isCodeRef(init, depth + 1);
  }
  return false;
}

function evaluate(input: Node, code: number, depth = 0): Value {
  if (depth > 8) return UNKNOWN;
  const node = unwrap(input);
  if (isCodeRef(node)) return code;
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralText();
  if (node.getKind() === SyntaxKind.TrueKeyword) return true;
  if (node.getKind() === SyntaxKind.FalseKeyword) return false;
  if (node.getKind() === SyntaxKind.NullKeyword) return null;
  if (Node.isIdentifier(node)) {
    if (node.getText() === 'undefined') return undefined;
    const init = constInitializer(node);
    return init ? evaluate(init, code, depth + 1) : UNKNOWN;
  }
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const v = evaluate(node.getOperand(), code, depth + 1);
    return v === UNKNOWN ? UNKNOWN : !v;
  }
  if (Node.isCallExpression(node)) {
    // `[4004, 4009].includes(code)`, `FATAL_CODES.has(code)`
    const callee = unwrap(node.getExpression());
    const arg = node.getArguments()[0];
    if (!Node.isPropertyAccessExpression(callee) || !arg || !['includes', 'has'].includes(callee.getName())) return UNKNOWN;
    const list = literalList(callee.getExpression());
    const v = evaluate(arg, code, depth + 1);
    return list && v !== UNKNOWN ? list.includes(v as number) : UNKNOWN;
  }
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    const left = evaluate(node.getLeft(), code, depth + 1);
    if (op === SyntaxKind.AmpersandAmpersandToken) {
      if (left !== UNKNOWN && !left) return false;
      const right = evaluate(node.getRight(), code, depth + 1);
      if (right !== UNKNOWN && !right) return false;
      return left === UNKNOWN || right === UNKNOWN ? UNKNOWN : Boolean(right);
    }
    if (op === SyntaxKind.BarBarToken) {
      if (left !== UNKNOWN && left) return true;
      const right = evaluate(node.getRight(), code, depth + 1);
      if (right !== UNKNOWN && right) return true;
      return left === UNKNOWN || right === UNKNOWN ? UNKNOWN : false;
    }
    const right = evaluate(node.getRight(), code, depth + 1);
    if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
    switch (op) {
      case SyntaxKind.EqualsEqualsEqualsToken:
      case SyntaxKind.EqualsEqualsToken:
        return left === right;
      case SyntaxKind.ExclamationEqualsEqualsToken:
      case SyntaxKind.ExclamationEqualsToken:
        return left !== right;
      case SyntaxKind.LessThanToken:
        return (left as number) < (right as number);
      case SyntaxKind.LessThanEqualsToken:
        return (left as number) <= (right as number);
      case SyntaxKind.GreaterThanToken:
        return (left as number) > (right as number);
      case SyntaxKind.GreaterThanEqualsToken:
        return (left as number) >= (right as number);
      default:
        return UNKNOWN;
    }
  }
  return UNKNOWN;
}

function literalList(input: Node, depth = 0): Array<number | string> | undefined {
  if (depth > 4) return undefined;
  let node = unwrap(input);
  if (Node.isIdentifier(node)) {
    const init = constInitializer(node);
    return init ? literalList(init, depth + 1) : undefined;
  }
  if (Node.isNewExpression(node) && node.getExpression().getText() === 'Set' && node.getArguments()[0]) node = unwrap(node.getArguments()[0]!);
  if (!Node.isArrayLiteralExpression(node)) return undefined;
  const out: Array<number | string> = [];
  for (const el of node.getElements()) {
    const e = unwrap(el);
    if (Node.isNumericLiteral(e)) out.push(e.getLiteralValue());
    else if (Node.isStringLiteral(e)) out.push(e.getLiteralText());
    else return undefined;
  }
  return out;
}

type Guard = { cond: Node; holds: boolean } | { caseOf: Node; labels: Node[]; isDefault: boolean };

function terminates(stmt: Node | undefined): boolean {
  if (!stmt) return false;
  if (Node.isReturnStatement(stmt) || Node.isThrowStatement(stmt)) return true;
  if (Node.isBlock(stmt)) {
    const last = stmt.getStatements().at(-1);
    return terminates(last);
  }
  return false;
}

/** The conditions under which `site` runs, from `site` up to the handler function. */
function pathGuards(site: Node, fn: Fn): Guard[] {
  const guards: Guard[] = [];
  let cur: Node = site;
  while (cur !== fn) {
    const parent = cur.getParent();
    if (!parent) break;
    if (Node.isIfStatement(parent) && cur !== parent.getExpression()) {
      guards.push({ cond: parent.getExpression(), holds: cur === parent.getThenStatement() });
    } else if (Node.isConditionalExpression(parent) && cur !== parent.getCondition()) {
      guards.push({ cond: parent.getCondition(), holds: cur === parent.getWhenTrue() });
    } else if (Node.isBinaryExpression(parent) && cur === parent.getRight()) {
      const op = parent.getOperatorToken().getKind();
      if (op === SyntaxKind.AmpersandAmpersandToken) guards.push({ cond: parent.getLeft(), holds: true });
      if (op === SyntaxKind.BarBarToken) guards.push({ cond: parent.getLeft(), holds: false });
    } else if ((Node.isCaseClause(parent) || Node.isDefaultClause(parent)) && cur !== (Node.isCaseClause(parent) ? parent.getExpression() : undefined)) {
      const block = parent.getParent();
      const sw = block?.getParent();
      if (sw && Node.isSwitchStatement(sw)) {
        const clauses = sw.getClauses();
        const labels: Node[] = [];
        if (Node.isDefaultClause(parent)) {
          for (const c of clauses) if (Node.isCaseClause(c)) labels.push(c.getExpression());
        } else {
          // Empty clauses above fall through into this one.
          const i = clauses.indexOf(parent);
          labels.push(parent.getExpression());
          for (let j = i - 1; j >= 0; j--) {
            const c = clauses[j]!;
            if (!Node.isCaseClause(c) || c.getStatements().length > 0) break;
            labels.push(c.getExpression());
          }
        }
        guards.push({ caseOf: sw.getExpression(), labels, isDefault: Node.isDefaultClause(parent) });
      }
    }
    if (Node.isBlock(parent) || Node.isSourceFile(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) {
      // `if (fatal) return;` earlier in the same block.
      for (const stmt of parent.getStatements()) {
        if (stmt === cur) break;
        if (Node.isIfStatement(stmt)) {
          if (terminates(stmt.getThenStatement()) && !stmt.getElseStatement()) guards.push({ cond: stmt.getExpression(), holds: false });
          else if (terminates(stmt.getElseStatement()) && !terminates(stmt.getThenStatement())) guards.push({ cond: stmt.getExpression(), holds: true });
        }
      }
    }
    cur = parent;
  }
  return guards;
}

function possibleFor(guards: Guard[], code: number): boolean {
  for (const g of guards) {
    if ('cond' in g) {
      const v = evaluate(g.cond, code);
      // A close-code check we cannot evaluate (`isFatal(code)`) gets the benefit of the doubt.
      if (v === UNKNOWN && readsCloseCode(g.cond)) return false;
      if (v !== UNKNOWN && Boolean(v) !== g.holds) return false;
    } else {
      const subject = evaluate(g.caseOf, code);
      if (subject === UNKNOWN) continue;
      const values = g.labels.map((l) => evaluate(l, code));
      if (values.some((v) => v === UNKNOWN)) continue;
      const matches = values.includes(subject);
      if (g.isDefault ? matches : !matches) return false;
    }
  }
  return true;
}

function readsCloseCode(node: Node): boolean {
  return [node, ...node.getDescendants()].some((d) => (Node.isPropertyAccessExpression(d) || Node.isIdentifier(d)) && !Node.isPropertyAccessExpression(d.getParent()) && isCodeRef(d));
}

function mentionsFailed(guards: Guard[]): boolean {
  return guards.some((g) => 'cond' in g && g.holds && /['"]failed['"]|['"]FAILED['"]/.test(g.cond.getText()));
}

// ---- Loops ----

/** The delay grows when it is computed from a multiplication/power or from a variable the code increases. */
function growingDelay(input: Node | undefined, depth = 0): boolean {
  if (!input || depth > 4) return false;
  const node = unwrap(input);
  const text = node.getText();
  if (/\*|<<|Math\.pow/.test(text)) return true;
  if (Node.isIdentifier(node)) {
    if (mutatedUpwards(node)) return true;
    const init = constInitializer(node);
    return init ? growingDelay(init, depth + 1) : false;
  }
  if (Node.isCallExpression(node)) {
    const fn = functionOf(unwrap(node.getExpression()));
    if (fn && /\*|<<|Math\.pow/.test(fn.getText())) return true;
    return node.getArguments().some((a) => growingDelay(a, depth + 1));
  }
  if (Node.isBinaryExpression(node)) return growingDelay(node.getLeft(), depth + 1) || growingDelay(node.getRight(), depth + 1);
  return false;
}

function mutatedUpwards(id: Node): boolean {
  const name = id.getText();
  const sf = id.getSourceFile();
  return sf.getDescendants().some((d) => {
    if ((Node.isPostfixUnaryExpression(d) || Node.isPrefixUnaryExpression(d)) && d.getOperatorToken() === SyntaxKind.PlusPlusToken) {
      return memberName(d.getOperand()) === name;
    }
    if (Node.isBinaryExpression(d) && memberName(d.getLeft()) === name) {
      const op = d.getOperatorToken().getKind();
      if (op === SyntaxKind.AsteriskEqualsToken || op === SyntaxKind.PlusEqualsToken || op === SyntaxKind.LessThanLessThanEqualsToken || op === SyntaxKind.AsteriskAsteriskEqualsToken) return true;
      if (op === SyntaxKind.EqualsToken && /\*|<<|Math\.pow/.test(d.getRight().getText())) return true;
    }
    return false;
  });
}

function memberName(node: Node): string {
  const n = unwrap(node);
  return Node.isPropertyAccessExpression(n) ? n.getName() : n.getText();
}

/** An attempt cap: a comparison against a counter the code increments, or a name that says it counts attempts. */
function hasCap(scopes: Node[]): boolean {
  const counters = new Set<string>();
  // A loop and its callback usually share a file: walk each file once.
  for (const sf of new Set(scopes.map((scope) => scope.getSourceFile()))) {
    for (const d of sf.getDescendants()) {
      if ((Node.isPostfixUnaryExpression(d) || Node.isPrefixUnaryExpression(d)) && d.getOperatorToken() === SyntaxKind.PlusPlusToken) counters.add(memberName(d.getOperand()));
      if (Node.isBinaryExpression(d) && d.getOperatorToken().getKind() === SyntaxKind.PlusEqualsToken) counters.add(memberName(d.getLeft()));
    }
  }
  const relational = new Set([SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken]);
  return scopes.some((scope) =>
    scope.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => {
      if (!relational.has(b.getOperatorToken().getKind())) return false;
      return [b.getLeft(), b.getRight()].some((side) => {
        const name = memberName(side);
        return counters.has(name) || /attempt|retr(y|ies)|tries/i.test(name);
      });
    }),
  );
}

function enclosingFunction(node: Node): Fn | undefined {
  return node.getFirstAncestor((a) => isFunction(a));
}

/** `setTimeout(…)` re-armed by the function it lives in: the callback calls that function again (or is it). */
function isRecursive(timer: Node, callback: Fn): Fn | undefined {
  const outer = enclosingFunction(timer);
  if (!outer) return undefined;
  if (callback === outer) return outer;
  const calls = callback.getDescendantsOfKind(SyntaxKind.CallExpression);
  return calls.some((c) => functionOf(unwrap(c.getExpression())) === outer) ? outer : undefined;
}

// ---- Naming ----

function clientName(node: Node): string {
  const parent = node.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  if (parent && Node.isBinaryExpression(parent) && parent.getRight() === node) return shortText(parent.getLeft(), 40);
  if (parent && Node.isPropertyAssignment(parent)) return parent.getName();
  if (parent && Node.isPropertyDeclaration(parent)) return `this.${parent.getName()}`;
  return shortText(node, 40);
}

function siteText(site: Node): string {
  if (Node.isNewExpression(site)) return `new ${site.getExpression().getText()}(…)`;
  if (Node.isCallExpression(site)) return `${shortText(site.getExpression(), 50)}()`;
  return shortText(site, 50);
}

// ---- Rule ----

function collectHandlers(ctx: RuleContext<Options, MessageIds>, clientById: Map<string, ClientInstance>): Handler[] {
  const handlers: Handler[] = [];
  for (const op of ctx.model.inventory.operations) {
    if (op.kind !== 'connection-bind' || !op.event?.name || !HANDLER_EVENTS.has(op.event.name)) continue;
    const fn = resolveFunction(op.callbackNode);
    if (!fn) continue;
    const callee = unwrap((op.node as import('ts-morph').CallExpression).getExpression());
    const connection = Node.isPropertyAccessExpression(callee) ? unwrap(callee.getExpression()) : undefined;
    const owner = connection && Node.isPropertyAccessExpression(connection) ? normalise(connection.getExpression().getText()) : undefined;
    const client = op.instanceId ? clientById.get(op.instanceId) : undefined;
    handlers.push({ event: op.event.name, fn, ...(owner ? { receiverText: owner } : {}), ...(client ? { client } : {}) });
  }
  // React Native: `pusher.init({ onConnectionStateChange, onError })`.
  for (const client of ctx.model.inventory.clients) {
    if (client.library !== '@pusher/pusher-websocket-react-native') continue;
    const props = objectProperties(client.optionsNode);
    for (const [prop, event] of [
      ['onConnectionStateChange', 'state_change'],
      ['onError', 'error'],
    ] as const) {
      const fn = resolveFunction(props.get(prop));
      if (fn) handlers.push({ event, fn, client });
    }
  }
  return handlers;
}

function handlesErrors(client: ClientInstance, ops: readonly Operation[]): boolean {
  if (client.library === '@pusher/pusher-websocket-react-native') {
    const props = objectProperties(client.optionsNode);
    return props.has('onError') || props.has('onConnectionStateChange');
  }
  // A handler bound under a computed event name is given the benefit of the doubt.
  return ops.some((op) => op.kind === 'connection-bind' && op.instanceId === client.id && (!op.event?.name || ERROR_EVENTS.has(op.event.name)));
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'reconnection-misuse',
    title: 'Let pusher-js reconnect; do not fight it, and handle refusals',
    description:
      'Finds code that fights pusher-js\'s own reconnection: connect() or a new client in disconnected/error/unavailable/failed/state_change handlers, setInterval/setTimeout reconnect loops without a growing delay and an attempt cap, and error handlers that retry even on 4004 (over connection quota) or 4009 (unauthorized). Such code turns a quota or auth refusal into a reconnect storm. Also notes, once per app, when nothing in it handles connection errors.',
    category: 'reliability',
    severity: 'high',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    precision: 'high', // 13 of 14 correct on the two held-out sets
    options: optionsSchema,
    messages,
    costLevers: { reconnectInStateHandler: 'reconnect-storm', reconnectLoop: 'reconnect-storm' },
  },
  check(ctx) {
    const inventory = ctx.model.inventory;
    const skipFile = (file: string) => !ctx.appliesTo(file);
    const clientById = new Map(inventory.clients.map((c) => [c.id, c]));
    const sites: Sites = {
      connectOps: new Set(inventory.operations.filter((o) => o.kind === 'connect').map((o) => o.node)),
      clientNodes: new Set(inventory.clients.map((c) => c.node)),
    };
    const reported = new Set<Node>();
    /** Clients whose state handlers were reported: they do handle their connection, just wrongly. */
    const fought = new Set<string>();
    const handlers = collectHandlers(ctx, clientById);

    for (const h of handlers) {
      const file = ctx.model.project.locate(h.fn)?.file;
      if (!file || skipFile(file)) continue;
      ctx.forFile(file, () => {
        const codeAware = readsCloseCode(h.fn);
        for (const site of reconnectSites(h.fn, sites, h.receiverText)) {
          if (reported.has(site)) continue;
          if (h.client) fought.add(h.client.id);
          const guards = pathGuards(site, h.fn);
          const call = siteText(site);
          if (h.event === 'failed' || (h.event === 'state_change' && mentionsFailed(guards))) {
            reported.add(site);
            ctx.report({ node: site, messageId: 'retriesFatalClose', data: { event: h.event, call, when: 'after the connection reached the `failed` state' } });
          } else if (codeAware) {
            const fatal = FATAL_CODES.filter((c) => possibleFor(guards, c));
            if (fatal.length === 0) continue;
            reported.add(site);
            ctx.report({ node: site, messageId: 'retriesFatalClose', data: { event: h.event, call, when: `even for close code ${fatal.join(' / ')}, a refusal` } });
          } else {
            reported.add(site);
            ctx.report({ node: site, messageId: 'reconnectInStateHandler', data: { event: h.event, call } });
          }
        }
      });
    }

    const handlerFns = handlers.map((h) => h.fn);
    const files = new Set([...inventory.clients.map((c) => c.location.file), ...inventory.operations.filter((o) => o.kind === 'connect').map((o) => o.location.file)]);
    for (const file of [...files].sort()) {
      if (skipFile(file)) continue;
      ctx.forFile(file, () => {
        for (const script of ctx.model.project.scriptsOf(file)) {
          for (const timer of script.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
            const name = calleeText(timer);
            if (!TIMERS.test(name)) continue;
            // Inside a state handler the reconnect itself is the finding.
            if (handlerFns.some((fn) => contains(fn, timer))) continue;
            const callback = resolveFunction(timer.getArguments()[0]);
            if (!callback) continue;
            const found = reconnectSites(callback, sites, undefined);
            if (found.length === 0) continue;
            const interval = name.endsWith('setInterval');
            const loopFn = interval ? callback : isRecursive(timer, callback);
            if (!loopFn) continue;
            const delay = timer.getArguments()[1];
            const growing = !interval && growingDelay(delay);
            const capped = hasCap(interval ? [callback] : [loopFn, callback]);
            if (growing && capped) continue;
            const delayText = delay ? shortText(delay, 30) : '0';
            const how = !growing && !capped ? `every ${delayText} ms with no growing delay and no attempt limit` : !growing ? `every ${delayText} ms without a growing delay` : 'with a growing delay but no attempt limit';
            ctx.report({ node: timer, messageId: 'reconnectLoop', data: { timer: name.replace(/^(window|globalThis)\./, ''), call: siteText(found[0]!), how } });
          }
        }
      });
    }

    if (!ctx.options.reportMissingErrorHandling) return;
    // Error handling is an app-wide concern: one shared client with an `error` handler, or a
    // handler bound somewhere the inventory cannot attribute, means the app does handle refusals.
    // So the note is said once per app (package; each HTML page is its own), on its first client, and only when nothing in
    // the app handles connection errors.
    const unresolvedHandlerFiles = new Set(
      inventory.operations.filter((o) => o.kind === 'connection-bind' && o.instanceId === null).map((o) => o.location.file),
    );
    const byApp = new Map<string, ClientInstance[]>();
    for (const client of inventory.clients) {
      if (!NOTED_LIBRARIES.has(client.library) || skipFile(client.location.file)) continue;
      // `new Echo({ client: pusher })` rides an existing pusher-js connection: errors are that client's to handle.
      if (client.library === 'laravel-echo' && client.options['client'] !== undefined) continue;
      const app = runtimeOf(ctx.model.packageOf, client.location.file);
      byApp.set(app, [...(byApp.get(app) ?? []), client]);
    }
    const appHandles = (app: string, clients: ClientInstance[]) =>
      clients.some((c) => reported.has(c.node) || fought.has(c.id) || handlesErrors(c, inventory.operations)) ||
      [...unresolvedHandlerFiles].some((file) => runtimeOf(ctx.model.packageOf, file) === app);
    for (const [app, clients] of [...byApp].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (appHandles(app, clients)) continue;
      const first = [...clients].sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line))[0]!;
      ctx.forFile(first.location.file, () => {
        const name = clientName(first.node);
        const hint =
          first.library === 'laravel-echo'
            ? `Bind \`${name}.connector.pusher.connection.bind('error', …)\``
            : first.library === '@pusher/pusher-websocket-react-native'
              ? 'Pass `onError` to `pusher.init({ … })`'
              : `Bind \`${name}.connection.bind('error', …)\``;
        const others = clients.length - 1;
        const scope = others === 0 ? '' : ` (nor do the app's ${others} other client${others === 1 ? '' : 's'})`;
        ctx.report({ node: first.node, messageId: 'noErrorHandling', data: { name, hint, scope } });
      });
    }
  },
});
