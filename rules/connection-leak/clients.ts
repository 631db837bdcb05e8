import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import type { ClientInstance } from '../../src/inventory/types.js';
import { declarationsOf, functionOf, isFunction, returnedExpression, shortText, unwrap, type FunctionLike } from '../../src/analysis/ast.js';
import { functionName, returnsJsx } from '../../src/analysis/lifecycle.js';
import { effectCleanupsIn } from '../../src/analysis/lifecycle-mounts.js';
import { describeMount } from './describe.js';
import type { LeakState } from './state.js';

/** Clients created per mount or render and never disconnected, directly or through a factory. */

const SELF_CLEANING = new Set(['@harelpls/use-pusher']);

export function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!/g, '');
}

/** Whether the function that creates the client also keeps it on `window` / `globalThis` for reuse. */
export function storedOnGlobal(client: Node, holder: string | undefined): boolean {
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

/**
 * `=` and the logical assignments (`client ??= new Pusher(…)`, `||=`) all keep the value in their
 * left side. (SyntaxKind is read here, not in a module-level table, so that loading the rule does
 * not load ts-morph: src/morph.ts.)
 */
function isAssignment(node: Node): node is import('ts-morph').BinaryExpression {
  if (!Node.isBinaryExpression(node)) return false;
  const kind = node.getOperatorToken().getKind();
  return kind === SyntaxKind.EqualsToken || kind === SyntaxKind.QuestionQuestionEqualsToken || kind === SyntaxKind.BarBarEqualsToken;
}

/** Where a client is kept: `pusher`, `this.pusher`, `pusherRef.current`, `window.Echo`. */
export function holderOf(node: Node): string | undefined {
  let cur: Node = node;
  let parent = cur.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isConditionalExpression(parent) || Node.isBinaryExpression(parent) && !isAssignment(parent))) {
    cur = parent;
    parent = cur.getParent();
  }
  if (!parent) return undefined;
  if (Node.isVariableDeclaration(parent)) return parent.getName();
  if (isAssignment(parent)) return normalise(parent.getLeft().getText());
  if (Node.isPropertyDeclaration(parent)) return `this.${parent.getName()}`;
  return undefined;
}

/**
 * A function that builds and returns a new client on every call (`export const pusherClient = () => new Pusher(…)`),
 * with no caching: each call is a client creation, judged where it is called.
 */
export function factoryOf(client: ClientInstance): { fn: Node; name: string } | undefined {
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
export function factoryCalls(factory: { fn: Node; name: string }): CallExpression[] {
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
export function isLazySingleton(node: Node, holder: string | undefined): boolean {
  if (!holder) return false;
  const assign = node.getParent();
  if (assign && isAssignment(assign) && assign.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return true;
  return node.getAncestors().some((a) => Node.isIfStatement(a) && normalise(a.getExpression().getText()).includes(holder));
}

/**
 * Whether the client is made only while a `useState` value is unset, and stored with that state's
 * setter: `if (!pusher) { const p = new Pusher(…); setPusher(p) }`. Once per mount, however often
 * the effect around it re-runs.
 */
function keptInState(node: Node): boolean {
  return node.getAncestors().some((a) => {
    if (!Node.isIfStatement(a)) return false;
    const setters = a
      .getExpression()
      .getDescendantsOfKind(SyntaxKind.PrefixUnaryExpression)
      .filter((u) => u.getOperatorToken() === SyntaxKind.ExclamationToken)
      .map((u) => stateSetter(unwrap(u.getOperand())))
      .filter((name) => name !== undefined);
    const then = a.getThenStatement();
    return setters.some((setter) =>
      then.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => {
        const callee = unwrap(c.getExpression());
        return Node.isIdentifier(callee) && callee.getText() === setter;
      }),
    );
  });
}

/** `setX` when `x` is the value of `const [x, setX] = useState(…)`. */
function stateSetter(node: Node): string | undefined {
  if (!Node.isIdentifier(node)) return undefined;
  const decl = declarationsOf(node)[0];
  const pattern = decl?.getParent();
  if (!decl || !Node.isBindingElement(decl) || !pattern || !Node.isArrayBindingPattern(pattern) || pattern.getElements()[0] !== decl) return undefined;
  const init = pattern.getParentIfKind(SyntaxKind.VariableDeclaration)?.getInitializer();
  const call = init ? unwrap(init) : undefined;
  if (!call || !Node.isCallExpression(call) || !/(^|\.)useState$/.test(call.getExpression().getText())) return undefined;
  const setter = pattern.getElements()[1];
  return setter && Node.isBindingElement(setter) ? setter.getName() : undefined;
}

export function isModuleOrGlobal(holder: string, node: Node): boolean {
  if (/^(window|globalThis|self|global)\./.test(holder)) return true;
  const root = holder.split('.')[0]!;
  const sf = node.getSourceFile();
  return sf.getVariableStatements().some((s) => s.getDeclarations().some((d) => d.getName() === root));
}

export function checkClients(state: LeakState): void {
  for (const client of state.inventory.clients) {
    if (state.skipFile(client.location.file) || SELF_CLEANING.has(client.library) || client.library === 'vue-pusher') continue;
    // React Native's SDK is a singleton: getInstance() never opens a second connection.
    if (client.library === '@pusher/pusher-websocket-react-native') continue;
    const factory = factoryOf(client);
    if (factory) checkFactoryCalls(state, client, factory);
    else checkClient(state, client);
  }
}

/** Each call of a client factory is a client creation, judged where it is called. */
function checkFactoryCalls(state: LeakState, client: ClientInstance, factory: { fn: Node; name: string }): void {
  const { ctx } = state;
  for (const call of factoryCalls(factory)) {
    const file = ctx.model.project.scriptOf(call)?.file.path;
    if (!file || state.skipFile(file)) continue;
    ctx.forFile(file, () => {
      const mount = state.mounts.of(call);
      if (!mount || state.livesWithApp(mount)) return;
      const holder = holderOf(call);
      if (isLazySingleton(call, holder) && holder && isModuleOrGlobal(holder, call)) return;
      const disconnected = mount.kind !== 'react-body' && (mount.opaque || state.disconnects(client, mount.cleanups, holder));
      // The factory's subscriptions live and die with the clients it makes here.
      const seen = state.localClients.get(client.id);
      state.localClients.set(client.id, { disconnected: (seen?.disconnected ?? true) && disconnected, reported: (seen?.reported ?? false) || !disconnected });
      if (disconnected) return;
      const name = holder ?? `${shortText(call.getExpression(), 30)}()`;
      const where = describeMount(mount);
      ctx.report({ node: call, messageId: 'clientNotDisconnected', data: { name, ...where, where: `by \`${factory.name}()\` ${where.where}` } });
    });
  }
}

function checkClient(state: LeakState, client: ClientInstance): void {
  state.ctx.forFile(client.location.file, () => {
    const mount = state.mounts.of(client.node);
    // `if (!pusher) setPusher(new Pusher(…))`: an effect that re-runs finds the state set and makes none.
    if (!mount || state.livesWithApp(keptInState(client.node) ? { ...mount, effectCall: undefined } : mount)) return;
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
    const disconnected = body.kind !== 'react-body' && (body.opaque || state.disconnects(client, body.cleanups, holder));
    state.localClients.set(client.id, { disconnected, reported: !disconnected });
    if (disconnected) return;
    const where = describeMount(body);
    state.ctx.report({ node: client.node, messageId: 'clientNotDisconnected', data: { name, ...where } });
  });
}
