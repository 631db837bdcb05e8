import { Node, SyntaxKind } from '../morph.js';
import { declarationsOf, isFunction, unwrap } from './ast.js';
import { constantValue } from './constant-eval.js';

/**
 * Iteration context: whether a call runs once per item of something (a `for`/`while` loop, an
 * array callback such as `map`/`forEach`/`reduce`, `Promise.all(items.map(…))`) and which values
 * change from one round to the next. Rules use it to tell "once per channel" from "once", and a
 * per-item value from one shared by every round.
 */

/** Array methods whose callback runs once per element. */
const PER_ITEM_METHODS = new Set(['map', 'flatMap', 'forEach', 'reduce', 'reduceRight', 'filter', 'some', 'every', 'find', 'findIndex']);
/** Helpers that call their function once per item: `Array.from(xs, fn)`, `pMap(xs, fn)`, lodash / Bluebird. */
const PER_ITEM_FUNCTIONS = /^(Array\.from|pMap|pMapSeries|pEachSeries|Bluebird\.(map|each|mapSeries)|Promise\.map|_\.(map|forEach|each)|async\.(each|eachSeries|map|mapSeries|eachLimit|mapLimit))$/;

export interface Iteration {
  kind: 'for' | 'for-of' | 'for-in' | 'while' | 'do' | 'callback';
  /** The loop statement or the per-item callback: what is declared inside it changes every round. */
  scope: Node;
  /** The iterated collection, when there is one (`users` in `for (const u of users)`, `ids` in `ids.map(…)`). */
  collection?: Node;
  /** The array method or helper of a callback (`map`, `forEach`, `pMap`). */
  method?: string;
}

/**
 * The innermost iteration `node` runs in, within its own function (a callback passed to a
 * per-item method counts as part of the loop; any other function is a boundary). The collection
 * expression of a `for…of` and a loop's condition run once per round too, but a call there is
 * not "in the loop" in the sense rules mean, so only the body counts.
 */
export function iterationOf(node: Node): Iteration | undefined {
  let child: Node = node;
  for (let cur = node.getParent(); cur; child = cur, cur = cur.getParent()) {
    if (Node.isForOfStatement(cur) && cur.getStatement() === child) return { kind: 'for-of', scope: cur, collection: cur.getExpression() };
    if (Node.isForInStatement(cur) && cur.getStatement() === child) return { kind: 'for-in', scope: cur, collection: cur.getExpression() };
    if (Node.isForStatement(cur) && cur.getStatement() === child) return { kind: 'for', scope: cur, collection: indexedCollection(cur) };
    if (Node.isWhileStatement(cur) && cur.getStatement() === child) return { kind: 'while', scope: cur };
    if (Node.isDoStatement(cur) && cur.getStatement() === child) return { kind: 'do', scope: cur };
    if (isFunction(cur)) {
      const perItem = perItemCall(cur);
      if (perItem) return { kind: 'callback', scope: cur, ...perItem };
      return undefined;
    }
  }
  return undefined;
}

/** Every iteration around `node` inside its function, innermost first (nested loops, a `map` in a `for`). */
export function iterationsOf(node: Node): Iteration[] {
  const out: Iteration[] = [];
  for (let it = iterationOf(node); it; it = iterationOf(it.scope)) out.push(it);
  return out;
}

/** `for (let i = 0; i < users.length; i++)`: `users`. */
function indexedCollection(loop: import('ts-morph').ForStatement): Node | undefined {
  const cond = loop.getCondition();
  if (!cond || !Node.isBinaryExpression(cond)) return undefined;
  const right = unwrap(cond.getRight());
  return Node.isPropertyAccessExpression(right) && /^(length|size)$/.test(right.getName()) ? right.getExpression() : undefined;
}

/** A number the code writes out: a literal, a negated one, or a const holding one. */
function constantNumber(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  const u = unwrap(node);
  if (Node.isPrefixUnaryExpression(u) && u.getOperatorToken() === SyntaxKind.MinusToken) {
    const n = constantNumber(u.getOperand());
    return n === undefined ? undefined : -n;
  }
  const v = constantValue(u);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * How many rounds a counting loop makes when its start, bound and step are numbers written out (or
 * consts): `for (let i = 0; i < 3; i++)` 3, `i <= 3` 4, `for (let i = 8; i > 0; i -= 2)` 4. Undefined
 * for anything else: `for (let i = rows.length - 1; i >= 0; i--)` runs once per row, however
 * small its bound looks.
 */
export function countedRounds(loop: Node): number | undefined {
  if (!Node.isForStatement(loop)) return undefined;
  const cond = loop.getCondition();
  const init = loop.getInitializer();
  if (!cond || !Node.isBinaryExpression(cond) || !init) return undefined;
  const counter = unwrap(cond.getLeft());
  if (!Node.isIdentifier(counter)) return undefined;
  const name = counter.getText();
  const start = Node.isVariableDeclarationList(init)
    ? init.getDeclarations().find((d) => d.getName() === name)?.getInitializer()
    : Node.isBinaryExpression(init) && init.getOperatorToken().getKind() === SyntaxKind.EqualsToken && unwrap(init.getLeft()).getText() === name
      ? init.getRight()
      : undefined;
  const from = constantNumber(start);
  const to = constantNumber(cond.getRight());
  const step = stepOf(loop.getIncrementor(), name);
  if (from === undefined || to === undefined || step === undefined) return undefined;
  const span = spanOf(cond.getOperatorToken().getKind(), from, to, step);
  return span === undefined ? undefined : Math.max(0, Math.ceil(span / Math.abs(step)));
}

/** The distance the counter covers, when the comparison and the step go the same way. */
function spanOf(op: SyntaxKind, from: number, to: number, step: number): number | undefined {
  if (step > 0 && op === SyntaxKind.LessThanToken) return to - from;
  if (step > 0 && op === SyntaxKind.LessThanEqualsToken) return to - from + 1;
  if (step < 0 && op === SyntaxKind.GreaterThanToken) return from - to;
  if (step < 0 && op === SyntaxKind.GreaterThanEqualsToken) return from - to + 1;
  return undefined;
}

/** `i++` 1, `i--` -1, `i += 2` 2, `i -= 2` -2; anything else undefined. */
function stepOf(inc: Node | undefined, name: string): number | undefined {
  if (!inc) return undefined;
  const u = unwrap(inc);
  if ((Node.isPostfixUnaryExpression(u) || Node.isPrefixUnaryExpression(u)) && unwrap(u.getOperand()).getText() === name) {
    const op = u.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken ? 1 : op === SyntaxKind.MinusMinusToken ? -1 : undefined;
  }
  if (!Node.isBinaryExpression(u) || unwrap(u.getLeft()).getText() !== name) return undefined;
  const by = constantNumber(u.getRight());
  if (by === undefined || by === 0) return undefined;
  const op = u.getOperatorToken().getKind();
  return op === SyntaxKind.PlusEqualsToken ? by : op === SyntaxKind.MinusEqualsToken ? -by : undefined;
}

/** When `fn` is the callback of a per-item method or helper: the method name and the collection. */
function perItemCall(fn: Node): { method: string; collection?: Node } | undefined {
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call) || !call.getArguments().includes(fn)) return undefined;
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee) && PER_ITEM_METHODS.has(callee.getName()) && call.getArguments()[0] === fn) {
    return { method: callee.getName(), collection: callee.getExpression() };
  }
  const name = callee.getText().replace(/\s+/g, '');
  if (PER_ITEM_FUNCTIONS.test(name)) return { method: name, collection: call.getArguments()[0] };
  return undefined;
}

/**
 * Whether `expr` can change from one round of `it` to the next: it reads something declared
 * inside the loop (the loop variable, a callback parameter, a local), or it calls or awaits
 * something there. A value built only from outside the loop is the same every round.
 */
export function variesPerRound(expr: Node, it: Iteration): boolean {
  const scope = it.scope;
  const names = Node.isIdentifier(expr) ? [expr] : expr.getDescendantsOfKind(SyntaxKind.Identifier);
  for (const id of names) {
    const parent = id.getParent();
    // `obj.name`: the name is a property, only the object is a read.
    if (parent && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
    if (parent && Node.isPropertyAssignment(parent) && parent.getNameNode() === id) continue;
    for (const decl of declarationsOf(id)) if (within(decl, scope)) return true;
  }
  return false;
}

export function within(node: Node, scope: Node): boolean {
  return node.getSourceFile() === scope.getSourceFile() && node.getPos() >= scope.getPos() && node.getEnd() <= scope.getEnd();
}
