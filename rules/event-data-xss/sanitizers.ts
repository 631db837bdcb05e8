import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { functionOf, returnedExpression, unwrap, type FunctionLike } from '../../src/analysis/ast.js';

/** What ends the flow of event data into markup: sanitizer calls, number conversions and what is built only from them. */

const BUILT_IN_SANITIZERS = ['sanitize', 'sanitizeHtml', 'purify', 'escape', 'escapeHtml', 'escapeHTML', 'htmlEscape', 'encode', 'encodeHTML', 'encodeURIComponent', 'encodeURI', 'filterXSS', 'xss', 'stripTags', 'striptags', 'textToHtml', 'he.encode', 'he.escape', 'validator.escape', '_.escape', 'lodash.escape'];

/** Matches a callee whose last name (or whole dotted text) is a sanitizer. */
export function sanitizerPattern(extra: readonly string[]): RegExp {
  const names = [...BUILT_IN_SANITIZERS, ...extra].map((n) => n.replace(/[.$]/g, (c) => `\\${c}`));
  return new RegExp(`(^|\\.)(${names.join('|')})$`, 'i');
}

/** Calls whose result is a number, a boolean or a date: no markup can come out of them. */
const SAFE_CALL = /(^|\.)(Number|parseInt|parseFloat|Boolean|Math\.\w+|isNaN|isFinite|toFixed|getTime|valueOf|indexOf|includes|startsWith|endsWith|test|has|some|every|findIndex)$/;

export function calleeText(call: CallExpression): string {
  return unwrap(call.getExpression()).getText().replace(/\s+/g, '').replace(/\?\./g, '.');
}

export class Sanitizers {
  constructor(private readonly sanitizer: RegExp) {}

  /** A sanitizer or number conversion, or a helper whose result is one (`const clean = (h) => DOMPurify.sanitize(h)`). */
  sanitizes(call: CallExpression, depth = 0): boolean {
    const callee = calleeText(call);
    if (this.sanitizer.test(callee) || SAFE_CALL.test(callee)) return true;
    if (depth > 0) return false;
    const fn = functionOf(unwrap(call.getExpression()));
    const returned = fn ? returnedExpression(fn) : undefined;
    const inner = returned ? unwrap(returned) : undefined;
    return inner !== undefined && Node.isCallExpression(inner) && this.sanitizes(inner, depth + 1);
  }

  /**
   * `data.items.map((i) => `<li>${DOMPurify.sanitize(i.html)}</li>`)`: each element is what the
   * callback returns, so when that is built only from literals and sanitizer calls the array holds
   * no raw data, whatever the items were.
   */
  mapsToSanitized(call: CallExpression): boolean {
    const callee = unwrap(call.getExpression());
    const fn = call.getArguments()[0] ? unwrap(call.getArguments()[0]!) : undefined;
    if (!Node.isPropertyAccessExpression(callee) || !/^(map|flatMap)$/.test(callee.getName()) || !fn || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return false;
    const returned = returnedExpression(fn);
    return returned !== undefined && this.builtFromSanitized(returned);
  }

  private builtFromSanitized(expr: Node): boolean {
    const n = unwrap(expr);
    if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return true;
    if (Node.isCallExpression(n)) return this.sanitizes(n);
    if (Node.isTemplateExpression(n)) return n.getTemplateSpans().every((span) => this.builtFromSanitized(span.getExpression()));
    if (Node.isBinaryExpression(n) && n.getOperatorToken().getKind() === SyntaxKind.PlusToken) return this.builtFromSanitized(n.getLeft()) && this.builtFromSanitized(n.getRight());
    return false;
  }

  /** Functions declared at the top of a script that return sanitized HTML: markup may call them. */
  sanitizingNames(file: SourceFile): Set<string> {
    const names = new Set<string>();
    const check = (name: string, fn: FunctionLike | undefined): void => {
      const returned = fn ? returnedExpression(fn) : undefined;
      const inner = returned ? unwrap(returned) : undefined;
      if (inner && Node.isCallExpression(inner) && this.sanitizes(inner, 1)) names.add(name);
    };
    for (const fn of file.getFunctions()) check(fn.getName() ?? '', fn);
    for (const statement of file.getVariableStatements()) {
      for (const decl of statement.getDeclarations()) {
        const init = decl.getInitializer();
        const u = init ? unwrap(init) : undefined;
        if (u && (Node.isArrowFunction(u) || Node.isFunctionExpression(u))) check(decl.getName(), u);
      }
    }
    names.delete('');
    return names;
  }
}
