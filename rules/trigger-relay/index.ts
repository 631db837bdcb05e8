import { Node, SyntaxKind } from '../../src/morph.js';
import * as z from 'zod';
import { callersOf, parameterIndex } from '../../src/analysis/callers.js';
import { describe } from '../../src/analysis/claims.js';
import { hasChannelCheck, hasIdentityCheck } from '../../src/analysis/guards.js';
import { guardedByNextMiddleware, nextRoutePath } from '../../src/analysis/next-middleware.js';
import { guardedAtRegistration } from '../../src/analysis/route-guards.js';
import { handlerOf, isServerAction, requestSource } from '../../src/analysis/request.js';
import { unservedRoute } from '../../src/analysis/served.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { Severity } from '../../src/engine/types.js';
import { channelRef } from '../../src/inventory/channels.js';
import type { ChannelRef, Operation } from '../../src/inventory/types.js';
import { constInitializer, objectLiteralOf, objectProperties, propertyName, shortText, unwrap } from '../../src/analysis/ast.js';
import { fixedEvent, fixedMessage, sentBy, stringified, wholeRequestObject } from './message.js';

export const optionsSchema = z.object({
  reportAnonymousPublish: z
    .boolean()
    .default(true)
    .describe('Report endpoints with no check of who is asking that publish a sender identity (`username`, `userId`…) or the whole request body taken from the request to a fixed channel.'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'relayedChannel' | 'relayedEvent' | 'anonymousPublish';
type Ctx = RuleContext<Options, MessageIds>;

const messages: Record<MessageIds, RuleMessage> = {
  relayedChannel: {
    text:
      'The channel `{{call}}` publishes to comes from the request (`{{source}}`) {{gap}}: {{impact}}. Derive the channel from the verified session (e.g. `private-user-${session.user.id}`) or check that this user may publish there.',
    otherSeverities: {
      medium: 'when the session is checked, or the request names only part of the channel, or nobody is checked but the event is fixed and the payload a constant',
      low: 'when the session is checked, or only part of the channel is the caller\'s, and the event is fixed and the payload a constant',
    },
  },
  relayedEvent: {
    text:
      'The event name `{{call}}` publishes comes from the request (`{{source}}`) {{gap}}: the caller can fire any event the app\'s clients listen for on {{channel}}, including those only the server should send. Map the request to a fixed list of event names.',
    otherSeverities: { medium: 'when the session is checked' },
  },
  anonymousPublish: {
    text:
      'This handler publishes {{what}} from the request (`{{source}}`) to {{channel}} without checking who is asking: anyone who can reach it can post to every subscriber as any user. Require a session and take the sender from it.',
    severity: 'medium',
  },
};

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Payload fields that say who sent an event; taken from the request, they let anyone speak as anyone. */
const SENDER = /^(user|user_?name|username|user_?id|userId|uid|sender|sender_?id|senderId|sender_?name|senderName|author|author_?id|authorId|author_?name|authorName|from|from_?id|fromId|name|display_?name|displayName|nick(name)?|handle|email|role|is_?admin|isAdmin)$/i;

interface Site {
  /** The function whose request the value comes from. */
  handler: Node;
  /** The trigger call, or the wrapper call that names the channel or event. */
  call: Node;
  file: string;
}

/** Server product code that can run: a route file no framework serves has no requests to relay. */
function productServer(ctx: Ctx, file: string): boolean {
  return ctx.appliesTo(file) && ctx.model.environments.get(file)?.shipsToClient !== true && unservedRoute(file, ctx.model) === undefined;
}

/**
 * Next.js gives a server action a public endpoint when the browser can reach it: a client
 * component imports it, or a page or layout passes it to a form. An exported helper of a
 * `'use server'` module that only other server code calls has no endpoint (Next drops unused
 * action ids), so its parameters are the server's own values.
 */
function reachableAction(ctx: Ctx, site: Site): boolean {
  if (!isServerAction(site.handler) || routeHandler(site)) return true;
  if (Node.isFunctionDeclaration(site.handler) || Node.isArrowFunction(site.handler) || Node.isFunctionExpression(site.handler)) {
    const body = site.handler.getBody();
    if (body && Node.isBlock(body) && /^(['"])use server\1/.test(body.getStatements()[0]?.getText() ?? '')) return true;
  }
  return (ctx.model.graph.importers.get(site.file) ?? []).some(
    (edge) => !edge.typeOnly && (ctx.model.environments.get(edge.from)?.shipsToClient === true || /(^|\/)(page|layout|template)\.[jt]sx?$|\.[jt]sx$/.test(edge.from)),
  );
}

/**
 * `export async function POST` of an `app/…/route.ts`: Next serves it over HTTP whatever directive
 * heads the file, so a stray module-level `'use server'` hides no endpoint.
 */
function routeHandler(site: Site): boolean {
  if (!nextRoutePath(site.file)) return false;
  const name = Node.isFunctionDeclaration(site.handler) ? site.handler.getName() : site.handler.getParentIfKind(SyntaxKind.VariableDeclaration)?.getName();
  return name !== undefined && HTTP_METHODS.has(name) && site.handler.getSourceFile().getExportedDeclarations().has(name);
}

function identityChecked(ctx: Ctx, site: Site, arg: Node | undefined): boolean {
  return hasIdentityCheck(site.handler, site.call, arg) || guardedByNextMiddleware(site.file, ctx.model.fileByPath) || guardedAtRegistration(site.handler, ctx.model);
}

function gapText(identity: boolean): string {
  return identity ? 'after checking the session but not the channel' : 'without checking who is asking or whether they may publish there';
}

function report(ctx: Ctx, node: Node, messageId: MessageIds, severity: Severity, data: Record<string, string>): void {
  ctx.report({ node, messageId, severity, data });
}

/**
 * A channel the caller names. A name wholly from the request lets the caller pick its type too
 * (`private-user-42`, another tenant's channel): reported unless the handler checks both who is
 * asking and the channel. A fixed prefix with a request part (`room-${roomId}`) is a room the
 * caller picks, which is how open rooms work once the caller is signed in: reported only when
 * nobody is checked at all.
 */
function judgeChannel(ctx: Ctx, site: Site, arg: Node, ref: ChannelRef, call: string, fixed?: string, event?: string): boolean {
  const source = requestSource(arg);
  if (!source) return false;
  const whole = ref.pattern.startsWith('${');
  const identity = identityChecked(ctx, site, arg);
  if (identity && !whole) return false;
  const channelCheck = channelChecked(site, arg);
  if (channelCheck && (identity || !whole)) return false;
  const who = identity ? 'any signed-in user' : 'anyone who can reach this endpoint';
  const impact = fixed
    ? `${who} can send \`${fixed}\`, with the server's own data, to any ${whole ? 'channel of the app, other users\' private channels included' : `\`${ref.pattern}\` channel`}`
    : !identity
      ? whole
        ? `anyone who can reach this endpoint can publish ${event !== undefined ? `\`${event}\` events` : 'any event'} on any channel of the app, private and presence channels included`
        : `anyone who can reach this endpoint can publish into any \`${ref.pattern}\` channel`
      : 'any signed-in user can publish on any channel of the app, other users\' private channels included';
  // A fixed event with a constant payload lets the caller aim the server's own message, not write one: a step lower.
  const severity: Severity = !identity && whole ? (fixed ? 'medium' : 'high') : fixed ? 'low' : 'medium';
  report(ctx, arg, 'relayedChannel', severity, { call, source: describe(arg), gap: gapText(identity), impact });
  return true;
}

/** A check on the channel, or on a request part of it (`if (!(await isMember(user, roomId)))` for `room-${roomId}`). */
function channelChecked(site: Site, arg: Node): boolean {
  if (hasChannelCheck(site.handler, site.call, arg)) return true;
  let u = unwrap(arg);
  // `const channel = \`private-group-${sessionId}\``: the check is on `sessionId` all the same.
  const init = Node.isIdentifier(u) ? constInitializer(u) : undefined;
  if (init) u = unwrap(init);
  return Node.isTemplateExpression(u) && u.getTemplateSpans().some((span) => requestSource(span.getExpression()) && hasChannelCheck(site.handler, site.call, span.getExpression()));
}

/**
 * `trigger(\`board-${id}\`, \`board-${id}-updated\`)`: the event is the channel's own, fixed text
 * around the same parts, so the caller picks no event the channel's pick does not already give
 * (the channel finding says it); what they cannot do is fire another event there.
 */
function channelsOwnEvent(event: Node, channelArg: Node | undefined): boolean {
  const ev = unwrap(event);
  const ch = channelArg ? unwrap(channelArg) : undefined;
  if (!Node.isTemplateExpression(ev) || !ch || !Node.isTemplateExpression(ch)) return false;
  const literal = ev.getHead().getLiteralText() + ev.getTemplateSpans().map((s) => s.getLiteral().getLiteralText()).join('');
  const parts = new Set(ch.getTemplateSpans().map((s) => unwrap(s.getExpression()).getText()));
  return literal !== '' && ev.getTemplateSpans().every((s) => parts.has(unwrap(s.getExpression()).getText()));
}

function judgeEvent(ctx: Ctx, site: Site, arg: Node, channel: string, call: string, channelArg: Node | undefined): boolean {
  if (!requestSource(arg) || channelChecked(site, arg) || channelsOwnEvent(arg, channelArg)) return false;
  const identity = identityChecked(ctx, site, channelArg);
  report(ctx, arg, 'relayedEvent', identity ? 'medium' : 'high', {
    call,
    source: describe(arg),
    gap: identity ? 'and is not checked against the events this user may send' : 'and nothing checks who is asking or which event it is',
    channel,
  });
  return true;
}

function judgeAnonymousPayload(ctx: Ctx, site: Site, published: Node, channel: string, channelArg: Node | undefined): boolean {
  if (!ctx.options.reportAnonymousPublish) return false;
  const payload = stringified(published);
  const obj = objectLiteralOf(payload);
  let hit: { node: Node; what: string } | undefined;
  if (obj) {
    const props = obj.getProperties();
    for (const prop of props) {
      const key = propertyName(prop);
      const value = Node.isPropertyAssignment(prop) ? prop.getInitializer() : Node.isShorthandPropertyAssignment(prop) ? prop.getNameNode() : undefined;
      if (key && value && SENDER.test(key) && requestSource(value)) {
        hit = { node: prop, what: `the sender \`${key}\`` };
        break;
      }
    }
    // `{ ...message, createdAt }`: whatever the caller sent, sender included, unless a later property sets the sender.
    const spread = hit ? -1 : props.findIndex((p) => Node.isSpreadAssignment(p) && requestSource(p.getExpression()));
    if (spread >= 0 && !props.slice(spread + 1).some((p) => SENDER.test(propertyName(p) ?? ''))) hit = { node: props[spread]!, what: 'the request body as it came' };
    // `{ chat: JSON.parse(req.params.chat) }`: the caller's whole object, its sender inside, unless the payload names one.
    if (!hit && !props.some((p) => SENDER.test(propertyName(p) ?? ''))) {
      const whole = props.find((p) => (Node.isPropertyAssignment(p) && wholeRequestObject(p.getInitializer()!)) || (Node.isShorthandPropertyAssignment(p) && wholeRequestObject(p.getNameNode())));
      if (whole) hit = { node: whole, what: `the caller's own object \`${propertyName(whole)}\`` };
    }
  } else {
    const source = requestSource(payload);
    // `trigger('chat', 'message', req.body)`: whatever the caller sent, sender included.
    if (source && (Node.isPropertyAccessExpression(unwrap(source)) || Node.isCallExpression(unwrap(source)) || Node.isIdentifier(unwrap(payload)))) {
      hit = { node: payload, what: 'the request body as it came' };
    }
  }
  if (!hit || identityChecked(ctx, site, channelArg)) return false;
  report(ctx, hit.node, 'anonymousPublish', 'medium', { what: hit.what, source: describe(hit.node), channel });
  return true;
}

function channelLabel(op: Operation): string {
  const ch = op.channels[0];
  return ch ? `\`${ch.pattern}\`` : 'its channel';
}

function calleeText(call: Node): string {
  return Node.isCallExpression(call) ? shortText(unwrap(call.getExpression()), 40) : 'trigger';
}

/** The channel elements of a trigger's first argument: each element of an array literal, or the expression. */
function channelArgs(node: Node): Node[] {
  const u = unwrap(node);
  return Node.isArrayLiteralExpression(u) ? u.getElements() : [node];
}

/**
 * The name each element of `ids.map((id) => \`private-room-${id}\`)` gets: the callback's result,
 * so a list of rooms the caller picks reads as `private-room-${…}` (a fixed prefix), not as a
 * whole name the caller chooses. The request trace still runs on the whole `map` call.
 */
function mappedName(node: Node): Node {
  const u = unwrap(node);
  if (!Node.isCallExpression(u)) return node;
  const callee = unwrap(u.getExpression());
  const fn = u.getArguments()[0];
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map' || !fn || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return node;
  const body = fn.getBody();
  if (!Node.isBlock(body)) return body;
  const returns = body.getStatements().filter(Node.isReturnStatement);
  return returns.length === 1 ? (returns[0]!.getExpression() ?? node) : node;
}

function checkTrigger(ctx: Ctx, op: Operation): void {
  const handler = handlerOf(op.node);
  if (!handler) return;
  const site: Site = { handler, call: op.node, file: op.location.file };
  if (!reachableAction(ctx, site)) return;
  const call = calleeText(op.node);
  let reported = false;
  const fixed = fixedMessage(op);
  if (op.channelNode) for (const el of channelArgs(op.channelNode)) reported = judgeChannel(ctx, site, el, channelRef(mappedName(el)), call, fixed, fixedEvent(op)) || reported;
  if (op.eventNode) reported = judgeEvent(ctx, site, op.eventNode, channelLabel(op), call, op.channelNode) || reported;
  if (op.payloadNode && !reported) reported = judgeAnonymousPayload(ctx, site, op.payloadNode, channelLabel(op), op.channelNode);
  if (!reported) checkWrapper(ctx, op, call);
}

/**
 * The event name when it is a literal and the payload is a constant (`'refresh', null`): the caller
 * can aim the server's own ping, not write a message. Only a constant proves the payload holds
 * nothing of theirs: a record the server stored from the body (`db.message.create({ data: body })`)
 * is the caller's text under another name, which the request trace does not follow.
 */
/** `triggerBatch(req.body.events)` or elements whose `channel` / `name` come from the request. */
function checkBatch(ctx: Ctx, op: Operation): void {
  const handler = handlerOf(op.node);
  if (!handler || !op.payloadNode) return;
  const site: Site = { handler, call: op.node, file: op.location.file };
  if (!reachableAction(ctx, site)) return;
  const call = calleeText(op.node);
  const list = unwrap(op.payloadNode);
  const elements = Node.isArrayLiteralExpression(list) ? list.getElements() : mappedElement(list);
  if (!elements) {
    judgeChannel(ctx, site, op.payloadNode, { name: null, pattern: '${…}', type: 'unknown', cache: false, dynamicParts: [] }, call);
    return;
  }
  for (const el of elements) {
    const props = objectProperties(el);
    const channel = props.get('channel');
    const name = props.get('name');
    if (channel) judgeChannel(ctx, site, channel, channelRef(channel), call);
    if (name) judgeEvent(ctx, site, name, channel ? `\`${channelRef(channel).pattern}\`` : 'its channel', call, channel);
  }
}

/** `ids.map((id) => ({ channel, name, data }))`: the object each item becomes is the batch element. */
function mappedElement(list: Node): Node[] | undefined {
  if (!Node.isCallExpression(list)) return undefined;
  const callee = unwrap(list.getExpression());
  const fn = list.getArguments()[0];
  if (!Node.isPropertyAccessExpression(callee) || !/^(map|flatMap)$/.test(callee.getName()) || !fn || !Node.isArrowFunction(fn)) return undefined;
  const body = unwrap(fn.getBody());
  const returned = Node.isBlock(body) ? body.getStatements().find((st) => Node.isReturnStatement(st))?.asKind(SyntaxKind.ReturnStatement)?.getExpression() : body;
  return returned && objectLiteralOf(returned) ? [returned] : undefined;
}

/**
 * `function broadcast(channel, event, data) { return pusher.trigger(channel, event, data) }`:
 * the channel and event are named where the wrapper is called, so each caller is judged in its
 * own handler.
 */
function checkWrapper(ctx: Ctx, op: Operation, call: string): void {
  const channelIndex = op.channelNode ? parameterIndex(op.channelNode) : undefined;
  // `startGame(code) { this.pusher.trigger(\`presence-room-${code}\`, …) }` names a room at its callers.
  const part = op.channelNode && !channelIndex ? templateParameter(op.channelNode) : undefined;
  const eventIndex = op.eventNode ? parameterIndex(op.eventNode) : undefined;
  const fn = channelIndex?.fn ?? part?.fn ?? eventIndex?.fn;
  if (!fn || (eventIndex && eventIndex.fn !== fn)) return;
  for (const caller of callersOf(ctx.model, fn)) {
    // A wrapper the inventory knows (`this.pusherService.trigger(…)` of an injected service) is a
    // trigger of its own and judged as one: judging it again here would report the site twice.
    if (knownTriggers(ctx).has(caller)) continue;
    const file = ctx.model.project.scriptOf(caller)?.file.path;
    const handler = handlerOf(caller);
    if (!file || !handler || handler === fn || !productServer(ctx, file)) continue;
    const site: Site = { handler, call: caller, file };
    if (!reachableAction(ctx, site)) continue;
    const args = caller.getArguments();
    const sent = sentBy(op, fn, args);
    const channelArg = channelIndex ? args[channelIndex.index] : undefined;
    if (channelArg) judgeChannel(ctx, site, channelArg, channelRef(channelArg), call, sent.fixed, sent.event);
    const partArg = part ? args[part.index] : undefined;
    if (partArg) judgeChannel(ctx, site, partArg, channelRef(op.channelNode!), call, sent.fixed, sent.event);
    const eventArg = eventIndex ? args[eventIndex.index] : undefined;
    if (eventArg) judgeEvent(ctx, site, eventArg, channelArg ? `\`${channelRef(channelArg).pattern}\`` : channelLabel(op), call, channelArg);
  }
}

/** The parameter a template channel name is built from, when exactly one span is a parameter of the function it is in. */
function templateParameter(channel: Node): { fn: Node; index: number } | undefined {
  const u = unwrap(channel);
  if (!Node.isTemplateExpression(u)) return undefined;
  const found = u.getTemplateSpans().map((span) => parameterIndex(span.getExpression())).filter((p) => p !== undefined);
  return found.length === 1 ? found[0] : undefined;
}

const triggerNodes = new WeakMap<object, ReadonlySet<Node>>();

function knownTriggers(ctx: Ctx): ReadonlySet<Node> {
  const inventory = ctx.model.inventory;
  let nodes = triggerNodes.get(inventory);
  if (!nodes) {
    nodes = new Set(inventory.operations.filter((o) => o.kind === 'trigger' || o.kind === 'triggerBatch').map((o) => o.node));
    triggerNodes.set(inventory, nodes);
  }
  return nodes;
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'trigger-relay',
    title: 'Server endpoints must not publish wherever the request says',
    description:
      'Finds server routes, server actions, tRPC procedures and socket handlers that trigger on a channel or event named by the request without checking who is asking and whether they may publish there, and unauthenticated endpoints that publish a sender identity taken from the request. Such an endpoint turns the app\'s Pusher account into a relay: anyone can push forged events to every subscriber.',
    category: 'security',
    severity: 'high',
    appliesTo: PRODUCT_CODE,
    requires: ['imports', 'environments', 'ast', 'inventory'],
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    for (const op of ctx.model.inventory.operations) {
      if (op.side !== 'server' || !productServer(ctx, op.location.file)) continue;
      if (op.kind === 'trigger') ctx.forFile(op.location.file, () => checkTrigger(ctx, op));
      else if (op.kind === 'triggerBatch') ctx.forFile(op.location.file, () => checkBatch(ctx, op));
    }
  },
});
