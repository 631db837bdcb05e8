import type { Node } from 'ts-morph';
import { Node as N, SyntaxKind } from '../../src/morph.js';
import { evaluate, UNKNOWN, type SymbolicValue } from '../../src/analysis/constant-eval.js';
import type { Guard } from '../../src/analysis/path-guards.js';
import { constInitializer, declarationsOf, unwrap } from '../../src/analysis/ast.js';

/** Close-code reasoning: which close codes a reconnect guarded by `guards` can still run for. */

/** `err.data.code`, `error.error.data.code`, `const { code } = err.data`, a `code` parameter (React Native `onError`). */
export function isCodeRef(input: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const node = unwrap(input);
  if (N.isPropertyAccessExpression(node)) return node.getName() === 'code';
  if (N.isElementAccessExpression(node)) return /^['"]code['"]$/.test(node.getArgumentExpression()?.getText() ?? '');
  if (N.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) return isCodeRef(node.getLeft(), depth + 1) || isCodeRef(node.getRight(), depth + 1);
  }
  if (N.isIdentifier(node)) {
    for (const decl of declarationsOf(node)) {
      if (N.isBindingElement(decl) && (decl.getPropertyNameNode()?.getText() ?? decl.getName()) === 'code') return true;
      if (N.isParameterDeclaration(decl) && /^(code|errorCode|closeCode)$/.test(decl.getName())) return true;
    }
    const init = constInitializer(node);
    if (init) return isCodeRef(init, depth + 1);
  }
  return false;
}

function closeCode(code: number): SymbolicValue {
  return { matches: (node) => isCodeRef(node), value: code };
}

export function possibleFor(guards: Guard[], code: number): boolean {
  const symbol = closeCode(code);
  for (const g of guards) {
    if ('cond' in g) {
      const v = evaluate(g.cond, symbol);
      // A close-code check we cannot evaluate (`isFatal(code)`) gets the benefit of the doubt.
      if (v === UNKNOWN && readsCloseCode(g.cond)) return false;
      if (v !== UNKNOWN && Boolean(v) !== g.holds) return false;
    } else {
      const subject = evaluate(g.caseOf, symbol);
      if (subject === UNKNOWN) continue;
      const values = g.labels.map((l) => evaluate(l, symbol));
      if (values.some((v) => v === UNKNOWN)) continue;
      const matches = values.includes(subject);
      if (g.isDefault ? matches : !matches) return false;
    }
  }
  return true;
}

export function readsCloseCode(node: Node): boolean {
  return [node, ...node.getDescendants()].some((d) => (N.isPropertyAccessExpression(d) || N.isIdentifier(d)) && !N.isPropertyAccessExpression(d.getParent()) && isCodeRef(d));
}

export function mentionsFailed(guards: Guard[]): boolean {
  return guards.some((g) => 'cond' in g && g.holds && /['"]failed['"]|['"]FAILED['"]/.test(g.cond.getText()));
}
