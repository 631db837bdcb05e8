import type { Node } from 'ts-morph';
import { Node as N, SyntaxKind } from '../morph.js';
import { constInitializer, unwrap } from './ast.js';

/**
 * Constant evaluation of conditions with one symbolic input: "would `if (code === 4004 || FATAL.has(code))`
 * hold if the close code were 4004?". Literals, `const` initialisers, `!`, `&&`, `||`, comparisons and
 * `[…].includes(x)` / `new Set([…]).has(x)` are evaluated; anything else is UNKNOWN, and callers decide
 * what an unknown means for them.
 */

export const UNKNOWN = Symbol('unknown');
export type Value = number | string | boolean | null | undefined | typeof UNKNOWN;

/** The one input the condition is evaluated for: nodes that read it, and the value to assume. */
export interface SymbolicValue {
  matches(node: Node): boolean;
  value: number | string;
}

export function evaluate(input: Node, symbol: SymbolicValue, depth = 0): Value {
  if (depth > 8) return UNKNOWN;
  const node = unwrap(input);
  if (symbol.matches(node)) return symbol.value;
  if (N.isNumericLiteral(node)) return node.getLiteralValue();
  if (N.isStringLiteral(node) || N.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralText();
  if (node.getKind() === SyntaxKind.TrueKeyword) return true;
  if (node.getKind() === SyntaxKind.FalseKeyword) return false;
  if (node.getKind() === SyntaxKind.NullKeyword) return null;
  if (N.isIdentifier(node)) {
    if (node.getText() === 'undefined') return undefined;
    const init = constInitializer(node);
    return init ? evaluate(init, symbol, depth + 1) : UNKNOWN;
  }
  if (N.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const v = evaluate(node.getOperand(), symbol, depth + 1);
    return v === UNKNOWN ? UNKNOWN : !v;
  }
  if (N.isCallExpression(node)) {
    // `[4004, 4009].includes(code)`, `FATAL_CODES.has(code)`
    const callee = unwrap(node.getExpression());
    const arg = node.getArguments()[0];
    if (!N.isPropertyAccessExpression(callee) || !arg || !['includes', 'has'].includes(callee.getName())) return UNKNOWN;
    const list = literalList(callee.getExpression());
    const v = evaluate(arg, symbol, depth + 1);
    return list && v !== UNKNOWN ? list.includes(v as number) : UNKNOWN;
  }
  if (N.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    const left = evaluate(node.getLeft(), symbol, depth + 1);
    if (op === SyntaxKind.AmpersandAmpersandToken) {
      if (left !== UNKNOWN && !left) return false;
      const right = evaluate(node.getRight(), symbol, depth + 1);
      if (right !== UNKNOWN && !right) return false;
      return left === UNKNOWN || right === UNKNOWN ? UNKNOWN : Boolean(right);
    }
    if (op === SyntaxKind.BarBarToken) {
      if (left !== UNKNOWN && left) return true;
      const right = evaluate(node.getRight(), symbol, depth + 1);
      if (right !== UNKNOWN && right) return true;
      return left === UNKNOWN || right === UNKNOWN ? UNKNOWN : false;
    }
    const right = evaluate(node.getRight(), symbol, depth + 1);
    if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
    switch (op) {
      case SyntaxKind.EqualsEqualsEqualsToken:
      case SyntaxKind.EqualsEqualsToken:
        return left === right;
      case SyntaxKind.ExclamationEqualsEqualsToken:
      case SyntaxKind.ExclamationEqualsToken:
        return left !== right;
      case SyntaxKind.LessThanToken:
        return (left as number) < (right as number);
      case SyntaxKind.LessThanEqualsToken:
        return (left as number) <= (right as number);
      case SyntaxKind.GreaterThanToken:
        return (left as number) > (right as number);
      case SyntaxKind.GreaterThanEqualsToken:
        return (left as number) >= (right as number);
      // `1000 / 30`, `60 * 1000`: intervals and limits are often written as arithmetic on constants.
      case SyntaxKind.PlusToken:
      case SyntaxKind.MinusToken:
      case SyntaxKind.AsteriskToken:
      case SyntaxKind.SlashToken:
        return typeof left === 'number' && typeof right === 'number' ? arithmetic(op, left, right) : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }
  return UNKNOWN;
}

function arithmetic(op: SyntaxKind, left: number, right: number): number {
  if (op === SyntaxKind.PlusToken) return left + right;
  if (op === SyntaxKind.MinusToken) return left - right;
  if (op === SyntaxKind.AsteriskToken) return left * right;
  return left / right;
}

const NO_INPUT: SymbolicValue = { matches: () => false, value: 0 };

/** The value of an expression with no symbolic input (`1000 / FPS` with `const FPS = 30`), or UNKNOWN. */
export function constantValue(input: Node): Value {
  return evaluate(input, NO_INPUT);
}

export function literalList(input: Node, depth = 0): Array<number | string> | undefined {
  if (depth > 4) return undefined;
  let node = unwrap(input);
  if (N.isIdentifier(node)) {
    const init = constInitializer(node);
    return init ? literalList(init, depth + 1) : undefined;
  }
  if (N.isNewExpression(node) && node.getExpression().getText() === 'Set' && node.getArguments()[0]) node = unwrap(node.getArguments()[0]!);
  if (!N.isArrayLiteralExpression(node)) return undefined;
  const out: Array<number | string> = [];
  for (const el of node.getElements()) {
    const e = unwrap(el);
    if (N.isNumericLiteral(e)) out.push(e.getLiteralValue());
    else if (N.isStringLiteral(e)) out.push(e.getLiteralText());
    else return undefined;
  }
  return out;
}
