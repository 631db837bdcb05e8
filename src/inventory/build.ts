import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import type { DiscoveredFile } from '../engine/discovery.js';
import type { ScanProject } from '../engine/project.js';
import { secretPreview } from '../engine/findings.js';
import type { ScanError } from '../engine/types.js';
import { channelFromParts, channelRef } from './channels.js';
import type { ImportGraph } from './imports.js';
import {
  constInitializer,
  declarationsOf,
  functionOf,
  isFunction,
  objectProperties,
  redact,
  shortText,
  stringParts,
  unwrap,
  valueOf,
} from './values.js';
import { AUTH_METHODS, CLIENT_METHODS, ECHO_CHAINABLE, ECHO_CHANNEL_PREFIX, KNOWN_METHODS, SERVER_ONLY_METHODS } from '../pusher/methods.js';
import { SECRET_OPTIONS } from '../pusher/secrets.js';
import type {
  ChannelRef,
  ClientInstance,
  ClientLibrary,
  FileEnvironment,
  Instance,
  Inventory,
  Operation,
  OperationKind,
  ServerInstance,
  SourceLocation,
  ValueRef,
} from './types.js';

/** `@harelpls/use-pusher` and its React Native entry point, `@harelpls/use-pusher/react-native`. */
const USE_PUSHER = /^@harelpls\/use-pusher(\/react-native)?$/;

/**
 * Builds the Pusher inventory from the parsed project: first every client and server instance
 * (by what their constructors are imported from, or by shape for CDN globals), then every call
 * on them or on the channels they return. Receivers are traced through variables, imports,
 * class fields, refs, globals (`window.Echo`) and factory functions, so an instance made in
 * `lib/pusher.ts` and used in a route is one instance.
 */

export interface InventoryInput {
  files: readonly DiscoveredFile[];
  project: ScanProject;
  graph: ImportGraph;
  environments: ReadonlyMap<string, FileEnvironment>;
  analysed: ReadonlySet<string>;
  /** The package (nearest package.json folder) of a file: "the only instance" means the only one in it. */
  packageOf(file: string): string;
}

export interface InventoryResult {
  inventory: Inventory;
  secrets: Set<string>;
  errors: ScanError[];
}

/** Option names whose literal values are credentials that must never be printed. */

const MAX_TRACE = 10;

export type Origin = { module: string; name: string } | { global: string };

interface ChannelHandle {
  channels: ChannelRef[];
  instance: Instance | undefined;
  sourceOperationId: string | undefined;
  /** Laravel Echo channels have listen/whisper; pusher-js channels bind/trigger. */
  echo: boolean;
}

export function buildInventory(input: InventoryInput): InventoryResult {
  return new InventoryBuilder(input).build();
}

class InventoryBuilder {
  private readonly clients: ClientInstance[] = [];
  private readonly servers: ServerInstance[] = [];
  private readonly operations: Operation[] = [];
  private readonly errors: ScanError[] = [];
  private readonly secrets = new Set<string>();
  private readonly instanceByNode = new Map<Node, Instance>();
  private readonly opByNode = new Map<Node, Operation>();
  /** `window.X = …` / `globalThis.X = …` assignments, by X. */
  private readonly globals = new Map<string, Node[]>();
  private readonly resolving = new Set<Node>();
  /** Each file's `=` assignments, indexed once: resolving a receiver looks them up many times. */
  private readonly assignmentIndexes = new Map<SourceFile, AssignmentIndex>();
  private sourceFiles: Array<{ sf: SourceFile; path: string }> = [];
  private exportedFunctions: Map<string, Node[]> | undefined;

  constructor(private readonly input: InventoryInput) {}

  build(): InventoryResult {
    this.sourceFiles = this.input.project.scripts
      .map((s) => ({ sf: s.sourceFile, path: s.file.path }))
      .sort((a, b) => a.sf.getFilePath().localeCompare(b.sf.getFilePath()));

    const calls = new Map<SourceFile, CallExpression[]>();
    for (const { sf, path } of this.sourceFiles) {
      this.guard(path, () => {
        this.collectGlobals(sf);
        this.collectSecretLiterals(sf);
        this.findInstances(sf);
        calls.set(sf, sf.getDescendantsOfKind(SyntaxKind.CallExpression));
      });
    }
    this.collectConfigSecrets();
    // Operations need every instance first: a route may use an instance from a later file.
    for (const { sf, path } of this.sourceFiles) {
      this.guard(path, () => {
        for (const call of calls.get(sf) ?? []) this.operationFor(call);
        this.findHookOperations(sf);
      });
    }

    const byLocation = (a: { location: SourceLocation; id: string }, b: { location: SourceLocation; id: string }) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.id.localeCompare(b.id);
    this.clients.sort(byLocation);
    this.servers.sort(byLocation);
    this.operations.sort(byLocation);

    const files = this.input.files
      .filter((f) => f.blocks.length > 0)
      .map((f) => ({ file: f.path, environment: this.input.environments.get(f.path)!, analysed: this.input.analysed.has(f.path) }));
    return {
      inventory: { files, clients: this.clients, servers: this.servers, operations: this.operations, envVars: this.envVars() },
      secrets: this.secrets,
      errors: this.errors,
    };
  }

  private guard(file: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.errors.push({ file, message: `inventory: could not analyse this file (${err instanceof Error ? err.message : String(err)})` });
    }
  }

  // ---- Instances ----

  private findInstances(sf: SourceFile): void {
    sf.forEachDescendant((node) => {
      if (Node.isNewExpression(node)) this.newInstance(node);
      else if (Node.isCallExpression(node)) this.callInstance(node);
      else if (Node.isJsxOpeningElement(node) || Node.isJsxSelfClosingElement(node)) this.providerInstance(node);
    });
  }

  private newInstance(node: import('ts-morph').NewExpression): void {
    const origin = originOf(node.getExpression());
    if (!origin) return;
    const args = node.getArguments();
    if ('module' in origin) {
      if (/^pusher-js(\/|$)/.test(origin.module)) {
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
      if (method === 'forURL' && args[0]) this.applyUrl(server, args[0]);
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

  private providerInstance(node: import('ts-morph').JsxOpeningElement | import('ts-morph').JsxSelfClosingElement): void {
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
    const location = this.location(node);
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
    this.instanceByNode.set(node, client);
    return client;
  }

  private addServer(node: Node, library: ServerInstance['library'], construction: ServerInstance['construction'], optionsNode: Node | undefined): ServerInstance {
    const location = this.location(node);
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
    this.instanceByNode.set(node, server);
    return server;
  }

  /** `Pusher.forURL('https://key:secret@api-eu.pusher.com/apps/123')`: credentials in the URL. */
  private applyUrl(server: ServerInstance, urlNode: Node): void {
    const parts = stringParts(urlNode);
    const text = parts.every((p) => 'static' in p) ? parts.map((p) => (p as { static: string }).static).join('') : undefined;
    if (text === undefined) {
      // `process.env.PUSHER_URL || 'https://key:secret@…'`: the default's credentials are as secret as a literal's.
      const value = valueOf(urlNode);
      if (value.kind === 'env' && value.fallback?.kind === 'literal' && typeof value.fallback.value === 'string') {
        value.fallback = { kind: 'literal', value: this.redactUrl(value.fallback.value) };
      }
      server.options.url = value;
      return;
    }
    const m = /^(\w+):\/\/([^:@/]*):([^@/]*)@([^/]+)(\/apps\/(\w+))?/.exec(text);
    if (!m) {
      server.options.url = { kind: 'literal', value: text };
      return;
    }
    const [, scheme, key, secret, host, , appId] = m;
    if (secret) this.secrets.add(secret);
    server.options.url = { kind: 'literal', value: `${scheme}://${key}:${secret ? secretPreview(secret) : ''}@${host}${appId ? `/apps/${appId}` : ''}` };
    if (key) server.options.key = { kind: 'literal', value: key };
    if (secret) server.options.secret = redact(secret);
    if (appId) server.options.appId = { kind: 'literal', value: appId };
    server.options.useTLS = { kind: 'literal', value: scheme === 'https' };
  }

  /** A URL with its `user:password@` password cut to a preview, the password recorded as a secret. */
  private redactUrl(url: string): string {
    return url.replace(URL_CREDENTIALS, (_whole, user: string, password: string) => {
      addSecret(this.secrets, password);
      return `://${user}:${secretPreview(password)}@`;
    });
  }

  private options(node: Node | undefined): Record<string, ValueRef> {
    const out: Record<string, ValueRef> = {};
    for (const [k, v] of objectProperties(node)) out[k] = this.value(v, k);
    return out;
  }

  private value(node: Node, name: string): ValueRef {
    return valueOf(node, { secretNames: SECRET_OPTIONS, secrets: this.secrets }, name);
  }

  // ---- Receivers ----

  /** The instance an expression evaluates to, or undefined. */
  resolveInstance(expr: Node, depth = 0): Instance | undefined {
    if (depth > MAX_TRACE) return undefined;
    const node = unwrap(expr);
    const direct = this.instanceByNode.get(node);
    if (direct) return direct;
    if (this.resolving.has(node)) return undefined;
    this.resolving.add(node);
    try {
      for (const source of this.sources(node)) {
        const hit = this.resolveInstance(source, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    } finally {
      this.resolving.delete(node);
    }
  }

  /**
   * The expressions a value may come from: a variable's initializer and assignments, a field's
   * initializer and `this.x = …`, a ref's `.current`, a global's `window.X = …`, a factory's
   * returns, a hook's memoised value.
   */
  private sources(node: Node): Node[] {
    if (Node.isAwaitExpression(node)) return [node.getExpression()];
    if (Node.isConditionalExpression(node)) return [node.getWhenTrue(), node.getWhenFalse()];
    if (Node.isBinaryExpression(node)) {
      const op = node.getOperatorToken().getKind();
      if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) return [node.getLeft(), node.getRight()];
      if (op === SyntaxKind.EqualsToken) return [node.getRight()];
    }
    if (Node.isIdentifier(node)) return this.identifierSources(node);
    if (Node.isPropertyAccessExpression(node)) {
      const obj = unwrap(node.getExpression());
      const name = node.getName();
      const objText = obj.getText();
      // A global is one app's: another package in the scan assigning `window.Echo` is another page.
      if (/^(window|globalThis|self|global)$/.test(objText)) return this.inPackageOf(node, this.globals.get(name) ?? []);
      if (name.startsWith('$') && Node.isThisExpression(obj)) {
        const plugin = name === '$pusher' ? this.clients.filter((c) => c.library === 'vue-pusher').map((c) => c.node) : [];
        return this.inPackageOf(node, [...(this.globals.get(name) ?? []), ...plugin]);
      }
      if (name === 'current') return [...this.identifierSources(obj), ...this.memberAssignments(node)];
      // Echo exposes its pusher-js client as `Echo.connector.pusher`: the same connection.
      if (name === 'pusher' && Node.isPropertyAccessExpression(obj) && obj.getName() === 'connector') return [obj.getExpression()];
      const decls = declarationsOf(node);
      const out: Node[] = [];
      for (const d of decls) out.push(...this.declarationSources(d));
      if (Node.isThisExpression(obj) || out.length === 0) out.push(...this.memberAssignments(node));
      return out;
    }
    if (Node.isCallExpression(node)) {
      const callee = unwrap(node.getExpression());
      const name = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : '';
      if ((name === 'useMemo' || name === 'useState' || name === 'useRef' || name === 'shallowRef' || name === 'ref' || name === 'markRaw') && node.getArguments()[0]) {
        const arg = unwrap(node.getArguments()[0]!);
        if (Node.isArrowFunction(arg) || Node.isFunctionExpression(arg)) return returnsOf(arg);
        return [arg];
      }
      const fn = functionOf(callee) ?? (Node.isIdentifier(callee) ? this.autoImported(callee) : undefined);
      if (fn) return returnsOf(fn);
    }
    return [];
  }

  /**
   * Nuxt (and unplugin-auto-import) make `composables/` and `utils/` exports callable without an
   * import. An undeclared call resolves to the one exported function of that name, if exactly one.
   */
  private autoImported(callee: Node): Node | undefined {
    if (declarationsOf(callee).length > 0) return undefined;
    const name = callee.getText();
    if (!this.exportedFunctions) {
      this.exportedFunctions = new Map();
      for (const { sf } of this.sourceFiles) {
        for (const [exported, decls] of sf.getExportedDeclarations()) {
          for (const d of decls) {
            const fn = Node.isVariableDeclaration(d) ? d.getInitializer() : d;
            if (fn && (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) {
              this.exportedFunctions.set(exported, [...(this.exportedFunctions.get(exported) ?? []), fn]);
            }
          }
        }
      }
    }
    const hits = this.inPackageOf(callee, this.exportedFunctions.get(name) ?? []);
    return hits.length === 1 ? hits[0] : undefined;
  }

  private identifierSources(node: Node): Node[] {
    if (!Node.isIdentifier(node)) return this.sources(node);
    const decls = declarationsOf(node);
    if (decls.length === 0) return this.inPackageOf(node, this.globals.get(node.getText()) ?? []);
    const out: Node[] = [];
    for (const d of decls) out.push(...this.declarationSources(d));
    return out;
  }

  private declarationSources(decl: Node): Node[] {
    const out: Node[] = [];
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (init) out.push(init);
      const name = decl.getNameNode();
      if (Node.isIdentifier(name)) out.push(...(this.assignmentsIn(decl.getSourceFile()).toName.get(name.getText()) ?? []));
    } else if (Node.isPropertyDeclaration(decl)) {
      const init = decl.getInitializer();
      if (init) out.push(init);
      const cls = decl.getParent();
      if (cls) out.push(...this.thisAssignments(cls, decl.getName()));
    } else if (Node.isPropertyAssignment(decl)) {
      const init = decl.getInitializer();
      if (init) out.push(init);
    } else if (Node.isBindingElement(decl)) {
      // `const { client } = usePusher()`: the provider's client.
      const pattern = decl.getParent();
      const holder = pattern?.getParent();
      if (holder && Node.isVariableDeclaration(holder)) {
        const init = holder.getInitializer();
        if (init && Node.isCallExpression(unwrap(init)) && unwrap((unwrap(init) as CallExpression).getExpression()).getText() === 'usePusher') {
          const provider = this.clients.find((c) => c.library === '@harelpls/use-pusher');
          if (provider) out.push(provider.node);
        }
      }
    } else if (Node.isParameterDeclaration(decl)) {
      const hit = this.instanceForParameter(decl);
      if (hit) out.push(hit.node);
    } else if (Node.isExportAssignment(decl)) {
      out.push(decl.getExpression());
    } else if (Node.isShorthandPropertyAssignment(decl)) {
      out.push(decl.getNameNode());
    }
    return out;
  }

  /**
   * An injected or passed-in instance: `constructor(private pusher: PusherService)`. The type
   * name says which library; when the project has exactly one instance of it, that is the one.
   */
  private instanceForParameter(decl: import('ts-morph').ParameterDeclaration): Instance | undefined {
    const type = decl.getTypeNode()?.getText() ?? '';
    if (/\bPusherService\b/.test(type) && originOfName(decl.getSourceFile(), 'PusherService') === 'nestjs-pusher') {
      const nest = this.inPackageOf(decl, this.servers).filter((s) => s.library === 'nestjs-pusher');
      if (nest.length === 1) return nest[0];
    }
    if (/\bPusher\b/.test(type)) {
      const file = decl.getSourceFile();
      const typeOrigin = originOfName(file, 'Pusher');
      const pool: Instance[] =
        typeOrigin === 'pusher' ? this.servers : typeOrigin && /^pusher-js/.test(typeOrigin) ? this.clients.filter((c) => c.library === 'pusher-js') : [];
      const local = this.inPackageOf(decl, pool);
      if (local.length === 1) return local[0];
    }
    return undefined;
  }

  private assignmentsIn(sf: SourceFile): AssignmentIndex {
    let index = this.assignmentIndexes.get(sf);
    if (!index) {
      index = indexAssignments(sf);
      this.assignmentIndexes.set(sf, index);
    }
    return index;
  }

  private memberAssignments(access: import('ts-morph').PropertyAccessExpression): Node[] {
    const text = access.getText().replace(/\s+/g, '');
    const all = this.assignmentsIn(access.getSourceFile()).byLeftText.get(text) ?? [];
    return all.filter((a) => a.left !== access).map((a) => a.right);
  }

  /** `this.name = …` inside `cls`. */
  private thisAssignments(cls: Node, name: string): Node[] {
    const all = this.assignmentsIn(cls.getSourceFile()).toThisMember.get(name) ?? [];
    return all.filter((a) => cls.getPos() <= a.left.getPos() && a.right.getEnd() <= cls.getEnd()).map((a) => a.right);
  }

  private collectGlobals(sf: SourceFile): void {
    for (const { left: raw, right } of this.assignmentsIn(sf).all) {
      const left = unwrap(raw);
      if (!Node.isPropertyAccessExpression(left)) continue;
      const obj = unwrap(left.getExpression()).getText().replace(/\s+/g, '');
      // Vue 2 `Vue.prototype.$pusher = …` and Vue 3 `app.config.globalProperties.$pusher = …` make `this.$pusher` global too.
      const vueGlobal = /(^|\.)prototype$|\.config\.globalProperties$/.test(obj) && left.getName().startsWith('$');
      if (!/^(window|globalThis|self|global)$/.test(obj) && !vueGlobal) continue;
      const list = this.globals.get(left.getName()) ?? [];
      list.push(right);
      this.globals.set(left.getName(), list);
    }
  }

  /** Channel objects: the result of subscribe/channel (and Echo's private/join/…), traced like instances. */
  resolveChannel(expr: Node, depth = 0): ChannelHandle | undefined {
    if (depth > MAX_TRACE) return undefined;
    const node = unwrap(expr);
    if (Node.isCallExpression(node)) {
      const op = this.operationFor(node);
      if (op && (op.kind === 'subscribe' || op.kind === 'channel')) {
        return { channels: op.channels, instance: this.instanceById(op.instanceId), sourceOperationId: op.id, echo: this.isEcho(op.instanceId) };
      }
      // Echo's listen/whisper/here… return the channel, so chains keep it.
      const callee = unwrap(node.getExpression());
      if (Node.isPropertyAccessExpression(callee) && ECHO_CHAINABLE.has(callee.getName())) {
        return this.resolveChannel(callee.getExpression(), depth + 1);
      }
    }
    if (this.resolving.has(node)) return undefined;
    this.resolving.add(node);
    try {
      for (const source of this.sources(node)) {
        const hit = this.resolveChannel(source, depth + 1);
        if (hit) return hit;
      }
    } finally {
      this.resolving.delete(node);
    }
    return undefined;
  }

  private instanceById(id: string | null): Instance | undefined {
    if (id === null) return undefined;
    return this.clients.find((c) => c.id === id) ?? this.servers.find((s) => s.id === id);
  }

  private isEcho(id: string | null): boolean {
    return this.instanceById(id)?.library === 'laravel-echo';
  }

  // ---- Operations ----

  operationFor(call: CallExpression): Operation | undefined {
    if (this.opByNode.has(call)) return this.opByNode.get(call);
    this.opByNode.set(call, undefined as unknown as Operation);
    let op: Operation | undefined;
    try {
      op = this.classify(call);
    } catch (err) {
      this.errors.push({ file: this.input.project.locate(call)?.file ?? '', message: `inventory: could not analyse a call (${err instanceof Error ? err.message : String(err)})` });
    }
    if (op) {
      this.opByNode.set(call, op);
      this.operations.push(op);
    } else {
      this.opByNode.delete(call);
    }
    return op;
  }

  private classify(call: CallExpression): Operation | undefined {
    const callee = unwrap(call.getExpression());
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.getName();
    if (!KNOWN_METHODS.has(method)) return undefined;
    const receiver = unwrap(callee.getExpression());
    const args = call.getArguments();

    // `pusher.connection.bind('state_change', …)`
    if (Node.isPropertyAccessExpression(receiver) && receiver.getName() === 'connection' && (method === 'bind' || method === 'unbind')) {
      const instance = this.resolveInstance(receiver.getExpression()) ?? this.guessClient(receiver.getExpression());
      if (!instance && !/pusher|echo|socket|client|connector/i.test(receiver.getExpression().getText())) return undefined;
      if (instance && instance.side !== 'client') return undefined;
      return this.op(call, method === 'bind' ? 'connection-bind' : 'unbind', 'client', instance, {
        event: args[0],
        callback: args[1],
      });
    }

    const instance = this.resolveInstance(receiver);
    if (instance) return this.instanceOperation(call, instance, method, args);

    const channel = this.resolveChannel(receiver);
    if (channel) return this.channelOperation(call, channel, method, args);

    // Unresolved receivers: only names that say Pusher, and only unambiguous methods.
    const text = receiver.getText();
    const guess = this.guessClient(receiver);
    if (guess && CLIENT_METHODS.has(method)) return this.instanceOperation(call, guess, method, args);
    // `trigger(channel, event, data)` has three arguments on the server SDK, two on a channel object.
    const serverTrigger = method === 'trigger' && args.length >= 3;
    if (/pusher/i.test(text) && (SERVER_ONLY_METHODS.has(method) || serverTrigger)) {
      // The app's own `PusherService.authorizeChannel(…)` wraps the SDK, usually with its checks:
      // the SDK call inside it is the operation. (Trigger wrappers stay operations: their payloads
      // are written at the call site.)
      if (AUTH_METHODS.has(method) && isAppMethod(callee)) return undefined;
      const servers = this.inPackageOf(call, this.servers);
      return this.serverOperation(call, servers.length === 1 ? servers[0] : undefined, method, args);
    }
    return undefined;
  }

  /** A receiver named like a Pusher client with exactly one client in the project. */
  private guessClient(receiver: Node): Instance | undefined {
    const text = receiver.getText();
    if (!/pusher|\becho\b/i.test(text)) return undefined;
    const wantsEcho = /echo/i.test(text);
    const pool = this.inPackageOf(receiver, this.clients).filter((c) => (c.library === 'laravel-echo') === wantsEcho);
    return pool.length === 1 ? pool[0] : undefined;
  }

  /** The candidates from the same package as `node`: another app's client or composable is never this one. */
  private inPackageOf<T extends Instance | Node>(node: Node, candidates: readonly T[]): T[] {
    const packageOf = (n: Node) => {
      const file = this.input.project.scriptOf(n)?.file.path;
      return file === undefined ? undefined : this.input.packageOf(file);
    };
    const pkg = packageOf(node);
    if (pkg === undefined) return [...candidates];
    return candidates.filter((c) => (c instanceof Node ? packageOf(c) : this.input.packageOf(c.location.file)) === pkg);
  }

  private instanceOperation(call: CallExpression, instance: Instance, method: string, args: Node[]): Operation | undefined {
    if (instance.side === 'server') return this.serverOperation(call, instance, method, args);
    if (instance.library === 'laravel-echo') {
      const prefix = ECHO_CHANNEL_PREFIX[method];
      if (prefix !== undefined && args[0]) return this.op(call, 'subscribe', 'client', instance, { channels: [channelRef(args[0], prefix)], channelNode: args[0] });
      if ((method === 'leave' || method === 'leaveChannel') && args[0]) {
        // `leave('room')` leaves the public, private and presence variants alike; `leaveChannel` takes the full name.
        return this.op(call, 'leave', 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0] });
      }
      if (method === 'listen' && args[0]) {
        return this.op(call, 'listen', 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0], event: args[1], callback: args[2] });
      }
      if (method === 'disconnect' || method === 'connect') return this.op(call, method, 'client', instance, {});
      return undefined;
    }
    if (instance.library === '@pusher/pusher-websocket-react-native') {
      if (method === 'init' && args[0]) {
        const client = instance as ClientInstance;
        const props = objectProperties(args[0]);
        const key = props.get('apiKey');
        if (key) client.key = this.value(key, 'key');
        for (const [k, v] of props) if (k !== 'apiKey') client.options[k] = this.value(v, k);
        client.optionsNode = unwrap(args[0]);
        return undefined;
      }
      if ((method === 'subscribe' || method === 'unsubscribe') && args[0]) {
        const props = objectProperties(args[0]);
        const name = props.get('channelName');
        return this.op(call, method, 'client', instance, {
          channels: name ? [channelRef(name)] : [],
          ...(name ? { channelNode: name } : {}),
          callback: props.get('onEvent'),
        });
      }
      if (method === 'trigger' && args[0]) {
        const props = objectProperties(args[0]);
        const name = props.get('channelName');
        return this.op(call, 'client-event', 'client', instance, {
          channels: name ? [channelRef(name)] : [],
          ...(name ? { channelNode: name } : {}),
          event: props.get('eventName'),
          payload: props.get('data'),
        });
      }
      if (method === 'connect' || method === 'disconnect') return this.op(call, method, 'client', instance, {});
      return undefined;
    }
    switch (method) {
      case 'subscribe':
      case 'unsubscribe':
      case 'channel':
        if (!args[0]) return undefined;
        return this.op(call, method, 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0] });
      case 'bind':
      case 'unbind':
        return this.op(call, method, 'client', instance, { event: args[0], callback: args[1] });
      case 'bind_global':
      case 'unbind_global':
        return this.op(call, method, 'client', instance, { callback: args[0] });
      case 'connect':
      case 'disconnect':
      case 'signin':
        return this.op(call, method, 'client', instance, {});
      default:
        return undefined;
    }
  }

  private channelOperation(call: CallExpression, channel: ChannelHandle, method: string, args: Node[]): Operation | undefined {
    const base = { channels: channel.channels, sourceOperationId: channel.sourceOperationId };
    const inst = channel.instance;
    switch (method) {
      case 'bind':
      case 'unbind':
        return this.op(call, method, 'client', inst, { ...base, event: args[0], callback: args[1] });
      case 'unbind_all':
        return this.op(call, 'unbind', 'client', inst, base);
      case 'bind_global':
        return this.op(call, 'bind_global', 'client', inst, { ...base, callback: args[0] });
      case 'unsubscribe':
        return this.op(call, 'unsubscribe', 'client', inst, base);
      case 'trigger':
        return this.op(call, 'client-event', 'client', inst, { ...base, event: args[0], payload: args[1] });
      case 'whisper':
        return this.op(call, 'client-event', 'client', inst, { ...base, event: args[0], eventPrefix: 'client-', payload: args[1] });
      case 'listen':
      case 'listenForWhisper':
      case 'notification':
      case 'here':
      case 'joining':
      case 'leaving':
        return this.op(call, 'listen', 'client', inst, {
          ...base,
          ...(method === 'listen' || method === 'listenForWhisper' ? { event: args[0], callback: args[1] } : { eventName: method, callback: args[0] }),
        });
      case 'stopListening':
      case 'stopListeningForWhisper':
        return this.op(call, 'unbind', 'client', inst, { ...base, event: args[0], callback: args[1] });
      default:
        return undefined;
    }
  }

  private serverOperation(call: CallExpression, instance: Instance | undefined, method: string, args: Node[]): Operation | undefined {
    switch (method) {
      case 'trigger': {
        if (!args[0]) return undefined;
        const target = unwrap(args[0]);
        const channels = Node.isArrayLiteralExpression(target) ? target.getElements().map((e) => channelRef(e)) : [channelRef(target)];
        return this.op(call, 'trigger', 'server', instance, { channels, channelNode: args[0], event: args[1], payload: args[2], paramsNode: args[3] });
      }
      case 'triggerBatch': {
        const list = args[0] ? unwrap(args[0]) : undefined;
        const channels: ChannelRef[] = [];
        if (list && Node.isArrayLiteralExpression(list)) {
          for (const el of list.getElements()) {
            const ch = objectProperties(el).get('channel');
            channels.push(ch ? channelRef(ch) : channelFromParts([{ dynamic: shortText(el) }]));
          }
        }
        return this.op(call, 'triggerBatch', 'server', instance, { channels, ...(args[0] ? { payload: args[0] } : {}) });
      }
      case 'sendToUser':
        if (!args[0]) return undefined;
        return this.op(call, 'sendToUser', 'server', instance, {
          channels: [channelFromParts(stringParts(args[0]), '#server-to-user-')],
          channelNode: args[0],
          event: args[1],
          payload: args[2],
        });
      case 'authorizeChannel':
      case 'authenticate':
        return this.op(call, method, 'server', instance, {
          channels: args[1] ? [channelRef(args[1])] : [],
          ...(args[1] ? { channelNode: args[1] } : {}),
          payload: args[2],
        });
      case 'authenticateUser':
        return this.op(call, 'authenticateUser', 'server', instance, { payload: args[1] });
      case 'webhook':
      case 'get':
      case 'post':
      case 'terminateUserConnections':
        if (!instance) return undefined;
        return this.op(call, method, 'server', instance, { payload: args[0] });
      default:
        return undefined;
    }
  }

  /** `@harelpls/use-pusher` hooks: useChannel / usePresenceChannel subscribe, useEvent binds. */
  private findHookOperations(sf: SourceFile): void {
    const hookModule = (name: string) => USE_PUSHER.test(originOfName(sf, name) ?? '');
    if (!/@harelpls\/use-pusher/.test(sf.getFullText())) return;
    const provider = this.inPackageOf(sf, this.clients).filter((c) => c.library === '@harelpls/use-pusher');
    const instance = provider.length === 1 ? provider[0] : undefined;
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = unwrap(call.getExpression());
      if (!Node.isIdentifier(callee)) continue;
      const name = callee.getText();
      const args = call.getArguments();
      if ((name === 'useChannel' || name === 'usePresenceChannel') && hookModule(name) && args[0]) {
        const op = this.op(call, 'subscribe', 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0] });
        this.opByNode.set(call, op);
        this.operations.push(op);
      } else if (name === 'useEvent' && hookModule(name) && args[0]) {
        const channel = this.resolveChannel(args[0]);
        const op = this.op(call, 'bind', 'client', instance, {
          channels: channel?.channels ?? [],
          ...(channel?.sourceOperationId ? { sourceOperationId: channel.sourceOperationId } : {}),
          event: args[1],
          callback: args[2],
        });
        this.opByNode.set(call, op);
        this.operations.push(op);
      }
    }
  }

  private op(
    call: CallExpression,
    kind: OperationKind,
    side: 'client' | 'server',
    instance: Instance | undefined,
    parts: {
      channels?: ChannelRef[];
      channelNode?: Node;
      event?: Node | undefined;
      eventPrefix?: string;
      eventName?: string;
      payload?: Node | undefined;
      paramsNode?: Node | undefined;
      callback?: Node | undefined;
      sourceOperationId?: string | undefined;
    },
  ): Operation {
    // Chained calls (`Echo.private(x)\n  .listen(…)`) start where the chain starts: point at the method instead.
    const callee = unwrap(call.getExpression());
    const anchor = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : call;
    const location = this.location(anchor);
    let event: Operation['event'] = null;
    if (parts.eventName) event = { name: parts.eventName, pattern: parts.eventName };
    else if (parts.event) {
      const ref = channelFromParts(stringParts(parts.event), parts.eventPrefix ?? '');
      event = { name: ref.name, pattern: ref.pattern };
    }
    const params = parts.paramsNode ? [...objectProperties(parts.paramsNode).keys()].sort() : [];
    return {
      id: `${kind}@${location.file}:${location.line}:${location.column}`,
      kind,
      side,
      instanceId: instance?.id ?? null,
      location,
      channels: parts.channels ?? [],
      event,
      payload: parts.payload ? shortText(parts.payload, 120) : null,
      params,
      node: call,
      anchor,
      ...(parts.channelNode ? { channelNode: parts.channelNode } : {}),
      ...(parts.event ? { eventNode: parts.event } : {}),
      ...(parts.payload ? { payloadNode: parts.payload } : {}),
      ...(parts.callback ? { callbackNode: parts.callback } : {}),
      ...(parts.sourceOperationId ? { sourceOperationId: parts.sourceOperationId } : {}),
    };
  }

  private location(node: Node): SourceLocation {
    const located = this.input.project.locate(node);
    if (!located) return { file: node.getSourceFile().getFilePath(), line: 0, column: 0 };
    return { file: located.file, line: located.range.line, column: located.range.column };
  }

  // ---- Secrets and environment ----

  /** String literals under secret-named properties anywhere in analysed code, so every output scrubs them. */
  private collectSecretLiterals(sf: SourceFile): void {
    for (const prop of sf.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
      if (!/secret|master_?key/i.test(prop.getName())) continue;
      const init = prop.getInitializer();
      if (!init) continue;
      const v = unwrap(init);
      if (Node.isStringLiteral(v) || Node.isNoSubstitutionTemplateLiteral(v)) addSecret(this.secrets, v.getLiteralText());
      if (Node.isBinaryExpression(v)) {
        const right = unwrap(v.getRight());
        if (Node.isStringLiteral(right)) addSecret(this.secrets, right.getLiteralText());
      }
    }
    for (const decl of sf.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
      if (!/secret|master_?key/i.test(decl.getName())) continue;
      const init = decl.getInitializer();
      const v = init ? unwrap(init) : undefined;
      if (v && (Node.isStringLiteral(v) || Node.isNoSubstitutionTemplateLiteral(v))) addSecret(this.secrets, v.getLiteralText());
    }
    // `const PUSHER_URL = 'https://key:secret@api-eu.pusher.com/apps/1'`, whatever it is called.
    for (const lit of sf.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
      for (const m of lit.getLiteralText().matchAll(URL_CREDENTIALS)) addSecret(this.secrets, m[2] ?? '');
    }
  }

  /** `.env`, JSON and YAML values under secret-like keys. */
  private collectConfigSecrets(): void {
    for (const f of this.input.files) {
      if (f.kind !== 'env' && f.kind !== 'json' && f.kind !== 'yaml') continue;
      const re = f.kind === 'env' ? /^\s*(?:export\s+)?([\w.]*(?:SECRET|MASTER_KEY)[\w.]*)\s*=\s*["']?([^"'\s#]+)/gim : /["']?([\w.-]*(?:secret|master_?key)[\w.-]*)["']?\s*[:=]\s*["']?([^"'\s,}#]+)/gi;
      for (const m of f.text.matchAll(re)) addSecret(this.secrets, m[2] ?? '');
      for (const m of f.text.matchAll(URL_CREDENTIALS)) addSecret(this.secrets, m[2] ?? '');
    }
  }

  private envVars(): Inventory['envVars'] {
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
    for (const c of this.clients) {
      visit(c.key, c.id);
      for (const v of Object.values(c.options)) visit(v, c.id);
    }
    for (const s of this.servers) for (const v of Object.values(s.options)) visit(v, s.id);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, ids]) => ({ name, usedBy: [...ids].sort() }));
  }
}

/** The password of a `scheme://user:password@host` URL (group 2). */
const URL_CREDENTIALS = /:\/\/([^\s:@/'"`]+):([^\s@/'"`]+)@/g;

function addSecret(set: Set<string>, value: string): void {
  // Placeholders, env var names (node-config's `secret: PUSHER_SECRET`) and short values are not
  // worth scrubbing and would mangle ordinary text such as the variable's own name in messages.
  if (value.length >= 8 && !/^(your|change|xxx|<|\$\{|process\.env)/i.test(value) && !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)) set.add(value);
}


// ---- Helpers ----

/** Where an expression's value comes from: an import/require of a module, or an undeclared global. */
export function originOf(expr: Node): Origin | undefined {
  const node = unwrap(expr);
  if (Node.isPropertyAccessExpression(node)) {
    const obj = unwrap(node.getExpression());
    if (/^(window|globalThis|self|global)$/.test(obj.getText())) return { global: node.getName() };
    // `PusherNS.default`, `require('pusher-js').default`, `Echo.default`
    const inner = originOf(obj);
    if (inner && 'module' in inner) return { module: inner.module, name: node.getName() === 'default' ? inner.name : node.getName() };
    return undefined;
  }
  if (Node.isCallExpression(node)) {
    const module = requiredModule(node);
    return module ? { module, name: 'default' } : undefined;
  }
  if (!Node.isIdentifier(node) && !Node.isJsxNamespacedName(node)) return undefined;
  const name = node.getText();
  let decls: Node[] = [];
  try {
    decls = node.getSymbol()?.getDeclarations() ?? [];
  } catch {
    return undefined;
  }
  // Scripts without imports share one global scope in the program (across apps in one scan), global
  // `.d.ts` typings declare the global itself, and TypeScript's JavaScript binder declares `Pusher` for
  // an expando such as `Pusher.logToConsole = true`. None of them makes `Pusher` less the CDN global:
  // only a declaration in this file (a variable, an import) does.
  const sourceFile = node.getSourceFile();
  decls = decls.filter(
    (d) =>
      // The expando's declaration is the bare identifier (or the access) on the assignment's left.
      !Node.isIdentifier(d) &&
      !Node.isPropertyAccessExpression(d) &&
      !Node.isBinaryExpression(d) &&
      !Node.isElementAccessExpression(d) &&
      // `declare const Pusher: any` (Angular with the CDN script) names the global, it is not a value.
      !(Node.isVariableDeclaration(d) && d.getVariableStatement()?.hasDeclareKeyword() === true) &&
      d.getSourceFile() === sourceFile,
  );
  if (decls.length === 0) return { global: name };
  for (const d of decls) {
    if (Node.isImportClause(d)) {
      const decl = d.getParent();
      if (Node.isImportDeclaration(decl)) return { module: decl.getModuleSpecifierValue(), name: 'default' };
    }
    if (Node.isImportSpecifier(d)) return { module: d.getImportDeclaration().getModuleSpecifierValue(), name: d.getName() };
    if (Node.isNamespaceImport(d)) {
      const decl = d.getParent()?.getParent();
      if (decl && Node.isImportDeclaration(decl)) return { module: decl.getModuleSpecifierValue(), name: '*' };
    }
    if (Node.isImportEqualsDeclaration(d)) {
      const ref = d.getModuleReference();
      const m = /require\(\s*['"]([^'"]+)['"]\s*\)/.exec(ref.getText());
      if (m) return { module: m[1]!, name: 'default' };
    }
    if (Node.isVariableDeclaration(d)) {
      const init = d.getInitializer();
      if (init) {
        const inner = originOf(init);
        if (inner && 'module' in inner) return inner;
      }
    }
    if (Node.isBindingElement(d)) {
      const holder = d.getParent()?.getParent();
      if (holder && Node.isVariableDeclaration(holder)) {
        const init = holder.getInitializer();
        const inner = init ? originOf(init) : undefined;
        if (inner && 'module' in inner) return { module: inner.module, name: d.getPropertyNameNode()?.getText() ?? d.getName() };
      }
    }
  }
  return undefined;
}

function requiredModule(call: CallExpression): string | undefined {
  const callee = unwrap(call.getExpression());
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require') return undefined;
  const arg = call.getArguments()[0];
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralText() : undefined;
}

function isRequire(expr: Node): boolean {
  const node = unwrap(expr);
  if (Node.isCallExpression(node)) return requiredModule(node) !== undefined;
  if (Node.isPropertyAccessExpression(node)) return isRequire(node.getExpression());
  if (!Node.isIdentifier(node)) return false;
  const init = constInitializer(node);
  return init !== undefined && isRequire(init);
}


/** Whether a method call resolves to a method written in the scanned code rather than a library's. */
function isAppMethod(callee: import('ts-morph').PropertyAccessExpression): boolean {
  let decls: Node[] = [];
  try {
    decls = callee.getNameNode().getSymbol()?.getDeclarations() ?? [];
  } catch {
    return false;
  }
  return decls.some((d) => !d.getSourceFile().isDeclarationFile() && (Node.isMethodDeclaration(d) || Node.isPropertyDeclaration(d) || Node.isPropertyAssignment(d)));
}

function originOfName(sf: SourceFile, name: string): string | undefined {
  for (const imp of sf.getImportDeclarations()) {
    const clause = imp.getImportClause();
    if (!clause) continue;
    if (clause.getDefaultImport()?.getText() === name) return imp.getModuleSpecifierValue();
    if (clause.getNamedImports().some((n) => (n.getAliasNode() ?? n.getNameNode()).getText() === name)) return imp.getModuleSpecifierValue();
  }
  return undefined;
}

function returnsOf(fn: Node): Node[] {
  if (Node.isArrowFunction(fn)) {
    const body = fn.getBody();
    if (!Node.isBlock(body)) return [body];
  }
  const out: Node[] = [];
  fn.forEachDescendant((d, traversal) => {
    if (d !== fn && isFunction(d)) {
      traversal.skip();
      return;
    }
    if (Node.isReturnStatement(d)) {
      const e = d.getExpression();
      if (e) out.push(e);
    }
  });
  return out;
}

interface Assignment {
  left: Node;
  right: Node;
}

interface AssignmentIndex {
  all: Assignment[];
  /** By the left-hand side's text without whitespace (`this.client`, `ref.current`). */
  byLeftText: Map<string, Assignment[]>;
  /** `x = …`, by x. */
  toName: Map<string, Node[]>;
  /** `this.x = …`, by x. */
  toThisMember: Map<string, Assignment[]>;
}

function indexAssignments(sf: SourceFile): AssignmentIndex {
  const index: AssignmentIndex = { all: [], byLeftText: new Map(), toName: new Map(), toThisMember: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const bin of sf.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (bin.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const assignment = { left: bin.getLeft(), right: bin.getRight() };
    index.all.push(assignment);
    add(index.byLeftText, assignment.left.getText().replace(/\s+/g, ''), assignment);
    const left = unwrap(assignment.left);
    if (Node.isIdentifier(left)) add(index.toName, left.getText(), assignment.right);
    else if (Node.isPropertyAccessExpression(left) && Node.isThisExpression(left.getExpression())) add(index.toThisMember, left.getName(), assignment);
  }
  return index;
}

/**
 * Where an instance is created, in the words rules need: module scope, a React effect or
 * component body, a Vue or Svelte lifecycle hook, a class, or another function.
 */
export function scopeOf(node: Node): string {
  let cur: Node | undefined = node.getParent();
  while (cur) {
    if (isFunction(cur)) {
      const parent = cur.getParent();
      if (parent && Node.isCallExpression(parent)) {
        const callee = unwrap(parent.getExpression()).getText().replace(/^React\./, '');
        if (callee === 'useEffect' || callee === 'useLayoutEffect') return 'react-effect';
        if (callee === 'useMemo' || callee === 'useState' || callee === 'useCallback' || callee === 'useRef') return `react-${callee}`;
        if (callee === 'onMounted' || callee === 'onBeforeMount') return 'vue-lifecycle';
        if (callee === 'onMount') return 'svelte-lifecycle';
        if (callee === 'setup') return 'vue-setup';
      }
      if (Node.isMethodDeclaration(cur)) {
        const name = cur.getName();
        if (name === 'componentDidMount') return 'react-class-lifecycle';
        if (name === 'mounted' || name === 'created' || name === 'beforeMount') return 'vue-lifecycle';
        if (name === 'setup') return 'vue-setup';
        if (name === 'onModuleInit' || name === 'constructor') return 'class';
        return 'function';
      }
      if (Node.isConstructorDeclaration(cur)) return 'class';
      if (isComponent(cur)) return 'react-component-body';
      return 'function';
    }
    if (Node.isPropertyDeclaration(cur) || Node.isClassDeclaration(cur)) return 'class';
    cur = cur.getParent();
  }
  return 'module';
}

/** The name a function is declared or assigned under (`function Foo`, `const Foo = () =>`, `const Foo = memo(() =>`). */
export function functionName(fn: Node): string | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  if (parent && Node.isCallExpression(parent)) {
    const holder = parent.getParent();
    if (holder && Node.isVariableDeclaration(holder)) return holder.getName();
  }
  return undefined;
}

export function returnsJsx(fn: Node): boolean {
  return fn.getDescendants().some((d) => Node.isJsxElement(d) || Node.isJsxSelfClosingElement(d) || Node.isJsxFragment(d));
}

/** A function whose name is capitalised (or that is assigned to one) and that returns JSX. */
function isComponent(fn: Node): boolean {
  const name = functionName(fn);
  return name !== undefined && /^[A-Z]/.test(name) && returnsJsx(fn);
}
