import ts from 'typescript';
import type { SourceText } from './architecture.js';

/**
 * Issue #10's size limits as data, and the measure: a source file's lines, and the lines of each
 * rule's `check()` (the body of the `check` member of the object passed to `defineRule`), read
 * from the TypeScript syntax tree so a comment or a string that says `check(` does not count.
 */

export const MAX_FILE_LINES = 400;
export const MAX_CHECK_LINES = 60;

export interface Oversize {
  /** `path` for a file, `path check()` for a rule's check: the key of KNOWN_OVERSIZE. */
  key: string;
  lines: number;
  limit: number;
}

/**
 * Files and checks over the limit that the code still has, each with the change that removes it.
 * The list may only shrink: a new oversize file or check fails the test, and so does an entry
 * here that is no longer over.
 */
export const KNOWN_OVERSIZE: Readonly<Record<string, string>> = {
};

/** Lines of a text as an editor counts them: a final newline does not start another line. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function isDefineRule(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (ts.isIdentifier(callee) && callee.text === 'defineRule') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'defineRule');
}

/** The function a `check` member names: written in place, or a function or const of the same file. */
function checkBody(member: ts.ObjectLiteralElementLike, source: ts.SourceFile): ts.Node | undefined {
  if (ts.isMethodDeclaration(member)) return member.body;
  let value: ts.Expression | undefined;
  if (ts.isPropertyAssignment(member)) value = member.initializer;
  else if (ts.isShorthandPropertyAssignment(member)) value = member.name;
  if (!value) return undefined;
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value.body;
  if (!ts.isIdentifier(value)) return undefined;
  const name = value.text;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionDeclaration(node) && node.name?.text === name) found = node.body;
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) found = node.initializer.body;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The line span of every rule `check()` in a file: from the line of its opening brace to that of its closing one. */
export function checkSpans(file: SourceText): number[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, file.path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const spans: number[] = [];
  const visit = (node: ts.Node): void => {
    if (isDefineRule(node)) {
      const options = node.arguments[0];
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const member of options.properties) {
          if (ts.isSpreadAssignment(member) || !ts.isIdentifier(member.name) || member.name.text !== 'check') continue;
          const body = checkBody(member, source);
          if (!body) continue;
          const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
          spans.push(line(body.getEnd()) - line(body.getStart(source)) + 1);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

/** Every file over MAX_FILE_LINES and every rule check() over MAX_CHECK_LINES, sorted by key. */
export function oversize(files: readonly SourceText[], maxFile = MAX_FILE_LINES, maxCheck = MAX_CHECK_LINES): Oversize[] {
  const out: Oversize[] = [];
  for (const file of files) {
    const lines = lineCount(file.text);
    if (lines > maxFile) out.push({ key: file.path, lines, limit: maxFile });
    const longest = Math.max(0, ...checkSpans(file));
    if (longest > maxCheck) out.push({ key: `${file.path} check()`, lines: longest, limit: maxCheck });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
