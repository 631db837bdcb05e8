import type { Node } from 'ts-morph';
import { Node as N, SyntaxKind } from '../../src/morph.js';
import { constInitializer, functionOf, isFunction, shortText, unwrap } from '../../src/analysis/ast.js';
import type { Scan } from './index.js';
import { siteText } from './handlers.js';
import { calleeText, contains, reconnectSites, resolveFunction, TIMERS } from './sites.js';

/** Timer loops that reconnect: whether the delay grows and whether attempts are capped. */

/** The delay grows when it is computed from a multiplication/power or from a variable the code increases. */
export function growingDelay(input: Node | undefined, depth = 0): boolean {
  if (!input || depth > 4) return false;
  const node = unwrap(input);
  const text = node.getText();
  if (/\*|<<|Math\.pow/.test(text)) return true;
  if (N.isIdentifier(node)) {
    if (mutatedUpwards(node)) return true;
    const init = constInitializer(node);
    return init ? growingDelay(init, depth + 1) : false;
  }
  if (N.isCallExpression(node)) {
    const fn = functionOf(unwrap(node.getExpression()));
    if (fn && /\*|<<|Math\.pow/.test(fn.getText())) return true;
    return node.getArguments().some((a) => growingDelay(a, depth + 1));
  }
  if (N.isBinaryExpression(node)) return growingDelay(node.getLeft(), depth + 1) || growingDelay(node.getRight(), depth + 1);
  return false;
}

function mutatedUpwards(id: Node): boolean {
  const name = id.getText();
  const sf = id.getSourceFile();
  return sf.getDescendants().some((d) => {
    if ((N.isPostfixUnaryExpression(d) || N.isPrefixUnaryExpression(d)) && d.getOperatorToken() === SyntaxKind.PlusPlusToken) {
      return memberName(d.getOperand()) === name;
    }
    if (N.isBinaryExpression(d) && memberName(d.getLeft()) === name) {
      const op = d.getOperatorToken().getKind();
      if (op === SyntaxKind.AsteriskEqualsToken || op === SyntaxKind.PlusEqualsToken || op === SyntaxKind.LessThanLessThanEqualsToken || op === SyntaxKind.AsteriskAsteriskEqualsToken) return true;
      if (op === SyntaxKind.EqualsToken && /\*|<<|Math\.pow/.test(d.getRight().getText())) return true;
    }
    return false;
  });
}

function memberName(node: Node): string {
  const n = unwrap(node);
  return N.isPropertyAccessExpression(n) ? n.getName() : n.getText();
}

/** An attempt cap: a comparison against a counter the code increments, or a name that says it counts attempts. */
export function hasCap(scopes: Node[]): boolean {
  const counters = new Set<string>();
  // A loop and its callback usually share a file: walk each file once.
  for (const sf of new Set(scopes.map((scope) => scope.getSourceFile()))) {
    for (const d of sf.getDescendants()) {
      if ((N.isPostfixUnaryExpression(d) || N.isPrefixUnaryExpression(d)) && d.getOperatorToken() === SyntaxKind.PlusPlusToken) counters.add(memberName(d.getOperand()));
      if (N.isBinaryExpression(d) && d.getOperatorToken().getKind() === SyntaxKind.PlusEqualsToken) counters.add(memberName(d.getLeft()));
    }
  }
  const relational = new Set([SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken]);
  return scopes.some((scope) =>
    scope.getDescendantsOfKind(SyntaxKind.BinaryExpression).some((b) => {
      if (!relational.has(b.getOperatorToken().getKind())) return false;
      return [b.getLeft(), b.getRight()].some((side) => {
        const name = memberName(side);
        return counters.has(name) || /attempt|retr(y|ies)|tries/i.test(name);
      });
    }),
  );
}

function enclosingFunction(node: Node): Node | undefined {
  return node.getFirstAncestor((a) => isFunction(a));
}

/** `setTimeout(…)` re-armed by the function it lives in: the callback calls that function again (or is it). */
export function isRecursive(timer: Node, callback: Node): Node | undefined {
  const outer = enclosingFunction(timer);
  if (!outer) return undefined;
  if (callback === outer) return outer;
  const calls = callback.getDescendantsOfKind(SyntaxKind.CallExpression);
  return calls.some((c) => functionOf(unwrap(c.getExpression())) === outer) ? outer : undefined;
}

/** `setInterval` / self-re-arming `setTimeout` loops that reconnect without a growing delay and an attempt cap. */
export function checkLoops(scan: Scan): void {
  const { ctx, sites, handlers } = scan;
  const inventory = ctx.model.inventory;
  const handlerFns = handlers.map((h) => h.fn);
  const files = new Set([...inventory.clients.map((c) => c.location.file), ...inventory.operations.filter((o) => o.kind === 'connect').map((o) => o.location.file)]);
  for (const file of [...files].sort()) {
    if (!ctx.appliesTo(file)) continue;
    ctx.forFile(file, () => {
      for (const script of ctx.model.project.scriptsOf(file)) {
        for (const timer of script.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
          const name = calleeText(timer);
          if (!TIMERS.test(name)) continue;
          // Inside a state handler the reconnect itself is the finding.
          if (handlerFns.some((fn) => contains(fn, timer))) continue;
          const callback = resolveFunction(timer.getArguments()[0]);
          if (!callback) continue;
          const found = reconnectSites(callback, sites, undefined);
          if (found.length === 0) continue;
          const interval = name.endsWith('setInterval');
          const loopFn = interval ? callback : isRecursive(timer, callback);
          if (!loopFn) continue;
          const delay = timer.getArguments()[1];
          const growing = !interval && growingDelay(delay);
          const capped = hasCap(interval ? [callback] : [loopFn, callback]);
          if (growing && capped) continue;
          const delayText = delay ? shortText(delay, 30) : '0';
          const how = !growing && !capped ? `every ${delayText} ms with no growing delay and no attempt limit` : !growing ? `every ${delayText} ms without a growing delay` : 'with a growing delay but no attempt limit';
          ctx.report({ node: timer, messageId: 'reconnectLoop', data: { timer: name.replace(/^(window|globalThis)\./, ''), call: siteText(found[0]!), how } });
        }
      }
    });
  }

}
