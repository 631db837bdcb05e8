import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { z } from 'zod';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { ChannelRef, ClientInstance, Operation } from '../../src/inventory/types.js';
import { declarationsOf, functionOf, isFunction, returnedExpression, shortText, unwrap, type FunctionLike } from '../../src/inventory/values.js';
import { functionName, returnsJsx } from '../../src/analysis/lifecycle.js';
import { runtimeOf } from '../../src/inventory/runtime.js';

export const optionsSchema = z.object({
  ignoreComponents: z
    .array(z.string().min(1))
    .default([])
    .describe('More component names that live as long as the app, besides `App`, `MyApp`, `Root` and `RootLayout`: a client or subscription they never clean up is not reported. Vue and Svelte components are named after their file.'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'clientNotDisconnected' | 'subscriptionNotCleaned' | 'wrongChannelCleanup' | 'effectWithoutDeps' | 'duplicateClients';

const messages: Record<MessageIds, RuleMessage> = {
  clientNotDisconnected: {
    text:
      'The Pusher client `{{name}}` is created {{where}}{{missing}}: every {{unit}} opens another WebSocket that stays open, and each open connection counts against the plan\'s concurrent-connection limit. {{fix}}',
  },
  subscriptionNotCleaned: {
    text:
      '`{{call}}` {{what}} {{where}}, and nothing removes it when the component goes away: every {{unit}} adds another, so handlers run several times and stale subscriptions keep receiving billed messages. {{fix}}',
  },
  wrongChannelCleanup: {
    text:
      '`{{call}}` {{problem}}, so `{{channel}}` stays subscribed after the cleanup and keeps receiving billed messages. {{fix}}',
  },
  effectWithoutDeps: {
    text:
      '`{{hook}}` has no dependency array, so it {{does}} after every render: subscriptions and connections churn with each re-render. Pass a dependency array (`[]`, or the values the channel name is built from).',
  },
  duplicateClients: {
    text:
      'A second Pusher client for the same app key ({{key}}) is created here; the first is `{{first}}` ({{firstLocation}}). Each client opens its own WebSocket, so every user costs {{count}} concurrent connections instead of one. Create one client in a shared module and import it everywhere.',
  },
};

const objectProblem = 'passes the Channel object, but `unsubscribe` takes the channel name (an object matches no channel)';
const objectFix = 'Call `channel.unsubscribe()` or `pusher.unsubscribe(channel.name)`.';

const EFFECT_HOOKS = /^(React\.)?(useEffect|useLayoutEffect|useInsertionEffect)$/;
const VUE_MOUNT = /^(onMounted|onBeforeMount|onActivated)$/;
const VUE_UNMOUNT = /^(onUnmounted|onBeforeUnmount|onDeactivated)$/;
const VUE_OPTIONS_MOUNT = new Set(['mounted', 'created', 'beforeMount']);
const VUE_OPTIONS_UNMOUNT = new Set(['beforeDestroy', 'destroyed', 'beforeUnmount', 'unmounted']);
/** Root components mount once for the app's lifetime: nothing of theirs leaks. */
const ROOT_COMPONENTS = ['App', 'MyApp', 'Root', 'RootLayout'];
const SELF_CLEANING = new Set(['@harelpls/use-pusher']);
const ADD_KINDS = new Set(['subscribe', 'bind', 'listen', 'connection-bind', 'bind_global']);

type MountKind = 'react-effect' | 'react-body' | 'react-persistent' | 'react-class' | 'vue' | 'vue-options' | 'svelte' | 'svelte-store';

function isSvelteStore(call: CallExpression): boolean {
  return call.getSourceFile().getImportDeclarations().some((d) => d.getModuleSpecifierValue() === 'svelte/store');
}

/** Code that runs when a component mounts (or renders), and the code that undoes it. */
interface Mount {
  kind: MountKind;
  /** The function (or script block) whose code runs on mount. */
  body: Node;
  cleanups: Node[];
  /** A cleanup exists but is not a function we can read (`return unsubscribe` from a helper): trust it. */
  opaque: boolean;
  /** The `useEffect(…)` call, for React effects. */
  effectCall?: CallExpression;
  component: string;
}

/** Whether the function that creates the client also keeps it on `window` / `globalThis` for reuse. */
function storedOnGlobal(client: Node, holder: string | undefined): boolean {
  const fn = client.getFirstAncestor((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isFunctionDeclaration(a) || Node.isMethodDeclaration(a));
  if (!fn) return false;
  const values = new Set([normalise(client.getText()), ...(holder ? [holder] : [])]);
  return fn.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => {
    if (b.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return false;
    const left = unwrap(b.getLeft());
    if (!Node.isPropertyAccessExpression(left) && !Node.isElementAccessExpression(left)) return false;
    if (!/^(window|globalThis|self)$/.test(normalise(unwrap(left.getExpression()).getText()))) return false;
    return values.has(normalise(unwrap(b.getRight()).getText()));
  });
}

function calleeName(call: Node): string {
  return Node.isCallExpression(call) ? unwrap(call.getExpression()).getText().replace(/\s+/g, '') : '';
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!/g, '');
}

function within(node: Node, region: Node): boolean {
  return region.getSourceFile() === node.getSourceFile() && region.getPos() <= node.getPos() && node.getEnd() <= region.getEnd();
}

function methodName(fn: Node): string | undefined {
  if (Node.isMethodDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  // `componentDidMount = async () => {…}`: a class field holding an arrow is a method too.
  if (parent && (Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent))) return parent.getName();
  return undefined;
}

/** The class's methods named `name`, written as methods or as fields holding a function. */
function classMethods(cls: Node | undefined, name: string): Node[] {
  if (!cls || !(Node.isClassDeclaration(cls) || Node.isClassExpression(cls))) return [];
  return cls.getMembers().flatMap((m) => {
    if (Node.isMethodDeclaration(m)) return m.getName() === name ? [m] : [];
    if (!Node.isPropertyDeclaration(m) || m.getName() !== name) return [];
    const init = m.getInitializer();
    return init && isFunction(unwrap(init)) ? [unwrap(init)] : [];
  });
}

/** A capitalised function (or one assigned to a capitalised name) that returns JSX, or a `use*` hook. */
function componentName(fn: Node): string | undefined {
  const name = functionName(fn);
  if (!name) return undefined;
  // `use*` bodies re-run on every render only in React; a Vue/Nuxt composable runs once per setup.
  if (/^use[A-Z]/.test(name)) return isReactModule(fn.getSourceFile()) ? name : undefined;
  return /^[A-Z]/.test(name) && returnsJsx(fn) ? name : undefined;
}

function isReactModule(sf: import('ts-morph').SourceFile): boolean {
  if (/\.[jt]sx$/.test(sf.getFilePath())) return true;
  return sf.getImportDeclarations().some((d) => /^(react|react-native|preact)(\/|$)/.test(d.getModuleSpecifierValue()));
}

/** The functions an effect (or Svelte `onMount`) returns as its cleanup. */
function returnedCleanups(fn: Node): { cleanups: Node[]; opaque: boolean } {
  const cleanups: Node[] = [];
  let opaque = false;
  const consider = (expr: Node | undefined) => {
    if (!expr) return;
    const e = unwrap(expr);
    if (isFunction(e)) cleanups.push(e);
    else {
      const resolved = Node.isIdentifier(e) ? functionOf(e) : undefined;
      if (resolved) cleanups.push(resolved);
      else if (e.getKind() !== SyntaxKind.UndefinedKeyword && e.getText() !== 'undefined') opaque = true;
    }
  };
  if (Node.isArrowFunction(fn) && !Node.isBlock(fn.getBody())) return { cleanups, opaque };
  fn.forEachDescendant((d, traversal) => {
    if (d !== fn && isFunction(d)) {
      traversal.skip();
      return;
    }
    if (Node.isReturnStatement(d)) consider(d.getExpression());
  });
  return { cleanups, opaque };
}

/** Callbacks passed to `onUnmounted(…)` / `onDestroy(…)` in a scope (not in nested functions other than the scope). */
function hookCallbacks(scope: Node, names: RegExp): Node[] {
  const out: Node[] = [];
  scope.forEachDescendant((d, traversal) => {
    if (d !== scope && isFunction(d) && !(d.getParent() && Node.isCallExpression(d.getParent()!) && names.test(calleeName(d.getParent()!)))) {
      // Hooks are registered synchronously in setup: don't look inside other functions.
      if (!Node.isSourceFile(scope)) traversal.skip();
      return;
    }
    if (Node.isCallExpression(d) && names.test(calleeName(d))) {
      const fn = d.getArguments()[0];
      const resolved = fn ? (isFunction(unwrap(fn)) ? unwrap(fn) : functionOf(unwrap(fn))) : undefined;
      if (resolved) out.push(resolved);
    }
  });
  return out;
}

function effectCleanupsIn(component: Node): { cleanups: Node[]; opaque: boolean } {
  const cleanups: Node[] = [];
  let opaque = false;
  for (const call of component.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!EFFECT_HOOKS.test(calleeName(call))) continue;
    const fn = call.getArguments()[0] ? unwrap(call.getArguments()[0]!) : undefined;
    if (!fn || !isFunction(fn)) continue;
    const r = returnedCleanups(fn);
    cleanups.push(...r.cleanups);
    opaque ||= r.opaque;
  }
  return { cleanups, opaque };
}

class Mounts {
  constructor(private readonly ctx: RuleContext<Options, MessageIds>) {}

  /** The mount a node runs in, or undefined when it runs once (module scope, a singleton) or on a user action. */
  of(node: Node): Mount | undefined {
    let cur: Node | undefined = node.getParent();
    let passedNestedFunction = false;
    while (cur) {
      if (isFunction(cur)) {
        const parent = cur.getParent();
        const call = parent && Node.isCallExpression(parent) && parent.getArguments()[0] === cur ? parent : undefined;
        const callee = call ? calleeName(call) : '';
        // `readable(initial, start)` / `writable(…)`: start runs when the store gets its first subscriber, and the
        // function it returns runs when the last one leaves, like a Svelte `onMount` and its cleanup.
        const store = parent && Node.isCallExpression(parent) && parent.getArguments()[1] === cur && /^(readable|writable)$/.test(calleeName(parent)) ? parent : undefined;
        if (store && isSvelteStore(store)) {
          const r = returnedCleanups(cur);
          if (r.cleanups.some((c) => within(node, c))) return undefined;
          return { kind: 'svelte-store', body: cur, cleanups: r.cleanups, opaque: r.opaque, component: fileComponent(cur) };
        }
        if (call && EFFECT_HOOKS.test(callee)) {
          const r = returnedCleanups(cur);
          if (r.cleanups.some((c) => within(node, c))) return undefined;
          return { kind: 'react-effect', body: cur, cleanups: r.cleanups, opaque: r.opaque, effectCall: call, component: this.enclosingComponent(call) };
        }
        if (call && VUE_MOUNT.test(callee)) {
          const scope = call.getFirstAncestor((a) => isFunction(a)) ?? call.getSourceFile();
          return { kind: 'vue', body: cur, cleanups: hookCallbacks(scope, VUE_UNMOUNT), opaque: false, component: fileComponent(cur) };
        }
        if (call && callee === 'onMount') {
          const r = returnedCleanups(cur);
          if (r.cleanups.some((c) => within(node, c))) return undefined;
          return { kind: 'svelte', body: cur, cleanups: [...r.cleanups, ...hookCallbacks(cur.getSourceFile(), /^onDestroy$/)], opaque: r.opaque, component: fileComponent(cur) };
        }
        if (call && /^(useMemo|useState|useRef|useCallback)$/.test(callee.replace(/^React\./, ''))) {
          const component = call.getFirstAncestor((a) => isFunction(a) && componentName(a) !== undefined);
          if (!component) return undefined;
          const r = effectCleanupsIn(component);
          return { kind: 'react-persistent', body: cur, cleanups: r.cleanups, opaque: r.opaque, component: componentName(component)! };
        }
        const method = methodName(cur);
        if (method === 'componentDidMount') {
          const cls = cur.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
          const unmount = classMethods(cls, 'componentWillUnmount');
          const name = cls && (Node.isClassDeclaration(cls) || Node.isClassExpression(cls)) ? (cls.getName() ?? 'component') : 'component';
          return { kind: 'react-class', body: cur, cleanups: unmount, opaque: false, component: name };
        }
        if (method && VUE_OPTIONS_MOUNT.has(method) && Node.isObjectLiteralExpression(cur.getParent()?.getKind() === SyntaxKind.PropertyAssignment ? cur.getParent()!.getParent()! : cur.getParent()!)) {
          const obj = (cur.getParent()?.getKind() === SyntaxKind.PropertyAssignment ? cur.getParent()!.getParent() : cur.getParent())!;
          const unmount = obj
            .getChildrenOfKind(SyntaxKind.SyntaxList)
            .flatMap((l) => l.getChildren())
            .flatMap((p) => {
              const n = Node.isMethodDeclaration(p) || Node.isPropertyAssignment(p) ? p.getName() : '';
              if (!VUE_OPTIONS_UNMOUNT.has(n)) return [];
              if (Node.isMethodDeclaration(p)) return [p];
              const init = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
              return init && isFunction(unwrap(init)) ? [unwrap(init)] : [];
            });
          return { kind: 'vue-options', body: cur, cleanups: unmount, opaque: false, component: fileComponent(cur) };
        }
        if (method === 'setup') {
          return { kind: 'vue', body: cur, cleanups: hookCallbacks(cur, VUE_UNMOUNT), opaque: false, component: fileComponent(cur) };
        }
        const name = componentName(cur);
        if (name) {
          if (passedNestedFunction) return undefined;
          return { kind: 'react-body', body: cur, cleanups: [], opaque: false, component: name };
        }
        // A callback passed to a call (`forEach`, `then`) runs with its parent; other functions wait for an event.
        if (!call && !(parent && Node.isCallExpression(parent) && parent.getArguments().includes(cur as never))) passedNestedFunction = true;
      }
      if (Node.isSourceFile(cur)) return this.componentScript(cur, passedNestedFunction);
      cur = cur.getParent();
    }
    return undefined;
  }

  /** `<script setup>` and a Svelte instance script run once per component instance. */
  private componentScript(sf: import('ts-morph').SourceFile, nested: boolean): Mount | undefined {
    if (nested) return undefined;
    const script = this.ctx.model.project.scriptOf(sf);
    if (!script) return undefined;
    if (script.block.kind === 'script-setup') return { kind: 'vue', body: sf, cleanups: hookCallbacks(sf, VUE_UNMOUNT), opaque: false, component: fileComponent(sf) };
    if (script.file.path.endsWith('.svelte') && script.block.kind === 'script') {
      return { kind: 'svelte', body: sf, cleanups: hookCallbacks(sf, /^onDestroy$/), opaque: false, component: fileComponent(sf) };
    }
    return undefined;
  }

  private enclosingComponent(node: Node): string {
    const fn = node.getFirstAncestor((a) => isFunction(a) && componentName(a) !== undefined);
    return fn ? componentName(fn)! : 'component';
  }
}

/** Vue and Svelte components are named after their file (`App.vue` → `App`). */
function fileComponent(node: Node): string {
  const path = node.getSourceFile().getFilePath();
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '').replace(/\.(vue|svelte)(\.\d+)?$/, '');
  return base;
}

/** Where a client is kept: `pusher`, `this.pusher`, `pusherRef.current`, `window.Echo`. */
function holderOf(node: Node): string | undefined {
  let cur: Node = node;
  let parent = cur.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isConditionalExpression(parent) || Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() !== SyntaxKind.EqualsToken)) {
    cur = parent;
    parent = cur.getParent();
  }
  if (!parent) return undefined;
  if (Node.isVariableDeclaration(parent)) return parent.getName();
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) return normalise(parent.getLeft().getText());
  if (Node.isPropertyDeclaration(parent)) return `this.${parent.getName()}`;
  return undefined;
}

/**
 * A function that builds and returns a new client on every call (`export const pusherClient = () => new Pusher(…)`),
 * with no caching: each call is a client creation, judged where it is called.
 */
function factoryOf(client: ClientInstance): { fn: Node; name: string } | undefined {
  const fn = client.node.getFirstAncestor((a) => isFunction(a));
  if (!fn || !Node.isFunctionDeclaration(fn) && !Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  const name = functionName(fn);
  if (!name || /^[A-Z]/.test(name) && returnsJsx(fn) || /^use[A-Z]/.test(name)) return undefined;
  const holder = holderOf(client.node);
  if (isLazySingleton(client.node, holder) || storedOnGlobal(client.node, holder)) return undefined;
  const returned = returnedExpression(fn as FunctionLike);
  const r = returned ? unwrap(returned) : undefined;
  if (!r || (r !== client.node && !(holder && Node.isIdentifier(r) && r.getText() === holder))) return undefined;
  return { fn, name };
}

/** The calls, anywhere in the project, that resolve to `factory`. */
function factoryCalls(factory: { fn: Node; name: string }): CallExpression[] {
  const out: CallExpression[] = [];
  const project = factory.fn.getProject();
  for (const sf of project.getSourceFiles()) {
    if (!sf.getText().includes(factory.name)) continue;
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = unwrap(call.getExpression());
      if (!Node.isIdentifier(callee) || callee.getText() !== factory.name) continue;
      if (functionOf(callee) === factory.fn) out.push(call);
    }
  }
  return out;
}

/** `if (!client) client = new Pusher(…)` / `client ??= …`: created once, whatever runs it. */
function isLazySingleton(node: Node, holder: string | undefined): boolean {
  if (!holder) return false;
  const assign = node.getParent();
  if (assign && Node.isBinaryExpression(assign) && assign.getOperatorToken().getKind() === SyntaxKind.QuestionQuestionEqualsToken) return true;
  return node.getAncestors().some((a) => Node.isIfStatement(a) && normalise(a.getExpression().getText()).includes(holder));
}

function isModuleOrGlobal(holder: string, node: Node): boolean {
  if (/^(window|globalThis|self|global)\./.test(holder)) return true;
  const root = holder.split('.')[0]!;
  const sf = node.getSourceFile();
  return sf.getVariableStatements().some((s) => s.getDeclarations().some((d) => d.getName() === root));
}

function skeleton(ref: ChannelRef): string {
  return ref.pattern.replace(/\$\{[^}]*\}/g, '*');
}

const ECHO_PREFIX = /^(private-encrypted-|private-|presence-)/;

function channelMatches(added: ChannelRef, removed: ChannelRef, echoLeave: boolean): boolean {
  const a = skeleton(added);
  const r = skeleton(removed);
  if (a === r) return true;
  return echoLeave && a.replace(ECHO_PREFIX, '') === r;
}

/**
 * Echo's `leave('room')` leaves `room`, `private-room` and `presence-room`; `leaveChannel(name)`
 * leaves exactly the name given, so `leaveChannel('room')` after `join('room')` leaves nothing.
 */
function leavesEveryVariant(op: Operation): boolean {
  if (op.kind !== 'leave') return false;
  const callee = Node.isCallExpression(op.node) ? unwrap(op.node.getExpression()) : undefined;
  return !(callee && Node.isPropertyAccessExpression(callee) && callee.getName() === 'leaveChannel');
}

/** An argument that is only a dynamic value we cannot compare (`${name}`, `${ch.name}`). */
function opaqueChannel(ref: ChannelRef): boolean {
  return /^\$\{[^}]*\}$/.test(ref.pattern);
}

function callText(op: Operation): string {
  const call = op.node as CallExpression;
  const callee = unwrap(call.getExpression());
  const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : shortText(callee, 30);
  const first = call.getArguments()[0];
  return `${method}(${first ? shortText(first, 40) : ''})`;
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'connection-leak',
    title: 'Disconnect clients and remove subscriptions when components go away',
    description:
      'Finds Pusher clients created in components or lifecycle hooks without disconnect() in the cleanup, subscriptions and bindings added on mount without being removed, cleanups that unsubscribe the wrong channel (or pass the Channel object), effects without a dependency array that subscribe on every render, and several clients for the same app key. Each leaked client is a billed concurrent connection; each leaked subscription keeps receiving billed messages.',
    category: 'cost',
    severity: 'medium',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    precision: 'medium', // 17 of 19 correct on the two held-out sets
    options: optionsSchema,
    messages,
    costLevers: {
      clientNotDisconnected: 'connection-leak',
      subscriptionNotCleaned: 'subscription-leak',
      effectWithoutDeps: 'subscription-leak',
      duplicateClients: 'duplicate-connections',
      wrongChannelCleanup: 'subscription-leak',
    },
  },
  check(ctx) {
    const inventory = ctx.model.inventory;
    const ignored = new Set([...ROOT_COMPONENTS, ...ctx.options.ignoreComponents]);
    const skipFile = (file: string) => !ctx.appliesTo(file);
    const mounts = new Mounts(ctx);
    const opById = new Map(inventory.operations.map((o) => [o.id, o]));
    const opByNode = new Map(inventory.operations.map((o) => [o.node, o]));
    // channelObjectArg walks the op's whole file; an unsubscribe is compared with every subscribe of its mount.
    const objectSources = new Map<Operation, Operation | undefined>();
    const channelObject = (op: Operation): Operation | undefined => {
      if (!objectSources.has(op)) objectSources.set(op, channelObjectArg(op, opByNode));
      return objectSources.get(op);
    };
    const reportedEffects = new Set<Node>();
    const reportedWrong = new Set<Operation>();
    /** Clients created per mount: their subscriptions live and die with them. */
    const localClients = new Map<string, { disconnected: boolean; reported: boolean }>();

    const opsIn = (region: Node) => inventory.operations.filter((o) => within(o.node, region));
    const disconnects = (client: ClientInstance, cleanups: Node[], holder: string | undefined): boolean =>
      cleanups.some((c) =>
        [c, ...helperBodies(c)].some(
          (region) =>
            opsIn(region).some((o) => o.kind === 'disconnect' && o.instanceId === client.id) ||
            (holder !== undefined &&
              region.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
                const callee = unwrap(call.getExpression());
                return Node.isPropertyAccessExpression(callee) && callee.getName() === 'disconnect' && normalise(callee.getExpression().getText()).startsWith(holder);
              })),
        ),
      );

    // ---- Clients ----
    for (const client of inventory.clients) {
      if (skipFile(client.location.file) || SELF_CLEANING.has(client.library) || client.library === 'vue-pusher') continue;
      // React Native's SDK is a singleton: getInstance() never opens a second connection.
      if (client.library === '@pusher/pusher-websocket-react-native') continue;
      const factory = factoryOf(client);
      if (factory) {
        for (const call of factoryCalls(factory)) {
          const file = ctx.model.project.scriptOf(call)?.file.path;
          if (!file || skipFile(file)) continue;
          ctx.forFile(file, () => {
            const mount = mounts.of(call);
            if (!mount || ignored.has(mount.component)) return;
            const holder = holderOf(call);
            if (isLazySingleton(call, holder) && holder && isModuleOrGlobal(holder, call)) return;
            const disconnected = mount.kind !== 'react-body' && (mount.opaque || disconnects(client, mount.cleanups, holder));
            // The factory's subscriptions live and die with the clients it makes here.
            const seen = localClients.get(client.id);
            localClients.set(client.id, { disconnected: (seen?.disconnected ?? true) && disconnected, reported: (seen?.reported ?? false) || !disconnected });
            if (disconnected) return;
            const name = holder ?? `${shortText(call.getExpression(), 30)}()`;
            const where = describeMount(mount);
            ctx.report({ node: call, messageId: 'clientNotDisconnected', data: { name, ...where, where: `by \`${factory.name}()\` ${where.where}` } });
          });
        }
        continue;
      }
      ctx.forFile(client.location.file, () => {
        const mount = mounts.of(client.node);
        if (!mount || ignored.has(mount.component)) return;
        const holder = holderOf(client.node);
        if (isLazySingleton(client.node, holder) && holder && isModuleOrGlobal(holder, client.node)) return;
        // `window[KEY] = ref.current = new Pusher(…)`, reused when present: one client for the page.
        if (storedOnGlobal(client.node, holder)) return;
        const name = holder ?? `new ${(client.node as import('ts-morph').NewExpression).getExpression().getText()}(…)`;
        let body = mount;
        if (mount.kind === 'react-body' && isLazySingleton(client.node, holder)) {
          // `if (!ref.current) ref.current = new Pusher(…)`: once per mount, like useRef/useMemo.
          const r = effectCleanupsIn(mount.body);
          body = { ...mount, kind: 'react-persistent', cleanups: r.cleanups, opaque: r.opaque };
        }
        const disconnected = body.kind !== 'react-body' && (body.opaque || disconnects(client, body.cleanups, holder));
        localClients.set(client.id, { disconnected, reported: !disconnected });
        if (disconnected) return;
        const where = describeMount(body);
        ctx.report({ node: client.node, messageId: 'clientNotDisconnected', data: { name, ...where } });
      });
    }

    // ---- Subscriptions and bindings ----
    const byMount = new Map<Node, { mount: Mount; ops: Operation[] }>();
    for (const op of inventory.operations) {
      if (op.side !== 'client' || !ADD_KINDS.has(op.kind) || skipFile(op.location.file)) continue;
      // use-pusher's hooks unsubscribe by themselves; calls on its `client` do not.
      if (/^(useChannel|usePresenceChannel|useEvent)$/.test(calleeName(op.node))) continue;
      const mount = mounts.of(op.node);
      if (!mount || ignored.has(mount.component)) continue;
      const entry = byMount.get(mount.body) ?? { mount, ops: [] };
      entry.ops.push(op);
      byMount.set(mount.body, entry);
    }

    const reportedOps = new Set<Operation>();
    for (const { mount, ops } of byMount.values()) {
      const file = ops[0]!.location.file;
      ctx.forFile(file, () => {
        const removals = mount.cleanups.flatMap((c) => [c, ...helperBodies(c)].flatMap((r) => opsIn(r)));
        const local = (op: Operation) => (op.instanceId ? localClients.get(op.instanceId) : undefined);
        const clientGone = (op: Operation) => {
          const l = local(op);
          if (l) return true; // reported as clientNotDisconnected, or disconnected in the cleanup
          return removals.some((r) => r.kind === 'disconnect' && r.instanceId === op.instanceId && op.instanceId !== null);
        };
        const unsubscribes = removals.filter((r) => r.kind === 'unsubscribe' || r.kind === 'leave');
        const unsubscribed = (s: Operation) =>
          unsubscribes.some(
            (u) =>
              u.sourceOperationId === s.id ||
              (u.channels.length > 0 && s.channels.some((c) => u.channels.some((uc) => channelMatches(c, uc, leavesEveryVariant(u)) || (opaqueChannel(uc) && !channelObject(u))))),
          );
        const unbound = (b: Operation) =>
          removals.some((r) => {
            if (r.kind !== 'unbind' && r.kind !== 'unbind_global') return false;
            const connectionUnbind = /\.connection\.unbind$/.test(calleeName(r.node).replace(/\?/g, ''));
            if ((b.kind === 'connection-bind') !== connectionUnbind) return false;
            const sameTarget = b.sourceOperationId
              ? r.sourceOperationId === b.sourceOperationId || (r.channels.length > 0 && b.channels.some((c) => r.channels.some((rc) => channelMatches(c, rc, false))))
              : r.instanceId === b.instanceId;
            return sameTarget && (!r.event || !b.event || r.event.pattern === b.event.pattern);
          });

        const subscribes = ops.filter((o) => o.kind === 'subscribe');
        const subscribeIds = new Set(subscribes.map((o) => o.id));
        // An unsubscribe that matches nothing this mount subscribed, on the same client, is a typo'd cleanup.
        const wrongFor = new Set<string | null>();
        for (const u of unsubscribes) {
          if (u.sourceOperationId || channelObject(u) || u.channels.length === 0 || u.channels.some(opaqueChannel)) continue;
          const sameClient = subscribes.filter((sub) => sub.instanceId === u.instanceId);
          if (sameClient.length === 0 || sameClient.some((sub) => sub.channels.some((c) => u.channels.some((uc) => channelMatches(c, uc, leavesEveryVariant(u)))))) continue;
          const expected = sameClient.find((sub) => !unsubscribed(sub)) ?? sameClient[0]!;
          wrongFor.add(u.instanceId);
          reportWrong(u, `${u.kind === 'leave' ? 'leaves' : 'unsubscribes'} \`${u.channels[0]!.pattern}\` but the same ${mountNoun(mount)} subscribed \`${expected.channels[0]?.pattern ?? '?'}\``, expected.channels[0]?.pattern ?? '?', u.kind === 'leave' && !leavesEveryVariant(u) ? '`leaveChannel` takes the full name: call `Echo.leave(…)` with the name you joined (it adds the `private-` / `presence-` prefix), or pass the prefixed name.' : 'Unsubscribe the name you subscribed: keep it in one variable and pass it to both calls.');
        }
        for (const op of ops) {
          if (clientGone(op) || mount.opaque) continue;
          const unit = mount.kind === 'react-body' ? 'render' : 'mount';
          if (op.kind === 'subscribe') {
            if (unsubscribed(op)) continue;
            const binds = ops.filter((b) => b.sourceOperationId === op.id && b.kind !== 'subscribe');
            // A shared client's channel may stay subscribed for others; removing our handlers is the cleanup.
            if (binds.length > 0 && binds.every(unbound)) continue;
            const withObject = unsubscribes.find((u) => channelObject(u) === op);
            if (withObject) {
              reportWrong(withObject, objectProblem, op.channels[0]?.pattern ?? '?', objectFix);
              continue;
            }
            if (wrongFor.has(op.instanceId)) continue;
            reportedOps.add(op);
            ctx.report({
              node: op.anchor,
              messageId: 'subscriptionNotCleaned',
              data: { call: callText(op), what: `subscribes to \`${op.channels[0]?.pattern ?? '?'}\``, where: describeMount(mount).where, unit, fix: `${undoFor(op, mount)}` },
            });
          } else {
            if (op.sourceOperationId && subscribeIds.has(op.sourceOperationId)) continue;
            const source = op.sourceOperationId ? opById.get(op.sourceOperationId) : undefined;
            if (source && unsubscribed(source)) continue;
            if (unbound(op)) continue;
            if (!op.instanceId && !op.sourceOperationId) continue;
            reportedOps.add(op);
            const what = op.kind === 'connection-bind' ? `binds a \`${op.event?.pattern ?? '?'}\` handler on the connection` : `binds \`${op.event?.pattern ?? '?'}\`${op.channels[0] ? ` on \`${op.channels[0].pattern}\`` : ''}`;
            ctx.report({ node: op.anchor, messageId: 'subscriptionNotCleaned', data: { call: callText(op), what, where: describeMount(mount).where, unit, fix: undoFor(op, mount) } });
          }
        }
        if (mount.effectCall && mount.effectCall.getArguments().length === 1) reportEffect(mount.effectCall, 'subscribes or binds');
      });
    }

    // ---- Effects without dependencies that create clients ----
    for (const client of inventory.clients) {
      if (skipFile(client.location.file)) continue;
      const mount = mounts.of(client.node);
      if (mount?.effectCall && mount.effectCall.getArguments().length === 1) ctx.forFile(client.location.file, () => reportEffect(mount.effectCall!, 'creates a Pusher client'));
    }

    // ---- Unsubscribing with the Channel object ----
    for (const op of inventory.operations) {
      if (op.kind !== 'unsubscribe' || skipFile(op.location.file) || reportedWrong.has(op)) continue;
      const source = channelObject(op);
      if (!source) continue;
      ctx.forFile(op.location.file, () =>
        reportWrong(op, objectProblem, source.channels[0]?.pattern ?? '?', objectFix),
      );
    }

    // ---- Several clients for one app key ----
    reportDuplicates(ctx, skipFile);

    function reportWrong(op: Operation, problem: string, channel: string, fix: string): void {
      if (reportedWrong.has(op)) return;
      reportedWrong.add(op);
      ctx.report({ node: op.anchor, messageId: 'wrongChannelCleanup', data: { call: callText(op), problem, channel, fix } });
    }

    function reportEffect(call: CallExpression, does: string): void {
      if (reportedEffects.has(call)) return;
      reportedEffects.add(call);
      ctx.report({ node: call, messageId: 'effectWithoutDeps', data: { hook: calleeName(call), does } });
    }
  },
});

/** One level of local helpers a cleanup calls (`return () => stop()`). */
function helperBodies(fn: Node): Node[] {
  const out: Node[] = [];
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = unwrap(call.getExpression());
    if (!Node.isIdentifier(callee) && !Node.isPropertyAccessExpression(callee)) continue;
    const helper = functionOf(callee);
    if (helper && !within(helper, fn) && !within(fn, helper)) out.push(helper);
  }
  return out;
}

/** `pusher.unsubscribe(channel)` where `channel` holds what `subscribe` returned. */
function channelObjectArg(op: Operation, opByNode: Map<Node, Operation>): Operation | undefined {
  if (op.kind !== 'unsubscribe' || !op.channelNode) return undefined;
  const arg = unwrap(op.channelNode);
  const sources: Node[] = [];
  if (Node.isIdentifier(arg)) {
    for (const d of declarationsOf(arg)) if (Node.isVariableDeclaration(d) && d.getInitializer()) sources.push(d.getInitializer()!);
  }
  const text = normalise(arg.getText());
  if (Node.isIdentifier(arg) || Node.isPropertyAccessExpression(arg)) {
    for (const bin of arg.getSourceFile().getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
      if (bin.getOperatorToken().getKind() === SyntaxKind.EqualsToken && normalise(bin.getLeft().getText()) === text) sources.push(bin.getRight());
    }
  }
  for (const s of sources) {
    let e = unwrap(s);
    if (Node.isAwaitExpression(e)) e = unwrap(e.getExpression());
    const source = opByNode.get(e);
    if (source && (source.kind === 'subscribe' || source.kind === 'channel')) return source;
  }
  return undefined;
}

function describeMount(m: Mount): { where: string; missing: string; unit: string; fix: string } {
  switch (m.kind) {
    case 'react-body':
      return {
        where: `in the body of \`${m.component}\`, which runs on every render`,
        missing: '',
        unit: 'render',
        fix: 'Create one client in a shared module (or in `useEffect` with a cleanup that calls `disconnect()`).',
      };
    case 'react-effect':
      return { where: `in a \`useEffect\` of \`${m.component}\``, missing: ' and the effect\'s cleanup never disconnects it', unit: 'mount (and every dependency change)', fix: 'Return a cleanup that calls `disconnect()`, or share one client from a module.' };
    case 'react-persistent':
      return { where: `once per mount of \`${m.component}\``, missing: ' and no effect cleanup disconnects it', unit: 'mount', fix: 'Add an effect whose cleanup calls `disconnect()`, or share one client from a module.' };
    case 'react-class':
      return { where: `in \`componentDidMount\` of \`${m.component}\``, missing: ' and `componentWillUnmount` never disconnects it', unit: 'mount', fix: 'Call `disconnect()` in `componentWillUnmount`.' };
    case 'vue':
      return { where: 'when the Vue component mounts', missing: ' and no `onUnmounted` / `onBeforeUnmount` hook disconnects it', unit: 'mount', fix: 'Call `disconnect()` in `onUnmounted`, or share one client from a module.' };
    case 'vue-options':
      return { where: 'in the Vue component\'s `mounted`/`created` hook', missing: ' and no `beforeDestroy` / `unmounted` hook disconnects it', unit: 'mount', fix: 'Call `disconnect()` in `beforeDestroy` (Vue 2) or `unmounted` (Vue 3).' };
    case 'svelte-store':
      return { where: 'when the Svelte store gets its first subscriber', missing: ' and the function the store\'s start returns never disconnects it', unit: 'time the store is used again', fix: 'Call `pusher.disconnect()` in the function the start callback returns, or share one client from a module.' };
    case 'svelte':
      return { where: 'when the Svelte component mounts', missing: ' and neither `onDestroy` nor the function `onMount` returns disconnects it', unit: 'mount', fix: 'Return `() => pusher.disconnect()` from `onMount`.' };
  }
}

function mountNoun(m: Mount): string {
  return m.kind === 'react-effect' ? 'effect' : m.kind === 'react-class' ? 'component' : 'component mount';
}

function undoFor(op: Operation, m: Mount): string {
  const place =
    m.kind === 'react-effect'
      ? 'the function the effect returns'
      : m.kind === 'react-class'
        ? '`componentWillUnmount`'
        : m.kind === 'vue'
          ? '`onUnmounted`'
          : m.kind === 'vue-options'
            ? '`beforeDestroy` / `unmounted`'
            : m.kind === 'svelte'
              ? 'the function `onMount` returns'
              : m.kind === 'svelte-store'
                ? 'the function the store\'s start callback returns'
              : 'an effect cleanup (and move the call into `useEffect`)';
  const channel = op.channels[0]?.pattern;
  const undo =
    op.kind === 'subscribe'
      ? op.channels[0] && /^(private|join|channel|encryptedPrivate)$/.test(callText(op).split('(')[0]!)
        ? `Echo.leave(…)`
        : `unsubscribe(${channel ? `'${channel}'` : '…'})`
      : op.kind === 'listen'
        ? 'stopListening(…) or Echo.leave(…)'
        : op.kind === 'connection-bind'
          ? `connection.unbind('${op.event?.pattern ?? '…'}', handler)`
          : `unbind('${op.event?.pattern ?? '…'}', handler)`;
  return `Call \`${undo}\` in ${place}.`;
}

function reportDuplicates(ctx: RuleContext<Options, MessageIds>, skipFile: (file: string) => boolean): void {
  const groups = new Map<string, ClientInstance[]>();
  const seenHolders = new Set<string>();
  for (const client of ctx.model.inventory.clients) {
    if (skipFile(client.location.file) || client.library === '@pusher/pusher-websocket-react-native') continue;
    const key = client.key.kind === 'literal' && typeof client.key.value === 'string' ? `literal:${client.key.value}` : client.key.kind === 'env' ? `env:${client.key.name}` : undefined;
    if (!key) continue;
    // Alternatives assigned to one variable (`client = dev ? new Pusher(a) : new Pusher(b)`) are one client.
    const holder = holderOf(client.node);
    if (holder) {
      const id = `${client.location.file}|${holder}`;
      if (seenHolders.has(id)) continue;
      seenHolders.add(id);
    }
    const group = `${runtimeOf(ctx.model.packageOf, client.location.file)}|${key}`;
    const list = groups.get(group) ?? [];
    list.push(client);
    groups.set(group, list);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const [first, ...rest] = list;
    const keyText = first!.key.kind === 'env' ? `\`${first!.key.name}\`` : `\`${String((first!.key as { value: string }).value).slice(0, 4)}…\``;
    for (const client of rest) {
      ctx.forFile(client.location.file, () =>
        ctx.report({
          node: client.node,
          messageId: 'duplicateClients',
          data: { key: keyText, first: holderOf(first!.node) ?? 'new Pusher(…)', firstLocation: `${first!.location.file}:${first!.location.line}`, count: list.length },
        }),
      );
    }
  }
}
