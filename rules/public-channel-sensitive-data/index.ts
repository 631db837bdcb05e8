import { leftoverHandler } from '../../src/analysis/served.js';
import { Node } from '../../src/morph.js';
import * as z from 'zod';
import { defineRule, NOT_TESTS, type RuleContext } from '../../src/engine/rule.js';
import type { Severity } from '../../src/engine/types.js';
import { channelRef } from '../../src/inventory/channels.js';
import type { ChannelRef, Operation } from '../../src/inventory/types.js';
import { constInitializer, objectLiteralOf, objectProperties, returnedExpression, unwrap } from '../../src/analysis/ast.js';
import { callersOf, parameterIndex } from '../../src/analysis/callers.js';
import { restrictedAudience } from './audience.js';
import { fixedOwner, guessable, routeEntity, scopedEntity } from './scope.js';
import { PayloadScanner } from './payload.js';
import { alsoText, byPublish, type Grouped } from './fields.js';
import { signsForAnyone } from '../../src/inventory/signers.js';
import { prismaModels, type PrismaModel } from '../../src/analysis/prisma-schema.js';
import { plainPrismaRecord } from './columns.js';

const options = z.object({
  reportUnknownChannels: z
    .boolean()
    .default(false)
    .describe('Also report sensitive payloads on channels whose name cannot be resolved statically (they may be public), at medium severity.'),
  ignoreFields: z
    .array(z.string())
    .default([])
    .describe('Payload field names never treated as sensitive, e.g. a `publicEmail` your product shows to everyone.'),
});
type Options = z.infer<typeof options>;
export type MessageIds = 'sensitiveField' | 'wholeRecord' | 'guessableChannel' | 'scopedEvent' | 'restrictedAudience' | 'privateUnencrypted' | 'fixedOwnerChannel';

type Target = { type: 'public' | 'private' | 'presence' | 'private-encrypted' | 'unknown'; channel: ChannelRef };

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'public-channel-sensitive-data',
    title: 'Sensitive data or user-scoped names on public channels',
    description:
      'Public Pusher channels need no authorization: anyone with the public app key and the channel name can subscribe. ' +
      'Finds passwords, tokens, e-mail addresses and other personal data, and whole database records or session users, published on public channels; ' +
      'public channels named after one user, conversation or order; and sensitive data on private channels that are not end-to-end encrypted.',
    category: 'security',
    severity: 'high',
    appliesTo: NOT_TESTS,
    requires: ['inventory'],
    precision: 'very-high', // 30 of 30 correct on the two held-out sets
    options,
    messages: {
      sensitiveField: {
        text:
          'Payload field `{{field}}` ({{sensitive}}){{also}} is published on {{target}}: anyone who knows the channel name and the public app key can subscribe and read it. ' +
          'Leave it out and let clients fetch it over an authenticated API, or publish it on a `private-encrypted-` channel authorized per user.',
        otherSeverities: { medium: 'when the channel name could not be resolved and may be public' },
      },
      wholeRecord: {
        text:
          '`{{record}}` ({{source}}) is broadcast whole on {{target}}: every column, including e-mail addresses, password hashes or tokens added later, reaches anyone who subscribes. ' +
          'Send its id (and only the fields the UI needs) and let clients fetch the rest over an authenticated API.',
        otherSeverities: {
          medium: 'when the channel name could not be resolved and may be public, or the Prisma schema shows the record (with what its query includes) has no sensitive or authored column today',
        },
      },
      guessableChannel: {
        text:
          'Public channel `{{channel}}` is scoped to one {{entity}}, but public channels have no authorization: anyone who guesses or sees the id can subscribe and read its events. {{fix}}',
        severity: 'medium',
      },
      scopedEvent: {
        text:
          'Public channel `{{channel}}` carries events named per {{entity}} (`{{event}}`), but an event name is not access control: every subscriber of the channel receives the events of all of them (`bind_global` lists them). {{fix}}',
        severity: 'medium',
      },
      restrictedAudience: {
        text:
          'Public channel `{{channel}}` is named for {{audience}}, but public channels have no authorization: anyone with the public app key can subscribe and read what is meant for {{audience}} only. {{fix}}',
        severity: 'medium',
      },
      fixedOwnerChannel: {
        text:
          'The client subscribes to `{{channel}}`, the channel of one {{entity}} (id {{id}}) written as a literal: every user of the app joins that one channel, {{consequence}} Build the name from the signed-in user, e.g. `{{fixed}}`.',
        severity: 'medium',
        otherSeverities: { low: 'on a private or presence channel, where the auth endpoint decides who may join' },
      },
      privateUnencrypted: {
        text:
          '{{what}} goes to {{channelType}} channel `{{channel}}`, which is authorized but not end-to-end encrypted: Pusher and anything logging its webhooks can read it. {{fix}}',
        severity: 'info',
      },
    },
  },
  check(ctx) {
    const reported = new Set<Node>();
    for (const op of ctx.model.inventory.operations) {
      // A handler left in a single-page app's src/ never publishes (src/analysis/served.ts).
      if (!ctx.appliesTo(op.location.file) || (op.side === 'server' && leftoverHandler(op.location.file, ctx.model) !== undefined)) continue;
      ctx.forFile(op.location.file, () => {
        if (op.kind === 'trigger') checkTrigger(ctx, op, reported);
        else if (op.kind === 'triggerBatch') checkBatch(ctx, op, reported);
        else if (op.kind === 'client-event') checkClientEvent(ctx, op, reported);
        else if ((op.kind === 'subscribe' || op.kind === 'listen') && op.channelNode && op.channels[0]) {
          checkFixedOwner(ctx, op, op.channelNode, op.channels[0], reported);
          checkGuessable(ctx, op, op.channelNode, op.channels[0], reported);
          checkAudience(ctx, op, [[op.channelNode, op.channels[0]]], reported);
        }
        if (op.kind === 'trigger' || op.kind === 'bind' || op.kind === 'listen') checkScopedEvent(ctx, op, reported);
      });
    }
  },
});

function checkTrigger(ctx: RuleContext<Options, MessageIds>, op: Operation, reported: Set<Node>): void {
  const node = op.channelNode ? unwrap(op.channelNode) : undefined;
  if (node && Node.isArrayLiteralExpression(node)) {
    const named = node.getElements().map((el) => [el, channelRef(el)] as const);
    const hit = named.find(([, ch]) => guessable(ch));
    if (hit) checkGuessable(ctx, op, hit[0], hit[1], reported);
    checkAudience(ctx, op, named, reported);
  } else if (node && op.channels[0]) {
    checkGuessable(ctx, op, node, op.channels[0], reported);
    checkAudience(ctx, op, [[node, op.channels[0]]], reported);
  }
  if (!op.payloadNode) return;
  checkPayload(ctx, targetOf(op.channels, opened(ctx)), op.payloadNode, reported);
  checkWrapperCallers(ctx, op, op.payloadNode, reported);
}

/**
 * `function notify(userId, data) { return pusher.trigger(`user-${userId}`, 'notify', data) }`:
 * the payload is, or carries (`{ body: data, at }`), a parameter, so what it holds is at the
 * callers. One level of wrapper is followed; each caller's arguments give the payload and, when
 * the channel is a parameter too, the channel.
 */
function checkWrapperCallers(ctx: RuleContext<Options, MessageIds>, op: Operation, payload: Node, reported: Set<Node>): void {
  const scanner = new PayloadScanner(new Set(ctx.options.ignoreFields));
  scanner.scan(payload);
  const channelIndex = op.channelNode ? parameterIndex(op.channelNode) : undefined;
  const seen = new Set<Node>();
  for (const param of scanner.params) {
    const payloadIndex = parameterIndex(param);
    const decl = payloadIndex ? (payloadIndex.fn as import('ts-morph').FunctionDeclaration).getParameters()[payloadIndex.index] : undefined;
    if (!payloadIndex || !decl || (channelIndex && channelIndex.fn !== payloadIndex.fn) || seen.has(decl)) continue;
    seen.add(decl);
    for (const call of callersOf(ctx.model, payloadIndex.fn)) {
      const args = call.getArguments();
      const channelArg = channelIndex ? args[channelIndex.index] : undefined;
      const channel = channelArg ? channelRef(channelArg) : undefined;
      // `triggerEvent(`user-${id}`, 'x', data)`: the wrapper's channel is named at the call.
      if (channelArg && channel) {
        checkGuessable(ctx, op, channelArg, channel, reported);
        checkAudience(ctx, op, [[channelArg, channel]], reported);
      }
      const data = args[payloadIndex.index];
      if (!data) continue;
      const target = channelIndex ? (channel ? targetOf([channel], opened(ctx)) : undefined) : targetOf(op.channels, opened(ctx));
      checkPayload(ctx, target, data, reported);
    }
  }
}

/** `triggerBatch([{ channel, name, data }, …])`: each element's data against its own channel. */
function checkBatch(ctx: RuleContext<Options, MessageIds>, op: Operation, reported: Set<Node>): void {
  if (!op.payloadNode) return;
  for (const el of batchElements(op.payloadNode)) {
    const props = objectProperties(el);
    const channelNode = props.get('channel');
    const data = props.get('data');
    if (!channelNode) continue;
    const channel = channelRef(channelNode);
    checkGuessable(ctx, op, channelNode, channel, reported);
    if (data) checkPayload(ctx, targetOf([channel], opened(ctx)), data, reported);
  }
}

function batchElements(list: Node, depth = 0): Node[] {
  const node = unwrap(list);
  if (depth > 4) return [];
  if (Node.isArrayLiteralExpression(node)) return node.getElements().filter((e) => objectLiteralOf(e) !== undefined);
  if (Node.isIdentifier(node)) {
    const init = constInitializer(node);
    return init && init !== node ? batchElements(init, depth + 1) : [];
  }
  // `events.map((e) => ({ channel: …, name: …, data: … }))`
  if (Node.isCallExpression(node)) {
    const callee = unwrap(node.getExpression());
    const fn = node.getArguments()[0] ? unwrap(node.getArguments()[0]!) : undefined;
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'map' && fn && (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) {
      const ret = returnedExpression(fn);
      return ret && objectLiteralOf(ret) ? [ret] : [];
    }
  }
  return [];
}

const modelsByScan = new WeakMap<object, Map<string, PrismaModel>>();

/** The Prisma models of every schema file in the scan. */
function schemaModels(ctx: RuleContext<Options, MessageIds>): Map<string, PrismaModel> {
  let hit = modelsByScan.get(ctx.model);
  if (hit === undefined) {
    hit = prismaModels(ctx.model.files.filter((f) => f.kind === 'prisma'));
    modelsByScan.set(ctx.model, hit);
  }
  return hit;
}

/** Whether some endpoint of the app signs any channel for anyone: then no authorized channel is private. */
function opened(ctx: RuleContext<Options, MessageIds>): boolean {
  return signsForAnyone(ctx.model) !== undefined;
}

/** Client events only work on private and presence channels; on those, sensitive data is an encryption suggestion. */
function checkClientEvent(ctx: RuleContext<Options, MessageIds>, op: Operation, reported: Set<Node>): void {
  const target = targetOf(op.channels);
  if (op.payloadNode && target && (target.type === 'private' || target.type === 'presence')) checkPayload(ctx, target, op.payloadNode, reported, true);
}

/**
 * The most exposed channel a publish reaches; undefined when every channel is encrypted, unless
 * `opened` (an endpoint signs any channel for anyone, and so gives out encrypted channels' secrets).
 */
function targetOf(channels: readonly ChannelRef[], opened = false): Target | undefined {
  for (const type of ['public', 'unknown', 'private', 'presence', ...(opened ? (['private-encrypted'] as const) : [])] as const) {
    const channel = channels.find((c) => c.type === type);
    if (channel) return { type, channel };
  }
  return undefined;
}

function checkPayload(ctx: RuleContext<Options, MessageIds>, target: Target | undefined, payload: Node, reported: Set<Node>, clientEvent = false): void {
  if (!target) return;
  if (target.type === 'unknown' && !ctx.options.reportUnknownChannels) return;
  const scanner = new PayloadScanner(new Set(ctx.options.ignoreFields));
  scanner.scan(payload);
  const fresh = scanner.hits.filter((hit) => !reported.has(hit.node));
  for (const hit of fresh) reported.add(hit.node);
  for (const hit of byPublish(fresh)) report(ctx, target, hit, clientEvent);
}

function report(ctx: RuleContext<Options, MessageIds>, target: Target, hit: Grouped, clientEvent: boolean): void {
  const channel = target.channel.pattern;
  const open = target.type !== 'public' && target.type !== 'unknown' ? signsForAnyone(ctx.model) : undefined;
  if (!open && (target.type === 'private' || target.type === 'presence')) {
    const what = hit.kind === 'field' ? `Payload field \`${hit.field}\` (${hit.sensitive})${alsoText(hit)}` : `The whole record \`${hit.record}\` (${hit.source})`;
    const fix =
      clientEvent
        ? 'Client events cannot use encrypted channels: send an id and let the receiver fetch the data over your API, or publish it from the server on a `private-encrypted-` channel.'
        : target.type === 'presence'
          ? 'Presence channels cannot be encrypted: publish this on a `private-encrypted-` channel, or send an id and let clients fetch the data over your API.'
          : `Consider \`private-encrypted-${channel.replace(/^private-(cache-)?/, '')}\` for end-to-end encryption.`;
    ctx.report({ node: hit.node, messageId: 'privateUnencrypted', data: { what, channelType: target.type, channel, fix } });
    return;
  }
  const unknown = target.type === 'unknown';
  // Authorization is what makes a channel private; an endpoint that signs any channel for anyone undoes it.
  const where = open
    ? `${target.type} channel \`${channel}\`, which anyone can join because \`${open.location.file}:${open.location.line}\` signs any channel for whoever asks${target.type === 'private-encrypted' ? ' and hands out its shared secret' : ''}`
    : unknown
      ? `channel \`${channel}\`, whose name could not be resolved and may be public`
      : `public channel \`${channel}\``;
  const severity: Severity | undefined = unknown ? 'medium' : undefined;
  if (hit.kind === 'field') {
    ctx.report({ node: hit.node, messageId: 'sensitiveField', data: { field: hit.field, sensitive: hit.sensitive, also: alsoText(hit), target: where }, ...(severity ? { severity } : {}) });
  } else {
    // Every column goes out, later ones too; when the schema shows none is sensitive yet, that future is the risk: a step lower.
    const plain = hit.prisma ? plainPrismaRecord(hit.prisma, schemaModels(ctx), new Set(ctx.options.ignoreFields)) : undefined;
    const source = plain ? `${hit.source}; the schema's \`${plain}\` has no sensitive or authored column today` : hit.source;
    ctx.report({ node: hit.node, messageId: 'wholeRecord', data: { record: hit.record, source, target: where }, ...(severity || plain ? { severity: 'medium' as const } : {}) });
  }
}

/** `subscribe('notification-channel.2')` in the app's client: one person's channel, the same for every user. */
function checkFixedOwner(ctx: RuleContext<Options, MessageIds>, op: Operation, node: Node, channel: ChannelRef, reported: Set<Node>): void {
  const owner = op.side === 'client' ? fixedOwner(channel) : undefined;
  if (!owner || reported.has(node)) return;
  reported.add(node);
  const authorized = channel.type === 'private' || channel.type === 'presence' || channel.type === 'private-encrypted';
  const consequence = authorized
    ? "so the auth endpoint refuses all but that one, or, if it signs any channel, hands everyone that one's events; nobody receives their own."
    : "so everyone receives what is meant for that one (a public channel needs no authorization) and nobody receives their own.";
  const fixed = `${channel.name!.slice(0, -owner.id.length)}\${user.id}`;
  ctx.report({ node, messageId: 'fixedOwnerChannel', data: { channel: channel.name!, entity: owner.entity, id: owner.id, consequence, fixed }, ...(authorized ? { severity: 'low' as const } : {}) });
}

function checkGuessable(ctx: RuleContext<Options, MessageIds>, op: Operation, node: Node, channel: ChannelRef, reported: Set<Node>): void {
  const entity = guessable(channel) ?? (channel.type === 'public' ? routeEntity(channel, op.location.file) : undefined);
  if (!entity || reported.has(node)) return;
  reported.add(node);
  const echo = op.side === 'client' && ctx.model.inventory.clients.find((c) => c.id === op.instanceId)?.library === 'laravel-echo';
  const fix =
    op.side === 'server'
      ? `Publish on \`private-${channel.pattern}\` (or \`private-encrypted-…\`) and check in the auth endpoint that the user may join it.`
      : echo
        ? 'Subscribe with `Echo.private(…)` and authorize the channel in `routes/channels.php`, publishing with `PrivateChannel` on the server.'
        : `Subscribe to \`private-${channel.pattern}\` (and publish there), and check in the auth endpoint that the user may join it.`;
  ctx.report({ node, messageId: 'guessableChannel', data: { channel: channel.pattern, entity, fix } });
}

/**
 * `channel('chitchat').bind(`chat-${user.id}`, …)`: a shared public channel whose events are told
 * apart by a per-user name. Pusher delivers every event of a channel to every subscriber, so the
 * name filters nothing. A channel that is itself per-user is reported as `guessableChannel` instead.
 */
function checkScopedEvent(ctx: RuleContext<Options, MessageIds>, op: Operation, reported: Set<Node>): void {
  const channel = op.channels.length === 1 ? op.channels[0] : undefined;
  if (!op.eventNode || !channel || channel.type !== 'public' || guessable(channel)) return;
  const event = channelRef(op.eventNode);
  const entity = scopedEntity(event, true);
  // On the client the line to change is the subscription to the shared channel, once for all its per-user events.
  const source = op.sourceOperationId ? ctx.model.inventory.operations.find((o) => o.id === op.sourceOperationId) : undefined;
  const node = source?.channelNode ?? op.channelNode ?? op.eventNode;
  if (!entity || reported.has(node)) return;
  reported.add(node);
  const fix =
    op.side === 'server'
      ? `Publish on a \`private-\` channel per ${entity} instead, and check in the auth endpoint that the user may join it.`
      : `Subscribe to a \`private-\` channel per ${entity} instead (and publish there), and check in the auth endpoint that the user may join it.`;
  ctx.report({ node, messageId: 'scopedEvent', data: { event: event.pattern, channel: channel.pattern, entity, fix } });
}

/**
 * A publish or subscription on a public channel named for administrators or the authorities. A
 * trigger that sends the same event to a general public channel too (`['alerts', 'alerts-admin']`)
 * publishes it to everyone on purpose, so its admin copy exposes nothing more.
 */
function checkAudience(ctx: RuleContext<Options, MessageIds>, op: Operation, named: ReadonlyArray<readonly [Node, ChannelRef]>, reported: Set<Node>): void {
  const publicOnes = named.filter(([, ch]) => ch.type === 'public');
  const restricted = publicOnes.map(([n, ch]) => [n, ch, restrictedAudience(ch)] as const).filter(([, , a]) => a !== undefined);
  if (restricted.length === 0 || restricted.length < publicOnes.length) return;
  const [node, channel, audience] = restricted[0]!;
  if (reported.has(node)) return;
  reported.add(node);
  const fix =
    op.side === 'server'
      ? `Publish on \`private-${channel.pattern}\` and let the auth endpoint sign it only for ${audience}.`
      : `Subscribe to \`private-${channel.pattern}\` (and publish there), and let the auth endpoint sign it only for ${audience}.`;
  ctx.report({ node, messageId: 'restrictedAudience', data: { channel: channel.pattern, audience: audience!, fix } });
}
