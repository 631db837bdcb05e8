import type { CallExpression, ParameterDeclaration, PropertyAccessExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import type { ScanProject } from '../engine/project.js';
import { ECHO_CHAINABLE } from '../pusher/methods.js';
import type { InstanceCollector } from './instances.js';
import { originOfName } from './origins.js';
import { declarationsOf, functionOf, isFunction, unwrap } from '../analysis/ast.js';
import type { ChannelRef, Instance, Operation } from './types.js';

/**
 * Receiver tracing: the instance (or channel) an expression evaluates to, followed through
 * variables, imports, class fields, refs, globals (`window.Echo`) and factory functions, so an
 * instance made in `lib/pusher.ts` and used in a route is one instance.
 */

const MAX_TRACE = 10;

export interface ChannelHandle {
  channels: ChannelRef[];
  instance: Instance | undefined;
  sourceOperationId: string | undefined;
  /** Laravel Echo channels have listen/whisper; pusher-js channels bind/trigger. */
  echo: boolean;
}

export class Receivers {
  /** `window.X = …` / `globalThis.X = …` assignments, by X. */
  private readonly globals = new Map<string, Node[]>();
  /** Fastify's (and Elysia's) `app.decorate('x', value)`, by x: handlers then read it as `this.x`, `app.x`, `request.server.x`. */
  private readonly decorations = new Map<string, Node[]>();
  private readonly resolving = new Set<Node>();
  /** Each file's `=` assignments, indexed once: resolving a receiver looks them up many times. */
  private readonly assignmentIndexes = new Map<SourceFile, AssignmentIndex>();
  private exportedFunctions: Map<string, Node[]> | undefined;

  constructor(
    private readonly instances: InstanceCollector,
    private readonly project: ScanProject,
    /** The package (nearest package.json folder) of a file: "the only instance" means the only one in it. */
    private readonly packageOf: (file: string) => string,
    private readonly sourceFiles: readonly SourceFile[],
    /** The operation a call is (channels are what subscribe/channel calls return). */
    private readonly operationFor: (call: CallExpression) => Operation | undefined,
  ) {}

  /** The instance an expression evaluates to, or undefined. */
  resolveInstance(expr: Node, depth = 0): Instance | undefined {
    if (depth > MAX_TRACE) return undefined;
    const node = unwrap(expr);
    const direct = this.instances.byNode.get(node);
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
        const plugin = name === '$pusher' ? this.instances.clients.filter((c) => c.library === 'vue-pusher').map((c) => c.node) : [];
        return this.inPackageOf(node, [...(this.globals.get(name) ?? []), ...plugin]);
      }
      if (name === 'current') return [...this.identifierSources(obj), ...this.memberAssignments(node)];
      // Echo exposes its pusher-js client as `Echo.connector.pusher`: the same connection.
      if (name === 'pusher' && Node.isPropertyAccessExpression(obj) && obj.getName() === 'connector') return [obj.getExpression()];
      const decls = declarationsOf(node);
      const out: Node[] = [];
      for (const d of decls) out.push(...this.declarationSources(d));
      if (out.length === 0) out.push(...this.inPackageOf(node, this.decorations.get(name) ?? []));
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
      for (const sf of this.sourceFiles) {
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
          const provider = this.instances.clients.find((c) => c.library === '@harelpls/use-pusher');
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
  private instanceForParameter(decl: ParameterDeclaration): Instance | undefined {
    const type = decl.getTypeNode()?.getText() ?? '';
    if (/\bPusherService\b/.test(type) && originOfName(decl.getSourceFile(), 'PusherService') === 'nestjs-pusher') {
      const nest = this.inPackageOf(decl, this.instances.servers).filter((s) => s.library === 'nestjs-pusher');
      if (nest.length === 1) return nest[0];
    }
    if (/\bPusher\b/.test(type)) {
      const file = decl.getSourceFile();
      const typeOrigin = originOfName(file, 'Pusher');
      const pool: Instance[] =
        typeOrigin === 'pusher' ? this.instances.servers : typeOrigin && /^pusher-js/.test(typeOrigin) ? this.instances.clients.filter((c) => c.library === 'pusher-js') : [];
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

  private memberAssignments(access: PropertyAccessExpression): Node[] {
    const text = access.getText().replace(/\s+/g, '');
    const all = this.assignmentsIn(access.getSourceFile()).byLeftText.get(text) ?? [];
    return all.filter((a) => a.left !== access).map((a) => a.right);
  }

  /** `this.name = …` inside `cls`. */
  private thisAssignments(cls: Node, name: string): Node[] {
    const all = this.assignmentsIn(cls.getSourceFile()).toThisMember.get(name) ?? [];
    return all.filter((a) => cls.getPos() <= a.left.getPos() && a.right.getEnd() <= cls.getEnd()).map((a) => a.right);
  }

  /** Records `sf`'s `window.X = …` assignments (first pass, before any receiver is resolved). */
  collectGlobals(sf: SourceFile, calls: readonly CallExpression[]): void {
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
    for (const call of calls) {
      const callee = unwrap(call.getExpression());
      const [name, value] = call.getArguments();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'decorate' || !name || !value || !Node.isStringLiteral(name)) continue;
      const list = this.decorations.get(name.getLiteralValue()) ?? [];
      list.push(value);
      this.decorations.set(name.getLiteralValue(), list);
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
    return this.instances.clients.find((c) => c.id === id) ?? this.instances.servers.find((s) => s.id === id);
  }

  private isEcho(id: string | null): boolean {
    return this.instanceById(id)?.library === 'laravel-echo';
  }

  /** A receiver named like a Pusher client with exactly one client in the project. */
  guessClient(receiver: Node): Instance | undefined {
    const text = receiver.getText();
    if (!/pusher|\becho\b/i.test(text)) return undefined;
    const wantsEcho = /echo/i.test(text);
    const pool = this.inPackageOf(receiver, this.instances.clients).filter((c) => (c.library === 'laravel-echo') === wantsEcho);
    return pool.length === 1 ? pool[0] : undefined;
  }

  /** The candidates from the same package as `node`: another app's client or composable is never this one. */
  inPackageOf<T extends Instance | Node>(node: Node, candidates: readonly T[]): T[] {
    const packageOf = (n: Node) => {
      const file = this.project.scriptOf(n)?.file.path;
      return file === undefined ? undefined : this.packageOf(file);
    };
    const pkg = packageOf(node);
    if (pkg === undefined) return [...candidates];
    return candidates.filter((c) => (c instanceof Node ? packageOf(c) : this.packageOf(c.location.file)) === pkg);
  }
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
