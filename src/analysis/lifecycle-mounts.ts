import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import { functionOf, functionValue, isFunction, unwrap } from './ast.js';
import { functionName, returnsJsx } from './lifecycle.js';

/**
 * The UI mount model: for a piece of code, the component lifecycle it runs in (a React effect,
 * body, memo or class, a Vue setup, options hook or `<script setup>`, a Svelte component or
 * store) and the code that undoes it when the component goes away. Rules that judge what a
 * component leaves behind (connections, subscriptions, handlers) ask it the same question.
 */

const EFFECT_HOOKS = /^(React\.)?(useEffect|useLayoutEffect|useInsertionEffect)$/;
const VUE_MOUNT = /^(onMounted|onBeforeMount|onActivated)$/;
const VUE_UNMOUNT = /^(onUnmounted|onBeforeUnmount|onDeactivated)$/;
const VUE_OPTIONS_MOUNT = new Set(['mounted', 'created', 'beforeMount']);
const VUE_OPTIONS_UNMOUNT = new Set(['beforeDestroy', 'destroyed', 'beforeUnmount', 'unmounted']);

export type MountKind = 'react-effect' | 'react-body' | 'react-persistent' | 'react-class' | 'vue' | 'vue-options' | 'svelte' | 'svelte-store';

/** What the parsed project knows of a component script block: its kind and the file it came from. */
export interface ComponentScript {
  block: { kind: string };
  file: { path: string };
}

function isSvelteStore(call: CallExpression): boolean {
  return call.getSourceFile().getImportDeclarations().some((d) => d.getModuleSpecifierValue() === 'svelte/store');
}

/** Code that runs when a component mounts (or renders), and the code that undoes it. */
export interface Mount {
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

export function calleeName(call: Node): string {
  return Node.isCallExpression(call) ? unwrap(call.getExpression()).getText().replace(/\s+/g, '') : '';
}

export function within(node: Node, region: Node): boolean {
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

function isReactModule(sf: SourceFile): boolean {
  if (/\.[jt]sx$/.test(sf.getFilePath())) return true;
  return sf.getImportDeclarations().some((d) => /^(react|react-native|preact)(\/|$)/.test(d.getModuleSpecifierValue()));
}

/** The functions an effect (or Svelte `onMount`) returns as its cleanup. */
export function returnedCleanups(fn: Node): { cleanups: Node[]; opaque: boolean } {
  const cleanups: Node[] = [];
  let opaque = false;
  const consider = (expr: Node | undefined) => {
    if (!expr) return;
    const e = unwrap(expr);
    const fn = functionValue(e);
    if (fn) cleanups.push(fn);
    else if (e.getKind() !== SyntaxKind.UndefinedKeyword && e.getText() !== 'undefined') opaque = true;
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

/** The name of a function declared by name in its file (`function f`, `const f = () =>`), not a callback or a method. */
function localFunctionName(fn: Node): string | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  return (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) && parent && Node.isVariableDeclaration(parent) ? parent.getName() : undefined;
}

/** The hooks of a Vue options object named in `names`, written as methods or as properties holding a function. */
function optionHooks(options: Node, names: ReadonlySet<string>): Node[] {
  if (!Node.isObjectLiteralExpression(options)) return [];
  return options.getProperties().flatMap((p) => {
    if (Node.isMethodDeclaration(p)) return names.has(p.getName()) ? [p] : [];
    const init = Node.isPropertyAssignment(p) && names.has(p.getName()) ? p.getInitializer() : undefined;
    return init && isFunction(unwrap(init)) ? [unwrap(init)] : [];
  });
}

/**
 * The `this.<name>(…)` call in a mount hook of the component that declares `fn` as its method
 * `name`: a Vue options component's `methods: { name() {…} }` called from `mounted`/`created`, or
 * a React class method called from `componentDidMount`.
 */
function mountHookCalling(fn: Node, name: string): Node | undefined {
  const holder = Node.isMethodDeclaration(fn) ? fn : fn.getParent();
  const container = holder?.getParent();
  let hooks: Node[] = [];
  if (container && (Node.isClassDeclaration(container) || Node.isClassExpression(container))) {
    hooks = classMethods(container, 'componentDidMount');
  } else if (container && Node.isObjectLiteralExpression(container)) {
    const methods = container.getParent();
    const options = methods && Node.isPropertyAssignment(methods) && methods.getName() === 'methods' ? methods.getParent() : undefined;
    if (options && Node.isObjectLiteralExpression(options)) hooks = optionHooks(options, VUE_OPTIONS_MOUNT);
  }
  for (const hook of hooks) {
    const call = hook.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => calleeName(c) === `this.${name}`);
    if (call) return call;
  }
  return undefined;
}

/** Callbacks passed to `onUnmounted(…)` / `onDestroy(…)` in a scope (not in nested functions other than the scope). */
export function hookCallbacks(scope: Node, names: RegExp): Node[] {
  const out: Node[] = [];
  scope.forEachDescendant((d, traversal) => {
    if (d !== scope && isFunction(d) && !(d.getParent() && Node.isCallExpression(d.getParent()!) && names.test(calleeName(d.getParent()!)))) {
      // Hooks are registered synchronously in setup: don't look inside other functions.
      if (!Node.isSourceFile(scope)) traversal.skip();
      return;
    }
    if (Node.isCallExpression(d) && names.test(calleeName(d))) {
      const fn = d.getArguments()[0];
      // Wider than functionValue: a hook may be handed a member too (`onUnmounted(this.stop)`, `onDestroy(store.close)`).
      const resolved = fn ? (isFunction(unwrap(fn)) ? unwrap(fn) : functionOf(unwrap(fn))) : undefined;
      if (resolved) out.push(resolved);
    }
  });
  return out;
}

export function effectCleanupsIn(component: Node): { cleanups: Node[]; opaque: boolean } {
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

/** `useCallback(fn, deps)` or a function, as handed to a hook: the function it runs. */
function handedFunction(arg: Node): Node[] {
  const e = unwrap(arg);
  if (Node.isCallExpression(e) && /^(React\.)?useCallback$/.test(calleeName(e)) && e.getArguments()[0]) return handedFunction(e.getArguments()[0]!);
  const fn = functionValue(e);
  return fn ? [fn] : [];
}

/**
 * A function handed to a hook other than the effect and memo hooks: a factory the hook runs once
 * (`useLazyRef(() => pusher.subscribe(name), dispose)`, React's lazy-initialisation idiom), not
 * code of every render; what the hook is handed besides it (`dispose`) is there to undo it, as are
 * the component's effect cleanups. `useSyncExternalStore(subscribe)` runs `subscribe` on mount and
 * the function it returns on unmount.
 */
function handedToHook(call: CallExpression, fn: Node): Mount | undefined {
  const callee = calleeName(call);
  if (!/(^|\.)use[A-Z]\w*$/.test(callee) || !isReactModule(call.getSourceFile())) return undefined;
  const component = call.getFirstAncestor((a) => isFunction(a) && componentName(a) !== undefined);
  if (!component) return undefined;
  const effects = effectCleanupsIn(component);
  const own = /(^|\.)useSyncExternalStore$/.test(callee) && call.getArguments()[0] === fn ? returnedCleanups(fn) : { cleanups: [], opaque: false };
  const handed = call.getArguments().filter((a) => a !== fn).flatMap(handedFunction);
  return { kind: 'react-persistent', body: fn, cleanups: [...own.cleanups, ...handed, ...effects.cleanups], opaque: own.opaque || effects.opaque, component: componentName(component)! };
}

export class Mounts {
  constructor(private readonly scriptOf: (node: Node) => ComponentScript | undefined) {}

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
          // A memoised subscribe that returns its own undo (`useSyncExternalStore(subscribe)`) hands it to its caller.
          const own = /useCallback$/.test(callee) ? returnedCleanups(cur).cleanups : [];
          if (own.some((c) => within(node, c))) return undefined;
          return { kind: 'react-persistent', body: cur, cleanups: [...own, ...r.cleanups], opaque: r.opaque, component: componentName(component)! };
        }
        const hook = parent && Node.isCallExpression(parent) && parent.getArguments().includes(cur as never) ? handedToHook(parent, cur) : undefined;
        if (hook) return hook.cleanups.some((c) => within(node, c)) ? undefined : hook;
        const method = methodName(cur);
        if (method === 'componentDidMount') {
          const cls = cur.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
          const unmount = classMethods(cls, 'componentWillUnmount');
          const name = cls && (Node.isClassDeclaration(cls) || Node.isClassExpression(cls)) ? (cls.getName() ?? 'component') : 'component';
          return { kind: 'react-class', body: cur, cleanups: unmount, opaque: false, component: name };
        }
        if (method && VUE_OPTIONS_MOUNT.has(method) && Node.isObjectLiteralExpression(cur.getParent()?.getKind() === SyntaxKind.PropertyAssignment ? cur.getParent()!.getParent()! : cur.getParent()!)) {
          const obj = (cur.getParent()?.getKind() === SyntaxKind.PropertyAssignment ? cur.getParent()!.getParent() : cur.getParent())!;
          return { kind: 'vue-options', body: cur, cleanups: optionHooks(obj, VUE_OPTIONS_UNMOUNT), opaque: false, component: fileComponent(cur) };
        }
        if (method === 'setup') {
          return { kind: 'vue', body: cur, cleanups: hookCallbacks(cur, VUE_UNMOUNT), opaque: false, component: fileComponent(cur) };
        }
        // `mounted() { this.listen(id) }`: a method the mount hook calls runs in that mount.
        const caller = method && !passedNestedFunction ? mountHookCalling(cur, method) : undefined;
        if (caller) return this.of(caller);
        const name = componentName(cur);
        if (name) {
          if (passedNestedFunction) return undefined;
          return { kind: 'react-body', body: cur, cleanups: [], opaque: false, component: name };
        }
        // `function initChannel() { … }` called from `onMount`, an effect or a component's top level runs there.
        if (!passedNestedFunction) {
          const site = this.mountedCallOf(cur);
          if (site) return site;
        }
        // A callback passed to a call (`forEach`, `then`) runs with its parent; other functions wait for an event.
        if (!call && !(parent && Node.isCallExpression(parent) && parent.getArguments().includes(cur as never))) passedNestedFunction = true;
      }
      if (Node.isSourceFile(cur)) return this.componentScript(cur, passedNestedFunction);
      cur = cur.getParent();
    }
    return undefined;
  }

  private readonly following = new Set<Node>();
  /** Each function's answer, once found: every operation in a helper asks the same question. */
  private readonly viaCall = new WeakMap<Node, Mount | undefined>();

  /** The mount of the first call of a named local function, in its own file, that runs in one. */
  private mountedCallOf(fn: Node): Mount | undefined {
    const name = localFunctionName(fn);
    if (name === undefined || this.following.has(fn)) return undefined;
    if (this.viaCall.has(fn)) return this.viaCall.get(fn);
    this.following.add(fn);
    let found: Mount | undefined;
    try {
      for (const call of fn.getSourceFile().getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = unwrap(call.getExpression());
        if (!Node.isIdentifier(callee) || callee.getText() !== name || within(call, fn) || functionOf(callee) !== fn) continue;
        found = this.of(call);
        if (found) break;
      }
    } finally {
      this.following.delete(fn);
    }
    // A search cut short by the recursion guard is not an answer to keep.
    if (this.following.size === 0) this.viaCall.set(fn, found);
    return found;
  }

  /** `<script setup>` and a Svelte instance script run once per component instance. */
  private componentScript(sf: SourceFile, nested: boolean): Mount | undefined {
    if (nested) return undefined;
    const script = this.scriptOf(sf);
    if (!script) return undefined;
    if (script.block.kind === 'script-setup') return { kind: 'vue', body: sf, cleanups: hookCallbacks(sf, VUE_UNMOUNT), opaque: false, component: fileComponent(sf) };
    if (script.file.path.endsWith('.svelte') && script.block.kind === 'script') {
      return { kind: 'svelte', body: sf, cleanups: hookCallbacks(sf, /^onDestroy$/), opaque: false, component: fileComponent(sf) };
    }
    return undefined;
  }

  /**
   * Only names the component an effect runs in: a capitalised function in a React module that
   * runs this effect is one even when it renders nothing (`return null` watchers).
   */
  private enclosingComponent(node: Node): string {
    const fn = node.getFirstAncestor((a) => isFunction(a) && (componentName(a) !== undefined || /^[A-Z]/.test(functionName(a) ?? '')));
    return fn && (componentName(fn) !== undefined || isReactModule(fn.getSourceFile())) ? functionName(fn)! : 'component';
  }
}

/** Vue and Svelte components are named after their file (`App.vue` → `App`). */
export function fileComponent(node: Node): string {
  const path = node.getSourceFile().getFilePath();
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '').replace(/\.(vue|svelte)(\.\d+)?$/, '');
  return base;
}
