import type { Node } from 'ts-morph';
import { Node as N, SyntaxKind } from '../morph.js';
import { isFunction, unwrap } from './ast.js';

/**
 * The guards on the path from a node up to an enclosing function: `if` branches, `?:` arms, the
 * right side of `&&` / `||`, `switch` cases (with empty cases falling through, and `default` as
 * "none of the labels"), and early `if (x) return;` exits earlier in an enclosing block. A guard is a
 * condition and whether it holds on the path; the caller evaluates it (see constant-eval.ts).
 */

export type Guard = { cond: Node; holds: boolean } | { caseOf: Node; labels: Node[]; isDefault: boolean };

/** Whether a statement never falls through; `exits` names further statements that end the handler (a 403 sent). */
function terminates(stmt: Node | undefined, exits?: (stmt: Node) => boolean): boolean {
  if (!stmt) return false;
  if (N.isReturnStatement(stmt) || N.isThrowStatement(stmt) || exits?.(stmt) === true) return true;
  if (N.isBlock(stmt)) {
    const last = stmt.getStatements().at(-1);
    return terminates(last, exits);
  }
  if (N.isIfStatement(stmt)) return terminates(stmt.getThenStatement(), exits) && terminates(stmt.getElseStatement(), exits);
  return false;
}

/**
 * Whether `site` is reached around `node`: `node` is, or sits in the branch of, an `if` with no
 * `else` that `site` follows rather than sits in, and that branch can fall through to it.
 * `if (channel.startsWith('private-user-')) { if (id !== me) return 403 }` and then signing checks
 * one family of names and lets every other name through.
 */
export function reachedAround(node: Node, site: Node, fn: Node, exits?: (stmt: Node) => boolean): boolean {
  const skips = (s: Node): boolean => N.isIfStatement(s) && !s.getElseStatement() && !s.containsRange(site.getPos(), site.getEnd()) && !terminates(s.getThenStatement(), exits);
  if (skips(node)) return true;
  for (let cur = node, parent = node.getParent(); parent && cur !== fn; cur = parent, parent = parent.getParent()) {
    if (N.isIfStatement(parent) && cur === parent.getThenStatement() && skips(parent)) return true;
  }
  return false;
}

/** The conditions under which `site` runs, from `site` up to `fn` (the enclosing handler). */
export function pathGuards(site: Node, fn: Node): Guard[] {
  const guards: Guard[] = [];
  let cur: Node = site;
  while (cur !== fn) {
    const parent = cur.getParent();
    if (!parent) break;
    if (N.isIfStatement(parent) && cur !== parent.getExpression()) {
      guards.push({ cond: parent.getExpression(), holds: cur === parent.getThenStatement() });
    } else if (N.isConditionalExpression(parent) && cur !== parent.getCondition()) {
      guards.push({ cond: parent.getCondition(), holds: cur === parent.getWhenTrue() });
    } else if (N.isBinaryExpression(parent) && cur === parent.getRight()) {
      const op = parent.getOperatorToken().getKind();
      if (op === SyntaxKind.AmpersandAmpersandToken) guards.push({ cond: parent.getLeft(), holds: true });
      if (op === SyntaxKind.BarBarToken) guards.push({ cond: parent.getLeft(), holds: false });
    } else if ((N.isCaseClause(parent) || N.isDefaultClause(parent)) && cur !== (N.isCaseClause(parent) ? parent.getExpression() : undefined)) {
      const block = parent.getParent();
      const sw = block?.getParent();
      if (sw && N.isSwitchStatement(sw)) {
        const clauses = sw.getClauses();
        const labels: Node[] = [];
        if (N.isDefaultClause(parent)) {
          for (const c of clauses) if (N.isCaseClause(c)) labels.push(c.getExpression());
        } else {
          // Empty clauses above fall through into this one.
          const i = clauses.indexOf(parent);
          labels.push(parent.getExpression());
          for (let j = i - 1; j >= 0; j--) {
            const c = clauses[j]!;
            if (!N.isCaseClause(c) || c.getStatements().length > 0) break;
            labels.push(c.getExpression());
          }
        }
        guards.push({ caseOf: sw.getExpression(), labels, isDefault: N.isDefaultClause(parent) });
      }
    }
    if (N.isBlock(parent) || N.isSourceFile(parent) || N.isCaseClause(parent) || N.isDefaultClause(parent)) {
      // `if (fatal) return;` earlier in the same block.
      for (const stmt of parent.getStatements()) {
        if (stmt === cur) break;
        if (N.isIfStatement(stmt)) {
          if (terminates(stmt.getThenStatement()) && !stmt.getElseStatement()) guards.push({ cond: stmt.getExpression(), holds: false });
          else if (terminates(stmt.getElseStatement()) && !terminates(stmt.getThenStatement())) guards.push({ cond: stmt.getExpression(), holds: true });
        }
      }
    }
    cur = parent;
  }
  return guards;
}

/** `a && (b && c)` as its conjuncts' texts, spaces dropped. */
function conjuncts(cond: Node, out: string[] = []): string[] {
  const c = unwrap(cond);
  if (N.isBinaryExpression(c) && c.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken) {
    conjuncts(c.getLeft(), out);
    conjuncts(c.getRight(), out);
  } else out.push(c.getText().replace(/\s+/g, ''));
  return out;
}

/** Whether `!name` is one of the `||` alternatives of `cond` (`if (!name || !age) return`). */
function refusesEmpty(cond: Node, name: string): boolean {
  const c = unwrap(cond);
  if (N.isBinaryExpression(c) && c.getOperatorToken().getKind() === SyntaxKind.BarBarToken) return refusesEmpty(c.getLeft(), name) || refusesEmpty(c.getRight(), name);
  return N.isPrefixUnaryExpression(c) && c.getOperatorToken() === SyntaxKind.ExclamationToken && c.getOperand().getText() === name;
}

/**
 * Whether the variable `id` cannot be empty at `site`: an earlier `if (!id …) return/throw` in the
 * same function refused the empty case, on a path `site` also takes (the guard's own conditions,
 * `if (role === 'doctor')`, are among those `site` runs under), and nothing assigns `id` again.
 * Then `id || fallback` never reaches its fallback.
 */
export function guaranteedTruthy(id: Node, site: Node, fn: Node): boolean {
  if (!N.isIdentifier(id)) return false;
  const name = id.getText();
  const refusals = fn.getDescendantsOfKind(SyntaxKind.IfStatement).filter(
    (stmt) => stmt.getEnd() <= site.getStart() && !stmt.getElseStatement() && refusesEmpty(stmt.getExpression(), name) && terminates(stmt.getThenStatement()) && stmt.getFirstAncestor((a) => isFunction(a)) === fn,
  );
  // Most `||` have no such guard before them: the walks below are for those that do.
  if (refusals.length === 0) return false;
  const reassigned = fn.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => b.getOperatorToken().getKind() === SyntaxKind.EqualsToken && b.getLeft().getText() === name);
  if (reassigned) return false;
  const onSite = pathGuards(site, fn);
  const siteHolds = new Set(onSite.flatMap((g) => ('cond' in g && g.holds ? conjuncts(g.cond) : [])));
  // Every condition the guard runs under is one the site runs under too.
  return refusals.some((stmt) =>
    pathGuards(stmt, fn).every((g) => 'cond' in g && (onSite.some((s) => 'cond' in s && s.cond === g.cond && s.holds === g.holds) || (g.holds && conjuncts(g.cond).every((c) => siteHolds.has(c))))),
  );
}
