import type { ts as TS } from 'ts-morph';
import { ts } from '../morph.js';
import { extractScripts } from '../discovery/extract.js';
import type { DiscoveredFile, ScriptLang } from '../discovery/types.js';
import { compareFindings, finalizeFindings, snippetOf, type DraftFinding } from './findings.js';
import type { Finding } from './types.js';
import { yaml } from '../yaml.js';

/**
 * Inline suppression: `pusher-advisor-disable-next-line <id>[, <id>…] -- <reason>` on the line
 * before a finding, or `pusher-advisor-disable-line <ids> -- <reason>` on its line, in whatever
 * comment syntax the file uses. A reason is required, so every suppression documents itself; a
 * directive without one suppresses nothing. Directives that name unknown rules, lack a reason or
 * suppress nothing become findings themselves, so stale suppressions do not pile up.
 */

export const INVALID_DIRECTIVE = 'pusher-advisor/invalid-directive';
export const UNUSED_DIRECTIVE = 'pusher-advisor/unused-directive';

/** The checks of directives themselves, described like rules for reports that list every rule (SARIF). */
export const DIRECTIVE_CHECKS = [
  {
    id: INVALID_DIRECTIVE,
    title: 'Suppression directives must name known rules and give a reason',
    description:
      'A pusher-advisor-disable-line or -next-line directive without a "-- reason", or naming a rule that does not exist, suppresses nothing: every suppression has to say why the finding is safe.',
    category: 'maintainability',
    severity: 'low',
  },
  {
    id: UNUSED_DIRECTIVE,
    title: 'Suppression directives that suppress nothing should be removed',
    description: 'A directive whose rule ran but reported nothing on its line is stale; removing it keeps the suppressions that remain meaningful.',
    category: 'maintainability',
    severity: 'info',
  },
] as const;

export interface Directive {
  file: string;
  /** 1-based line and column of the comment opener. */
  line: number;
  column: number;
  kind: 'next-line' | 'line';
  /** The line whose findings it suppresses. */
  targetLine: number;
  /** Rule ids as written, with any `pusher-advisor/` prefix removed. */
  ruleIds: string[];
  /** Null when the `-- reason` part is missing or empty. */
  reason: string | null;
  /** The directive's own text, for snippets and fingerprints. */
  text: string;
}

/** SARIF's `suppressions[]` shape, so a SARIF reporter can copy it as is. */
export interface Suppression {
  kind: 'inSource';
  justification: string;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

export interface SuppressionResult {
  /** Findings left after suppression, plus the directive findings, sorted. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

export interface SuppressionOptions {
  /** Every rule id the tool knows (registry), even if not run: naming one is not an error. */
  knownRuleIds: ReadonlySet<string>;
  /** Rules that ran: only for these can a directive be judged unused. */
  activeRuleIds: ReadonlySet<string>;
}

const KEYWORD = /^\s*pusher-advisor-disable-(next-line|line)(?=\s|$)([\s\S]*)$/;

/** A comment in a file: its body without delimiters, where it starts and on which line it ends. */
interface Comment {
  body: string;
  /** The comment as written, delimiters included. */
  raw: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
}

/**
 * Directives in one file. Only real comments count, so the keyword inside a string, a template
 * literal or JSX text (`'// pusher-advisor-disable-line …'`) suppresses nothing.
 */
export function parseDirectives(file: DiscoveredFile): Directive[] {
  if (file.kind === 'json' || !file.text.includes(DIRECTIVE_PREFIX)) return [];
  const comments = file.kind === 'env' ? envComments(file.text) : file.kind === 'yaml' ? yamlComments(file.text) : markupAndScriptComments(file);
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = KEYWORD.exec(comment.body);
    if (!match) continue;
    const kind = match[1] === 'next-line' ? 'next-line' : 'line';
    const body = match[2] ?? '';
    const separator = body.search(/(^|\s)--(\s|$)/);
    const idsPart = separator === -1 ? body : body.slice(0, separator);
    const reasonPart = separator === -1 ? '' : body.slice(separator).replace(/^\s*--/, '').replace(/\s+/g, ' ').trim();
    directives.push({
      file: file.path,
      line: comment.line,
      column: comment.column,
      kind,
      // A block comment spanning lines suppresses the line after its end, where the code is.
      targetLine: kind === 'next-line' ? comment.endLine + 1 : comment.line,
      ruleIds: idsPart
        .split(/[\s,]+/)
        .filter((id) => id !== '')
        .map((id) => id.replace(/^pusher-advisor\//, '')),
      reason: reasonPart === '' ? null : reasonPart,
      text: comment.raw.replace(/\s+/g, ' ').trim(),
    });
  }
  return directives;
}

/**
 * dotenv comments: a `#` at the start of a line or after whitespace, outside a quoted value
 * (`SECRET="a #b"` holds `a #b`, as dotenv reads it).
 */
function envComments(text: string): Comment[] {
  const comments: Comment[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, i) => {
    const quoted = /^\s*(?:export\s+)?[\w.-]+\s*=\s*(["'`])/.exec(lineText);
    const closing = quoted ? lineText.indexOf(quoted[1]!, quoted[0].length) : -1;
    const from = quoted ? (closing === -1 ? lineText.length : closing + 1) : 0;
    const at = lineText.slice(from).search(/(^|\s)#/);
    if (at === -1) return;
    const hash = lineText.indexOf('#', from + at);
    comments.push({ body: lineText.slice(hash + 1), raw: lineText.slice(hash), line: i + 1, column: hash + 1, endLine: i + 1 });
  });
  return comments;
}

/**
 * YAML comments as the `yaml` library's concrete syntax tree finds them, so a `#` inside a quoted
 * or multi-line scalar is not one. The CST parser never throws: a broken file still yields the
 * comments it could read.
 */
function yamlComments(text: string): Comment[] {
  const lineStarts = lineStartsOf(text);
  const comments: Comment[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      const { line, column } = positionOf(lineStarts, token.offset);
      comments.push({ body: token.source.slice(1), raw: token.source, line, column, endLine: line });
      return;
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'source') walk(child);
  };
  const { Parser } = yaml();
  for (const token of new Parser().parse(text)) walk(token);
  return comments.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Comments of every script block (parsed, not pattern-matched) plus HTML comments outside them. */
function markupAndScriptComments(file: DiscoveredFile): Comment[] {
  const lineStarts = lineStartsOf(file.text);
  const position = (offset: number) => positionOf(lineStarts, offset);
  const comments: Comment[] = [];
  const scriptRanges: Array<[number, number]> = [];
  for (const block of extractScripts(file.path, file.text).blocks) {
    const base = lineStarts[block.startLine - 1]! + block.startColumn - 1;
    scriptRanges.push([base, base + block.code.length]);
    for (const range of scriptComments(block.code, block.lang)) {
      const start = position(base + range.pos);
      const end = position(base + range.end);
      const raw = block.code.slice(range.pos, range.end);
      // A JSDoc-style block keeps its directive after the `*` that starts each line.
      const body = range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2).replace(/^[ \t]*\*(?!\/)/gm, '');
      comments.push({ body, raw, line: start.line, column: start.column, endLine: end.line });
    }
  }
  if (file.kind !== 'source') {
    for (const match of file.text.matchAll(/<!--([\s\S]*?)-->/g)) {
      if (scriptRanges.some(([from, to]) => match.index >= from && match.index < to)) continue;
      const start = position(match.index);
      const end = position(match.index + match[0].length);
      comments.push({ body: match[1] ?? '', raw: match[0], line: start.line, column: start.column, endLine: end.line });
    }
  }
  return comments.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** 1-based line and column of an offset, by binary search over the line starts. */
function positionOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

/**
 * Every comment in a script, found as the compiler finds trivia: the leading and trailing comment
 * ranges around each token, skipping JSX text (where `//` is text). ts-api-utils' forEachComment
 * does the same but needs its own `typescript` at run time; this uses the compiler ts-morph bundles.
 */
function scriptComments(code: string, lang: ScriptLang): TS.CommentRange[] {
  const kind = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX }[lang];
  const sourceFile = ts.createSourceFile('directives', code, ts.ScriptTarget.Latest, true, kind);
  const found = new Map<number, TS.CommentRange>();
  const collect = (pos: number, end: number, commentKind: TS.CommentKind): void => {
    if (!found.has(pos)) found.set(pos, { pos, end, kind: commentKind });
  };
  const visit = (node: TS.Node): void => {
    const children = node.getChildren(sourceFile);
    if (children.length > 0 || node.kind === ts.SyntaxKind.SourceFile) {
      for (const child of children) visit(child);
      return;
    }
    if (node.pos === node.end || node.kind === ts.SyntaxKind.JsxText) return;
    ts.forEachLeadingCommentRange(code, node.pos, collect);
    if (!endsJsxTag(node)) ts.forEachTrailingCommentRange(code, node.end, collect);
  };
  visit(sourceFile);
  return [...found.values()];
}

/** After a JSX child's `>` or `}` comes JSX text, where `//` is not a comment. */
function endsJsxTag(token: TS.Node): boolean {
  const isChild = (node: TS.Node): boolean => ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent);
  const parent = token.parent;
  if (token.kind === ts.SyntaxKind.CloseBraceToken) return ts.isJsxExpression(parent) && isChild(parent);
  if (token.kind !== ts.SyntaxKind.GreaterThanToken) return false;
  if (ts.isJsxOpeningElement(parent) || ts.isJsxOpeningFragment(parent)) return true;
  if (ts.isJsxClosingElement(parent) || ts.isJsxClosingFragment(parent)) return isChild(parent.parent);
  return ts.isJsxSelfClosingElement(parent) && isChild(parent);
}

function directiveFinding(d: Directive, ruleId: string, severity: Finding['severity'], message: string, about: string): DraftFinding {
  return {
    ruleId,
    messageId: ruleId === INVALID_DIRECTIVE ? 'invalidDirective' : 'unusedDirective',
    severity,
    category: 'maintainability',
    message,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.line,
    endColumn: d.column + d.text.length,
    snippet: snippetOf(d.text),
    // The directive and the rule it is about identify it; its line number does not.
    fingerprintText: `${d.text} ${about}`,
  };
}

/**
 * Applies directives to findings. A finding is suppressed when a valid directive in its file
 * names its rule and targets its first line. Returns the remaining findings (with directive
 * problems added) and the suppressed ones, each carrying the directive's reason.
 */
/** What every directive starts with: a file without it suppresses nothing. */
export const DIRECTIVE_PREFIX = 'pusher-advisor-disable-';

export function applySuppressions(
  files: readonly DiscoveredFile[],
  findings: readonly Finding[],
  options: SuppressionOptions,
): SuppressionResult {
  const directivesByFile = new Map<string, Directive[]>();
  for (const file of files) {
    const found = parseDirectives(file);
    if (found.length > 0) directivesByFile.set(file.path, found);
  }
  if (directivesByFile.size === 0) return { findings: [...findings], suppressed: [] };

  const problems: DraftFinding[] = [];
  /** `file:targetLine:ruleId` → the first valid directive entry for an active rule. */
  const active = new Map<string, { directive: Directive; ruleId: string; reason: string; used: boolean }>();
  for (const directives of directivesByFile.values()) {
    for (const d of directives) {
      if (d.ruleIds.length === 0) {
        problems.push(directiveFinding(d, INVALID_DIRECTIVE, 'low', `Suppression directive names no rule; write "pusher-advisor-disable-${d.kind} <rule-id> -- <reason>".`, ''));
        continue;
      }
      if (d.reason === null) {
        problems.push(directiveFinding(d, INVALID_DIRECTIVE, 'low', `Suppression directive for ${d.ruleIds.join(', ')} has no reason, so it suppresses nothing; add "-- <why this is safe>".`, ''));
        continue;
      }
      for (const ruleId of d.ruleIds) {
        if (!options.knownRuleIds.has(ruleId)) {
          problems.push(directiveFinding(d, INVALID_DIRECTIVE, 'low', `Suppression directive names unknown rule "${ruleId}"; run "pusher-advisor rules" for the ids.`, ruleId));
        } else if (options.activeRuleIds.has(ruleId)) {
          const key = `${d.file}:${d.targetLine}:${ruleId}`;
          if (!active.has(key)) active.set(key, { directive: d, ruleId, reason: d.reason, used: false });
        }
      }
    }
  }

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const entry = active.get(`${finding.file}:${finding.line}:${finding.ruleId}`);
    if (entry) {
      entry.used = true;
      suppressed.push({ ...finding, suppression: { kind: 'inSource', justification: entry.reason } });
    } else {
      kept.push(finding);
    }
  }
  for (const { directive, ruleId, used } of active.values()) {
    if (!used) {
      problems.push(directiveFinding(directive, UNUSED_DIRECTIVE, 'info', `Suppression directive for ${ruleId} matched no finding; remove it.`, ruleId));
    }
  }
  return { findings: [...kept, ...finalizeFindings(problems)].sort(compareFindings), suppressed };
}
