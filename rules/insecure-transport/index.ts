import { Node } from '../../src/morph.js';
import { z } from 'zod';
import { defineRule, NOT_TESTS, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import { optionSets, type OptionSet } from '../../src/analysis/option-sets.js';
import { isLoopbackHost, targetsLoopback, valueOf } from '../../src/inventory/values.js';
import { constInitializer, objectProperties, unwrap } from '../../src/analysis/ast.js';
import type { ClientInstance, ServerInstance, ValueRef } from '../../src/inventory/types.js';

export const optionsSchema = z.object({
  allowHosts: z
    .array(z.string().min(1))
    .default([])
    .describe('Hostnames treated like localhost: plain ws:// or http:// to them is not reported (e.g. a dev container name).'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'forceTlsFalse' | 'useTlsFalse' | 'wsOnlyTransports' | 'plainHttpEndpoint' | 'serverTlsNotSet';

const messages: Record<MessageIds, RuleMessage> = {
  forceTlsFalse: {
    text:
      '`{{option}}: false` lets pusher-js connect over unencrypted ws:// and http://, so channel data and auth signatures can be read or changed on the network. Remove the option or set `forceTLS: true`.',
  },
  useTlsFalse: {
    text:
      'The Pusher server SDK is configured with `{{option}}: false`, so event data and signed API requests go to Pusher over plain HTTP. Set `useTLS: true`.',
  },
  wsOnlyTransports: {
    text:
      '`enabledTransports` allows `ws` but not `wss`, so every connection is unencrypted. Use `[\'wss\']` (or leave the option out).',
  },
  plainHttpEndpoint: {
    text:
      '{{what}} uses http:// to {{host}}: {{exposed}} travel unencrypted and can be intercepted. Use an https:// URL.',
  },
  serverTlsNotSet: {
    text:
      'This `pusher` server SDK instance {{how}}, so every event it triggers and every signed API request goes to {{host}} over plain HTTP (the SDK\'s default): anyone on the network path can read channel names and payloads. Add `useTLS: true`.',
    severity: 'medium',
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

/** `['ws']`-style arrays, through one const; undefined when any element is not a string literal. */
function stringArray(node: Node | undefined): string[] | undefined {
  if (!node) return undefined;
  let expr = unwrap(node);
  if (Node.isIdentifier(expr)) expr = unwrap(constInitializer(expr) ?? expr);
  if (!Node.isArrayLiteralExpression(expr)) return undefined;
  const out: string[] = [];
  for (const el of expr.getElements()) {
    const e = unwrap(el);
    if (!Node.isStringLiteral(e) && !Node.isNoSubstitutionTemplateLiteral(e)) return undefined;
    out.push(e.getLiteralText());
  }
  return out;
}

function checkClient(ctx: RuleContext<Options, MessageIds>, client: ClientInstance, allow: ReadonlySet<string>): void {
  const props = objectProperties(client.optionsNode);
  if (!targetsLoopback(client.options, allow)) {
    for (const option of ['forceTLS', 'encrypted'] as const) {
      const node = props.get(option);
      if (node && literal(client.options[option]) === false) ctx.report({ node, messageId: 'forceTlsFalse', data: { option } });
    }
    const transports = stringArray(props.get('enabledTransports'));
    const transportsNode = props.get('enabledTransports');
    if (transportsNode && transports && transports.includes('ws') && !transports.includes('wss')) {
      ctx.report({ node: transportsNode, messageId: 'wsOnlyTransports' });
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

function checkServer(ctx: RuleContext<Options, MessageIds>, server: ServerInstance, allow: ReadonlySet<string>): void {
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
      ctx.report({ node: server.node, messageId: 'serverTlsNotSet', data: plain });
      return;
    }
  }
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'insecure-transport',
    title: 'Pusher connections and auth requests must use TLS',
    description:
      'Finds client and server Pusher configuration that turns TLS off (forceTLS/useTLS/encrypted false, ws-only transports) and auth endpoints or forURL URLs over plain http:// to a non-local host. Without TLS, channel data, auth signatures and session cookies cross the network in clear text.',
    category: 'security',
    severity: 'high',
    appliesTo: NOT_TESTS,
    requires: ['inventory'],
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
