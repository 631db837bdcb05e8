import { Node } from '../../src/morph.js';
import * as z from 'zod';
import { calleeText } from '../../src/analysis/calls.js';
import { iterationsOf } from '../../src/analysis/loops.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { ChannelRef, ClientInstance, Operation } from '../../src/inventory/types.js';
import { channelParts, channelRef } from '../../src/inventory/channels.js';
import { stringParts } from '../../src/inventory/values.js';
import { constInitializer, objectLiteralOf, objectProperties, shortText, unwrap } from '../../src/analysis/ast.js';
import { CHANNEL_NAME } from '../../src/pusher/channels.js';
import { LIMITS } from '../../src/pusher/protocol.js';

export const optionsSchema = z.object({
  reportUnboundedLists: z
    .boolean()
    .default(true)
    .describe('Report `trigger(items.map(…))` and `triggerBatch(items.map(…))` over a collection that nothing caps at 100 channels or 10 events.'),
});
export type Options = z.infer<typeof optionsSchema>;
type Ctx = RuleContext<Options, MessageIds>;

export type MessageIds = 'invalidChannelName' | 'reservedChannelPrefix' | 'channelNameTooLong' | 'eventNameTooLong' | 'tooManyChannels' | 'unboundedChannels' | 'tooManyEvents' | 'unboundedBatch' | 'payloadTooLarge' | 'encryptedMultiChannel' | 'clusterNotACluster';

const messages: Record<MessageIds, RuleMessage> = {
  clusterNotACluster: {
    text:
      'The `cluster` option is `{{value}}`, which names the app\'s {{what}}, not a cluster: pusher-js connects to `ws-<cluster>.pusher.com`, a host that does not exist for a {{what}}, so this client never connects and every subscription on it stays silent. Pass the app\'s cluster (`mt1`, `eu`, `ap2`, … as the dashboard shows it), e.g. from a `PUSHER_APP_CLUSTER` setting.',
  },
  invalidChannelName: {
    text:
      'The channel name `{{name}}` contains {{char}}, which Pusher does not allow (only letters, digits and `_ - = @ , . ;`): the SDK throws before publishing and a client cannot subscribe. Replace it, e.g. with `-`.',
  },
  reservedChannelPrefix: {
    text:
      'The channel name `{{name}}` starts with `#`, which Pusher reserves for its own channels (`#server-to-user-…`): the publish is refused and pusher-js will not subscribe. Drop the `#`; use `sendToUser` to reach one user.',
  },
  channelNameTooLong: {
    text:
      'The channel name `{{name}}` is at least {{length}} characters long; Pusher allows {{limit}}, prefix included. Use a shorter id (a hash or a database key) in the name.',
  },
  eventNameTooLong: {
    text:
      'The event name is {{length}} characters long; Pusher allows {{limit}}. Use a short, fixed event name and put the detail in the data.',
  },
  tooManyChannels: {
    text:
      '`{{call}}` names {{count}} channels; one trigger may name at most {{limit}} and the SDK throws above that. Split the list into chunks of {{limit}}.',
  },
  unboundedChannels: {
    text:
      '`{{call}}` names one channel per item of `{{collection}}`, and nothing caps the list: above {{limit}} channels the SDK throws and nothing is sent. Send chunks of {{limit}} (`for (let i = 0; i < channels.length; i += {{limit}}) trigger(channels.slice(i, i + {{limit}}), …)`).',
    severity: 'medium',
  },
  tooManyEvents: {
    text:
      '`{{call}}` sends {{count}} events; Pusher accepts at most {{limit}} per batch on its shared clusters and refuses the whole request. Send chunks of {{limit}}.',
  },
  unboundedBatch: {
    text:
      '`{{call}}` sends one event per item of `{{collection}}`, and nothing caps the list at {{limit}}: Pusher refuses a batch of more than {{limit}} events on its shared clusters, and the SDK does not check. Send chunks of {{limit}}.',
    severity: 'medium',
  },
  payloadTooLarge: {
    text:
      'The data `{{call}}` publishes holds {{what}} (`{{source}}`), which will often pass Pusher\'s {{limit}} KB limit per event: such a publish fails with HTTP 413. Send an id or a URL and let clients fetch the content, or chunk it.',
    severity: 'medium',
  },
  encryptedMultiChannel: {
    text:
      '`{{call}}` names several channels, and `{{name}}` is end-to-end encrypted: Pusher publishes to encrypted channels one at a time, and the SDK refuses the call. Trigger each encrypted channel on its own.',
  },
};
/** Calls that return a list from a database or an API: a whole table in one event. */
const LIST_QUERIES = /^(findMany|findAll|getMany|toArray|fetchAll|list|all|scan)$/;
/** `find` lists only on a repository / model (`this.lots.find(…)`, `Lot.find(…)`), not on an array. */
const REPOSITORY = /(repo(sitory)?|model|collection|table|db|prisma|lots|items|rows)$/i;
const BOUNDED = /\b(take|limit|first|top|perPage|pageSize)\b/;

function productCode(ctx: Ctx, file: string): boolean {
  return ctx.appliesTo(file);
}

function report(ctx: Ctx, node: Node, messageId: MessageIds, data: Record<string, string | number>): void {
  ctx.report({ node, messageId, data });
}

/** The static text of a channel name, with each dynamic part as `${…}`: what the checks look at. */
function checkChannelName(ctx: Ctx, op: Operation, node: Node): boolean {
  const parts = channelParts(node);
  if (parts.length === 1 && 'dynamic' in parts[0]!) return false;
  const ref = channelRef(node);
  const statics = parts.filter((p): p is { static: string } => 'static' in p).map((p) => p.static);
  const name = ref.pattern.length > 60 ? `${ref.pattern.slice(0, 59)}…` : ref.pattern;
  const first = parts[0];
  if (first && 'static' in first && first.static.startsWith('#') && op.kind !== 'sendToUser') {
    report(ctx, op.anchor, 'reservedChannelPrefix', { name });
    return true;
  }
  for (const s of statics) {
    const bad = CHANNEL_NAME.invalidChar.exec(s);
    if (bad) {
      report(ctx, op.anchor, 'invalidChannelName', { name, char: bad[0] === ' ' ? 'a space' : `\`${bad[0]}\`` });
      return true;
    }
  }
  const length = statics.reduce((n, s) => n + s.length, 0);
  if (length > CHANNEL_NAME.maxLength) {
    report(ctx, op.anchor, 'channelNameTooLong', { name, length, limit: CHANNEL_NAME.maxLength });
    return true;
  }
  return false;
}

/** `items.map(…)` (or a spread of it) whose length nothing caps: a `slice(0, n)` or a chunked loop would. */
function unboundedList(node: Node, cap: number): Node | undefined {
  let u = unwrap(node);
  if (Node.isIdentifier(u)) u = constInitializer(u) ? unwrap(constInitializer(u)!) : u;
  if (!Node.isCallExpression(u)) return undefined;
  const callee = unwrap(u.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || !/^(map|flatMap|filter)$/.test(callee.getName())) return undefined;
  const collection = callee.getExpression();
  if (boundedBy(collection, cap)) return undefined;
  return collection;
}

/** `xs.slice(0, 100)`, `xs.slice(i, i + 10)`, a loop over chunks, or a length check before the call. */
function boundedBy(collection: Node, cap: number): boolean {
  const u = unwrap(collection);
  if (Node.isCallExpression(u)) {
    const callee = unwrap(u.getExpression());
    if (Node.isPropertyAccessExpression(callee) && /^(slice|splice|take)$/.test(callee.getName())) return true;
    if (Node.isPropertyAccessExpression(callee)) return boundedBy(callee.getExpression(), cap);
  }
  if (Node.isIdentifier(u)) {
    const init = constInitializer(u);
    // `const ids = []` filled by `push` is not bounded by its empty literal.
    if (init && init !== u && !Node.isArrayLiteralExpression(unwrap(init)) && boundedBy(init, cap)) return true;
    if (init && Node.isCallExpression(unwrap(init)) && BOUNDED.test(unwrap(init).getText())) return true;
  }
  const text = collection.getText();
  if (/chunk|batch|page|slice/i.test(text)) return true;
  // A literal array of a few items is bounded by what it says.
  if (Node.isArrayLiteralExpression(u)) return u.getElements().length <= cap;
  return false;
}

/** What makes a payload likely to pass 10 KB, with the expression that shows it. */
function largePayload(node: Node, depth = 0): { what: string; source: Node } | undefined {
  if (depth > 4) return undefined;
  const u = unwrap(node);
  if (Node.isAwaitExpression(u)) return largePayload(u.getExpression(), depth + 1);
  if (Node.isIdentifier(u)) {
    const init = constInitializer(u);
    return init && init !== u ? largePayload(init, depth + 1) : undefined;
  }
  if (Node.isPropertyAccessExpression(u) && u.getName() === 'length') return undefined;
  if (Node.isPropertyAccessExpression(u) || Node.isIdentifier(u)) {
    const named = contentName(Node.isPropertyAccessExpression(u) ? u.getName() : u.getText());
    if (named) return { what: named, source: u };
  }
  const obj = objectLiteralOf(u);
  if (obj && obj === u) {
    for (const prop of obj.getProperties()) {
      const key = Node.isPropertyAssignment(prop) || Node.isShorthandPropertyAssignment(prop) ? prop.getName() : '';
      const named = contentName(key);
      if (named) return { what: named, source: prop };
      const value = Node.isPropertyAssignment(prop) ? prop.getInitializer() : Node.isShorthandPropertyAssignment(prop) ? prop.getNameNode() : Node.isSpreadAssignment(prop) ? prop.getExpression() : undefined;
      const hit = value ? largePayload(value, depth + 1) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }
  if (Node.isCallExpression(u)) {
    const callee = unwrap(u.getExpression());
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    const args = u.getArguments();
    if (name === 'toString' && args[0] && /^['"`]base64(url)?['"`]$/.test(args[0].getText())) return { what: 'a base64 encoding', source: u };
    if (/^(btoa|toBase64|encodeBase64|base64Encode)$/.test(name)) return { what: 'a base64 encoding', source: u };
    if (/^(readFile|readFileSync)$/.test(name) || (name === 'arrayBuffer' && args.length === 0)) return { what: 'a whole file', source: u };
    if (Node.isPropertyAccessExpression(callee) && (LIST_QUERIES.test(name) || (name === 'find' && REPOSITORY.test(callee.getExpression().getText()))) && !BOUNDED.test(args.map((a) => a.getText()).join(' '))) {
      return { what: 'a whole list from the database', source: u };
    }
    if (name === 'stringify' && args[0]) return largePayload(args[0], depth + 1);
    return undefined;
  }
  return undefined;
}

/** A name that says what it holds: `dataBase64`, `fileContents`, `dataUrl`. */
function contentName(name: string): string | undefined {
  if (/base64|b64$|data_?ur[il]/i.test(name)) return 'a base64 encoding';
  if (/^file_?contents?$|^file_?(data|body|buffer|bytes)$|^raw_?bytes$/i.test(name)) return 'a whole file';
  return undefined;
}

function checkTrigger(ctx: Ctx, op: Operation): void {
  const call = calleeText(op.node);
  const args = Node.isCallExpression(op.node) ? op.node.getArguments() : [];
  const channelArg = args[0] ? unwrap(args[0]) : undefined;
  if (channelArg && Node.isArrayLiteralExpression(channelArg)) {
    const elements = channelArg.getElements();
    if (elements.length > LIMITS.channelsPerTrigger) report(ctx, op.anchor, 'tooManyChannels', { call, count: elements.length, limit: LIMITS.channelsPerTrigger });
    const encrypted = op.channels.find((c) => c.type === 'private-encrypted');
    if (elements.length > 1 && encrypted) report(ctx, op.anchor, 'encryptedMultiChannel', { call, name: encrypted.pattern });
    for (const el of elements) if (checkChannelName(ctx, op, el)) break;
  } else if (channelArg && mappedChannels(channelArg)?.type === 'private-encrypted') {
    report(ctx, op.anchor, 'encryptedMultiChannel', { call, name: mappedChannels(channelArg)!.pattern });
  } else if (channelArg) {
    const collection = ctx.options.reportUnboundedLists && !inChunkLoop(op) ? unboundedList(channelArg, LIMITS.channelsPerTrigger) : undefined;
    if (collection) report(ctx, op.anchor, 'unboundedChannels', { call, collection: shortText(collection, 40), limit: LIMITS.channelsPerTrigger });
    else if (!isArrayValued(channelArg)) checkChannelName(ctx, op, channelArg);
  }
  if (op.eventNode) checkEventName(ctx, op, op.eventNode);
  if (op.payloadNode) checkPayload(ctx, op, op.payloadNode, call);
}

/** `ids.map((id) => \`private-encrypted-board-\${id}\`)` (directly or through a const): the channel each item becomes. */
function mappedChannels(node: Node): ChannelRef | undefined {
  let u = unwrap(node);
  if (Node.isIdentifier(u)) {
    const init = constInitializer(u);
    if (init && init !== u) u = unwrap(init);
  }
  if (!Node.isCallExpression(u)) return undefined;
  const callee = unwrap(u.getExpression());
  const fn = u.getArguments()[0];
  if (!Node.isPropertyAccessExpression(callee) || !/^(map|flatMap)$/.test(callee.getName()) || !fn || !Node.isArrowFunction(fn)) return undefined;
  const body = fn.getBody();
  return Node.isBlock(body) ? undefined : channelRef(body);
}

/** A channel argument that is a list (a variable holding channels): its elements are not one name. */
function isArrayValued(node: Node): boolean {
  try {
    const type = node.getType();
    return type.isArray() || type.isTuple();
  } catch {
    return false;
  }
}

/** A publish inside `for (…; i += 10)` or over chunks: the caller already splits the list. */
function inChunkLoop(op: Operation): boolean {
  return iterationsOf(op.node).some((it) => /chunk|batch|slice|page|\+=/.test(Node.isForStatement(it.scope) ? (it.scope.getIncrementor()?.getText() ?? '') + (it.collection?.getText() ?? '') : (it.collection?.getText() ?? '')));
}

function checkEventName(ctx: Ctx, op: Operation, node: Node): void {
  const parts = stringParts(node);
  const length = parts.reduce((n, p) => n + ('static' in p ? p.static.length : 0), 0);
  if (length > LIMITS.eventNameLength) report(ctx, op.anchor, 'eventNameTooLong', { length, limit: LIMITS.eventNameLength });
}

function checkPayload(ctx: Ctx, op: Operation, node: Node, call: string): void {
  const hit = largePayload(node);
  if (hit) report(ctx, op.anchor, 'payloadTooLarge', { call, what: hit.what, source: shortText(hit.source, 40), limit: LIMITS.eventDataBytes / 1024 });
}

function checkBatch(ctx: Ctx, op: Operation): void {
  if (!op.payloadNode) return;
  const call = calleeText(op.node);
  const list = unwrap(op.payloadNode);
  if (Node.isArrayLiteralExpression(list)) {
    const elements = list.getElements();
    if (elements.length > LIMITS.eventsPerBatch) report(ctx, op.anchor, 'tooManyEvents', { call, count: elements.length, limit: LIMITS.eventsPerBatch });
    for (const el of elements) {
      const props = objectProperties(el);
      const channel = props.get('channel');
      if (channel && checkChannelName(ctx, op, channel)) break;
      const name = props.get('name');
      if (name) checkEventName(ctx, op, name);
      const data = props.get('data');
      if (data) checkPayload(ctx, op, data, call);
    }
    return;
  }
  const collection = ctx.options.reportUnboundedLists && !inChunkLoop(op) ? unboundedList(list, LIMITS.eventsPerBatch) : undefined;
  if (collection) report(ctx, op.anchor, 'unboundedBatch', { call, collection: shortText(collection, 40), limit: LIMITS.eventsPerBatch });
}

/**
 * What a name holds when its last word says credential: `app_key`, `VITE_PUSHER_APP_KEY` and
 * `pusherSecret` a key or secret, `appId` the app id. A name that also says cluster or region
 * (`clusterKey`) is some lookup of the cluster and is left alone.
 */
function credentialIn(name: string): string | undefined {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const last = words.at(-1);
  if (!last || words.some((w) => w === 'cluster' || w === 'region' || w === 'host')) return undefined;
  if (last === 'key' || last === 'secret') return last;
  return last === 'id' && words.at(-2) === 'app' ? 'app id' : undefined;
}

/** `cluster: config().app_key`: the key (or another credential) where the cluster belongs. */
function checkCluster(ctx: Ctx, client: ClientInstance): void {
  const node = objectProperties(client.optionsNode).get('cluster');
  const ref = client.options.cluster;
  if (!node || !ref) return;
  const expr = Node.isPropertyAssignment(node) ? (node.getInitializer() ?? node) : node;
  // Resolved through a helper (`settings().app_key`) to the same literal as the key.
  const sameAsKey = ref.kind === 'literal' && client.key.kind === 'literal' && ref.value === client.key.value;
  const what = sameAsKey ? 'key' : ref.kind === 'env' || ref.kind === 'unknown' ? credentialIn(ref.kind === 'env' ? ref.name : (unwrap(expr).getText().split('.').pop() ?? '')) : undefined;
  if (what) ctx.report({ node, messageId: 'clusterNotACluster', data: { value: ref.kind === 'env' ? ref.name : shortText(expr, 60), what } });
}

function checkSubscribe(ctx: Ctx, op: Operation): void {
  if (op.channelNode && !isArrayValued(op.channelNode)) checkChannelName(ctx, op, op.channelNode);
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'protocol-limits',
    title: 'Stay inside Pusher\'s protocol limits',
    description:
      'Finds publishes and subscriptions that Pusher or its SDK will refuse: channel names with invalid characters, starting with `#` or over 164 characters, event names over 200 characters, more than 100 channels in one trigger or 10 events in one batch (literal, or one per item of an uncapped list), payloads likely to pass 10 KB (base64, file contents, whole database lists), and multi-channel triggers on encrypted channels; and clients whose `cluster` option holds the app key, secret or id, so they never connect.',
    category: 'reliability',
    severity: 'high',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    for (const op of ctx.model.inventory.operations) {
      if (!productCode(ctx, op.location.file)) continue;
      if (op.side === 'server' && op.kind === 'trigger') ctx.forFile(op.location.file, () => checkTrigger(ctx, op));
      else if (op.side === 'server' && op.kind === 'triggerBatch') ctx.forFile(op.location.file, () => checkBatch(ctx, op));
      else if (op.side === 'client' && op.kind === 'subscribe') ctx.forFile(op.location.file, () => checkSubscribe(ctx, op));
    }
    for (const client of ctx.model.inventory.clients) {
      if (productCode(ctx, client.location.file)) ctx.forFile(client.location.file, () => checkCluster(ctx, client));
    }
  },
});
