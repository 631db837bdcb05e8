import { Node } from '../../src/morph.js';
import * as z from 'zod';
import { defineRule, NOT_TESTS, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import { optionSets, type OptionSet } from '../../src/analysis/option-sets.js';
import { isLoopbackHost, targetsLoopback, valueOf } from '../../src/inventory/values.js';
import { objectProperties } from '../../src/analysis/ast.js';
import type { ClientInstance, ServerInstance, ValueRef } from '../../src/inventory/types.js';
import { AUTH_METHODS } from '../../src/pusher/methods.js';

export const optionsSchema = z.object({
  allowHosts: z
    .array(z.string().min(1))
    .default([])
    .describe('Hostnames treated like localhost: plain ws:// or http:// to them is not reported (e.g. a dev container name).'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'forceTlsFalse' | 'tlsFollowsPage' | 'useTlsFalse' | 'plainHttpEndpoint' | 'serverTlsNotSet';

const messages: Record<MessageIds, RuleMessage> = {
  forceTlsFalse: {
    text:
      '`{{option}}: false` makes pusher-js connect over unencrypted ws:// here: outside a browser it has no page protocol to follow, so channel data and auth signatures can be read or changed on the network. Remove the option or set `forceTLS: true`.',
  },
  tlsFollowsPage: {
    text:
      '`{{option}}: false` in browser code only matters on a page served over http://: pusher-js connects over wss:// whenever the page itself is https, so an https deployment is unaffected, but any page or preview served over plain http then sends channel data and auth signatures unencrypted. Remove the option so the connection is encrypted whatever serves the page.',
    severity: 'low',
  },
  useTlsFalse: {
    text:
      'The Pusher server SDK is configured with `{{option}}: false`, so event data and signed API requests go to Pusher over plain HTTP. Set `useTLS: true`.',
  },
  plainHttpEndpoint: {
    text:
      '{{what}} uses http:// to {{host}}: {{exposed}} travel unencrypted and can be intercepted. Use an https:// URL.',
  },
  serverTlsNotSet: {
    text:
      'This `pusher` server SDK instance {{how}}, so every event it triggers and every signed API request goes to {{host}} over plain HTTP (the SDK\'s default): anyone on the network path can read channel names and payloads. Add `useTLS: true`.',
    severity: 'medium',
    otherSeverities: { info: 'when no Channels call in the scanned code can be the instance\'s: nothing crosses the network yet' },
  },
};

function literal(ref: ValueRef | undefined): string | number | boolean | null | undefined {
  return ref?.kind === 'literal' ? ref.value : undefined;
}

/** The host of an `http://` URL, or undefined for https, relative or unresolved URLs. */
function plainHttpHost(ref: ValueRef | undefined): string | undefined {
  const value = literal(ref);
  if (typeof value !== 'string' || !/^http:\/\//i.test(value)) return undefined;
  try {
    return new URL(value).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Whether pusher-js runs in a browser page here: a client file that is not React Native, or a
 * `<script>`-tag global. pusher-js turns TLS on whenever the page's protocol is https: and only
 * heeds `forceTLS: false` otherwise (`shouldUseTLS` in its config.ts); in React Native, Node and
 * workers its runtime reports `http:`, so the option means plain ws:// there.
 */
function inBrowserPage(ctx: RuleContext<Options, MessageIds>, client: ClientInstance): boolean {
  if (client.via === 'global') return true;
  const env = ctx.model.environments.get(client.location.file);
  return env?.kind === 'client' && env.platform !== 'react-native';
}

function checkClient(ctx: RuleContext<Options, MessageIds>, client: ClientInstance, allow: ReadonlySet<string>): void {
  const props = objectProperties(client.optionsNode);
  // `enabledTransports: ['ws']` is not checked: pusher-js's `ws` transport connects with wss://
  // whenever TLS is on; `wss` names only the TLS fallback it tries when TLS is off.
  if (!targetsLoopback(client.options, allow)) {
    const messageId = inBrowserPage(ctx, client) ? 'tlsFollowsPage' : 'forceTlsFalse';
    for (const option of ['forceTLS', 'encrypted'] as const) {
      const node = props.get(option);
      if (node && literal(client.options[option]) === false) ctx.report({ node, messageId, data: { option } });
    }
  }
  const endpoints: Array<{ what: string; ref: ValueRef | undefined; node: Node | undefined }> = [
    { what: '`authEndpoint`', ref: client.options.authEndpoint, node: props.get('authEndpoint') },
  ];
  for (const group of ['channelAuthorization', 'userAuthentication'] as const) {
    const ref = client.options[group];
    endpoints.push({
      what: `\`${group}.endpoint\``,
      ref: ref?.kind === 'object' ? ref.properties.endpoint : undefined,
      node: objectProperties(props.get(group)).get('endpoint'),
    });
  }
  for (const { what, ref, node } of endpoints) {
    const host = plainHttpHost(ref);
    if (node && host !== undefined && !isLoopbackHost(host, allow)) {
      ctx.report({ node, messageId: 'plainHttpEndpoint', data: { what, host, exposed: 'session cookies and the signed channel authorizations' } });
    }
  }
}

/** Server SDK calls computed on the server itself: a signature, a webhook check; nothing goes to Pusher. */
const LOCAL_CALLS: ReadonlySet<string> = new Set([...AUTH_METHODS, 'webhook']);

/**
 * Whether an instance only signs (and checks webhooks), so its transport settings carry nothing.
 * Said only when the scan traced every server call it could be making: one whose instance is
 * unknown may be this one's `trigger`.
 */
function signsOnly(ctx: RuleContext<Options, MessageIds>, server: ServerInstance): boolean {
  const calls = ctx.model.inventory.operations.filter((op) => op.side === 'server' && (op.instanceId === server.id || op.instanceId === null));
  return calls.some((op) => op.instanceId === server.id) && calls.every((op) => LOCAL_CALLS.has(op.kind));
}

/**
 * Whether no Channels call could be this instance's: every server call is traced to another one.
 * A Beams-only module that also builds a Channels client sends nothing over it yet, so the plain
 * HTTP default is a latent setting, not exposed traffic.
 */
function makesNoCall(ctx: RuleContext<Options, MessageIds>, server: ServerInstance): boolean {
  return ctx.model.inventory.operations.every((op) => op.side !== 'server' || (op.instanceId !== null && op.instanceId !== server.id));
}

function checkServer(ctx: RuleContext<Options, MessageIds>, server: ServerInstance, allow: ReadonlySet<string>): void {
  if (signsOnly(ctx, server)) return;
  if (server.construction === 'forURL') {
    const host = plainHttpHost(server.options.url);
    const urlNode = Node.isCallExpression(server.node) ? server.node.getArguments()[0] : undefined;
    if (urlNode && host !== undefined && !isLoopbackHost(host, allow)) {
      ctx.report({ node: urlNode, messageId: 'plainHttpEndpoint', data: { what: '`Pusher.forURL`', host, exposed: 'event data and signed API requests' } });
    }
    return;
  }
  checkServerDefault(ctx, server, allow);
  if (targetsLoopback(server.options, allow)) return;
  const props = objectProperties(server.optionsNode);
  for (const option of ['useTLS', 'encrypted'] as const) {
    const node = props.get(option);
    if (node && literal(server.options[option]) === false) ctx.report({ node, messageId: 'useTlsFalse', data: { option } });
  }
}

/** What an option set leaves to the SDK's plain-HTTP default: the host it then talks to, or undefined when TLS is on, unknown or local. */
function plainByDefault(set: OptionSet, server: ServerInstance, allow: ReadonlySet<string>): { host: string; how: string } | undefined {
  const value = (name: string) => {
    const node = set.get(name);
    return node ? valueOf(node) : undefined;
  };
  // Any `useTLS` / `encrypted` decides on its own: `false` is reported as an explicit opt-out, anything not literal is the deployment's choice.
  if (set.has('useTLS') || set.has('encrypted')) return undefined;
  const scheme = value('scheme');
  if (scheme && !(scheme.kind === 'literal' && scheme.value === 'http')) return undefined;
  const port = value('port');
  if (port && (port.kind !== 'literal' || String(port.value) === '443')) return undefined;
  const how = scheme ? "sets `scheme: 'http'`" : 'sets neither `useTLS: true` nor `scheme: \'https\'`';
  const host = value('host');
  if (host) {
    if (host.kind === 'literal' && typeof host.value === 'string') return isLoopbackHost(host.value, allow) ? undefined : { host: host.value, how };
    // `process.env.PUSHER_HOST ?? '127.0.0.1'`: a local default says the variable points at a local server.
    if (host.kind === 'env') {
      const fallback = host.fallback?.kind === 'literal' ? host.fallback.value : undefined;
      return typeof fallback === 'string' && isLoopbackHost(fallback, allow) ? undefined : { host: `the host in \`${host.name}\``, how };
    }
    return undefined;
  }
  const cluster = value('cluster') ?? (server.construction === 'forCluster' ? server.options.cluster : undefined);
  const name = cluster?.kind === 'literal' && typeof cluster.value === 'string' ? `api-${cluster.value}.pusher.com` : cluster ? 'api-<cluster>.pusher.com' : 'api.pusherapp.com';
  return { host: `Pusher (\`${name}\`)`, how };
}

/**
 * The `pusher` SDK talks plain HTTP unless told otherwise, so an instance that never mentions
 * TLS is as exposed as one that turns it off. Every way its options can be built is checked;
 * options the rule cannot follow (a parameter, a call's result) are left alone.
 */
function checkServerDefault(ctx: RuleContext<Options, MessageIds>, server: ServerInstance, allow: ReadonlySet<string>): void {
  if (server.construction === 'module' && objectProperties(server.optionsNode).has('useFactory')) return;
  const sets = server.construction === 'forCluster' && !server.optionsNode ? [new Map<string, Node>()] : optionSets(server.optionsNode);
  if (!sets) return;
  for (const set of sets) {
    const plain = plainByDefault(set, server, allow);
    if (plain) {
      const idle = makesNoCall(ctx, server);
      ctx.report({
        node: server.node,
        messageId: 'serverTlsNotSet',
        ...(idle ? { severity: 'info' as const } : {}),
        data: idle ? { ...plain, how: `${plain.how} and makes no Channels call in the scanned code yet` } : plain,
      });
      return;
    }
  }
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'insecure-transport',
    title: 'Pusher connections and auth requests must use TLS',
    description:
      'Finds client and server Pusher configuration that turns TLS off (forceTLS/useTLS/encrypted false, a server SDK left on its plain-HTTP default) and auth endpoints or forURL URLs over plain http:// to a non-local host. Without TLS, channel data, auth signatures and session cookies cross the network in clear text.',
    category: 'security',
    severity: 'high',
    appliesTo: NOT_TESTS,
    requires: ['environments', 'inventory'],
    precision: 'high', // explicit TLS opt-outs; not yet measured on a held-out set
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    const allow = new Set(ctx.options.allowHosts.map((h) => h.toLowerCase()));
    for (const client of ctx.model.inventory.clients) {
      if (ctx.appliesTo(client.location.file)) ctx.forFile(client.location.file, () => checkClient(ctx, client, allow));
    }
    for (const server of ctx.model.inventory.servers) {
      if (ctx.appliesTo(server.location.file)) ctx.forFile(server.location.file, () => checkServer(ctx, server, allow));
    }
  },
});
