import type { CallExpression, JsxOpeningElement, JsxSelfClosingElement, NewExpression, SourceFile } from 'ts-morph';
import { Node } from '../morph.js';
import type { ScanProject } from '../engine/project.js';
import { scopeOf } from '../analysis/lifecycle.js';
import { SECRET_OPTIONS } from '../pusher/secrets.js';
import { isRequire, originOf, USE_PUSHER } from './origins.js';
import { applyUrl } from './secrets.js';
import { valueOf } from './values.js';
import { objectProperties, unwrap } from '../analysis/ast.js';
import type { ClientInstance, ClientLibrary, Instance, Inventory, ServerInstance, SourceLocation, ValueRef } from './types.js';

/**
 * The first pass: every client and server instance, recognised by what its constructor is
 * imported from (or by shape for CDN globals), with its options resolved and its secrets redacted.
 */
export class InstanceCollector {
  readonly clients: ClientInstance[] = [];
  readonly servers: ServerInstance[] = [];
  /** Each instance by the node that creates it: receivers resolve to these nodes. */
  readonly byNode = new Map<Node, Instance>();

  constructor(
    private readonly locate: (node: Node) => SourceLocation,
    private readonly secrets: Set<string>,
    /** Whether a relative specifier, imported by a file, names a copy of pusher-js kept in the app's own tree. */
    private readonly vendoredPusherJs: (file: string, specifier: string) => boolean = () => false,
  ) {}

  /** Every client and server constructed in `sf`. */
  find(sf: SourceFile): void {
    sf.forEachDescendant((node) => {
      if (Node.isNewExpression(node)) this.newInstance(node);
      else if (Node.isCallExpression(node)) this.callInstance(node);
      else if (Node.isJsxOpeningElement(node) || Node.isJsxSelfClosingElement(node)) this.providerInstance(node);
    });
  }

  private newInstance(node: NewExpression): void {
    const origin = originOf(node.getExpression());
    if (!origin) return;
    const args = node.getArguments();
    if ('module' in origin) {
      if (/^pusher-js(\/|$)/.test(origin.module) || (origin.module.startsWith('.') && this.vendoredPusherJs(this.locate(node).file, origin.module))) {
        this.addClient(node, 'pusher-js', isRequire(node.getExpression()) ? 'require' : 'import', args[0], args[1]);
      } else if (origin.module === 'pusher') {
        this.addServer(node, 'pusher', 'new', args[0]);
      } else if (origin.module === 'laravel-echo') {
        this.addEcho(node, 'import', args[0]);
      }
      return;
    }
    if (origin.global === 'Pusher') {
      // CDN global: the server SDK takes one options object with appId/secret; pusher-js takes a key first.
      const props = objectProperties(args[0]);
      if (props.has('appId') || props.has('secret')) this.addServer(node, 'pusher', 'new', args[0]);
      else if (args.length > 0) this.addClient(node, 'pusher-js', 'global', args[0], args[1]);
    } else if (origin.global === 'Echo') {
      this.addEcho(node, 'global', args[0]);
    }
  }

  private callInstance(node: CallExpression): void {
    const callee = unwrap(node.getExpression());
    if (!Node.isPropertyAccessExpression(callee)) return;
    const method = callee.getName();
    const origin = originOf(callee.getExpression());
    if (!origin) return;
    const module = 'module' in origin ? origin.module : origin.global === 'Pusher' ? 'pusher' : '';
    const args = node.getArguments();
    if (module === 'pusher' && (method === 'forURL' || method === 'forCluster')) {
      const server = this.addServer(node, 'pusher', method, args[1]);
      if (method === 'forURL' && args[0]) applyUrl(server, args[0], this.secrets);
      if (method === 'forCluster' && args[0]) server.options.cluster = valueOf(args[0]);
    } else if (module === 'nestjs-pusher' && (method === 'forRoot' || method === 'forRootAsync')) {
      this.addServer(node, 'nestjs-pusher', 'module', args[0]);
    } else if (module === '@pusher/pusher-websocket-react-native' && method === 'getInstance') {
      this.addClient(node, '@pusher/pusher-websocket-react-native', 'singleton', undefined, undefined);
    } else if (method === 'use' && args[0]) {
      const plugin = originOf(args[0]);
      if (plugin && 'module' in plugin && plugin.module === 'vue-pusher') {
        const opts = objectProperties(args[1]);
        this.addClient(node, 'vue-pusher', 'plugin', opts.get('api_key'), opts.get('options') ?? undefined, args[1]);
      }
    }
  }

  private providerInstance(node: JsxOpeningElement | JsxSelfClosingElement): void {
    const origin = originOf(node.getTagNameNode());
    if (!origin || !('module' in origin) || !USE_PUSHER.test(origin.module) || origin.name !== 'PusherProvider') return;
    const props = new Map<string, Node>();
    for (const attr of node.getAttributes()) {
      if (Node.isJsxAttribute(attr)) {
        const init = attr.getInitializer();
        const value = init && Node.isJsxExpression(init) ? init.getExpression() : init;
        if (value) props.set(attr.getNameNode().getText(), value);
      } else if (Node.isJsxSpreadAttribute(attr)) {
        for (const [k, v] of objectProperties(attr.getExpression())) if (!props.has(k)) props.set(k, v);
      }
    }
    const client = this.addClient(node, '@harelpls/use-pusher', 'provider', props.get('clientKey'), undefined);
    for (const [k, v] of props) if (k !== 'clientKey' && k !== 'children') client.options[k] = this.value(v, k);
  }

  private addEcho(node: Node, via: 'import' | 'global', optionsArg: Node | undefined): void {
    const props = objectProperties(optionsArg);
    const broadcaster = props.get('broadcaster');
    const b = broadcaster ? valueOf(broadcaster) : undefined;
    // Echo's other broadcasters (socket.io, reverb, ably) are not Pusher Channels.
    if (b && b.kind === 'literal' && b.value !== 'pusher') return;
    this.addClient(node, 'laravel-echo', via, props.get('key'), optionsArg, optionsArg);
  }

  private addClient(
    node: Node,
    library: ClientLibrary,
    via: ClientInstance['via'],
    keyNode: Node | undefined,
    optionsNode: Node | undefined,
    wholeOptions?: Node,
  ): ClientInstance {
    const location = this.locate(node);
    const options = this.options(optionsNode);
    // Echo and vue-pusher carry the key inside their options.
    if (wholeOptions && library === 'laravel-echo') delete options.key;
    const client: ClientInstance = {
      id: `client@${location.file}:${location.line}:${location.column}`,
      side: 'client',
      library,
      via,
      location,
      key: keyNode ? this.value(keyNode, 'key') : { kind: 'unknown', text: '' },
      options,
      scope: scopeOf(node),
      node,
      ...(optionsNode ? { optionsNode: unwrap(optionsNode) } : {}),
    };
    this.clients.push(client);
    this.byNode.set(node, client);
    return client;
  }

  private addServer(node: Node, library: ServerInstance['library'], construction: ServerInstance['construction'], optionsNode: Node | undefined): ServerInstance {
    const location = this.locate(node);
    const server: ServerInstance = {
      id: `server@${location.file}:${location.line}:${location.column}`,
      side: 'server',
      library,
      construction,
      location,
      options: this.options(optionsNode),
      node,
      ...(optionsNode ? { optionsNode: unwrap(optionsNode) } : {}),
    };
    this.servers.push(server);
    this.byNode.set(node, server);
    return server;
  }

  private options(node: Node | undefined): Record<string, ValueRef> {
    const out: Record<string, ValueRef> = {};
    for (const [k, v] of objectProperties(node)) out[k] = this.value(v, k);
    return out;
  }

  /** A value as the inventory records it: secret-named literals are redacted and remembered. */
  value(node: Node, name: string): ValueRef {
    return valueOf(node, { secretNames: SECRET_OPTIONS, secrets: this.secrets }, name);
  }
}

/** Every environment variable an instance's key or options read, with the instances that read it. */
export function envVarsOf(clients: readonly ClientInstance[], servers: readonly ServerInstance[]): Inventory['envVars'] {
  const map = new Map<string, Set<string>>();
  const visit = (v: ValueRef, id: string) => {
    if (v.kind === 'env') {
      const set = map.get(v.name) ?? new Set<string>();
      set.add(id);
      map.set(v.name, set);
      if (v.fallback) visit(v.fallback, id);
    } else if (v.kind === 'object') {
      for (const inner of Object.values(v.properties)) visit(inner, id);
    }
  };
  for (const c of clients) {
    visit(c.key, c.id);
    for (const v of Object.values(c.options)) visit(v, c.id);
  }
  for (const s of servers) for (const v of Object.values(s.options)) visit(v, s.id);
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, ids]) => ({ name, usedBy: [...ids].sort() }));
}

/** Where a node is in the original file (script blocks map back to their .vue/.svelte/.html file). */
export function locationOf(project: ScanProject, node: Node): SourceLocation {
  const located = project.locate(node);
  if (!located) return { file: node.getSourceFile().getFilePath(), line: 0, column: 0 };
  return { file: located.file, line: located.range.line, column: located.range.column };
}
