import type { DiscoveredFile, FileKind } from './discovery.js';
import { compareFindings, finalizeFindings, snippetOf, type DraftFinding } from './findings.js';
import type { Finding } from './types.js';

/**
 * Inline suppression: `pusher-advisor-disable-next-line <id>[, <id>…] -- <reason>` on the line
 * before a finding, or `pusher-advisor-disable-line <ids> -- <reason>` on its line, in whatever
 * comment syntax the file uses. A reason is required, so every suppression documents itself; a
 * directive without one suppresses nothing. Directives that name unknown rules, lack a reason or
 * suppress nothing become findings themselves, so stale suppressions do not pile up.
 */

export const INVALID_DIRECTIVE = 'pusher-advisor/invalid-directive';
export const UNUSED_DIRECTIVE = 'pusher-advisor/unused-directive';

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

/** Comment openers by file kind; `#` only where it starts a comment (env files, YAML). */
const OPENERS: Record<FileKind, string> = {
  source: String.raw`\/\/|\/\*`,
  component: String.raw`\/\/|\/\*|<!--`,
  html: String.raw`\/\/|\/\*|<!--`,
  env: '#',
  yaml: '#',
  json: '',
};
const KEYWORD = String.raw`pusher-advisor-disable-(next-line|line)(?=\s|$|\*\/|-->)`;
const PATTERNS = new Map(
  Object.entries(OPENERS)
    .filter(([, openers]) => openers !== '')
    .map(([kind, openers]) => [kind, new RegExp(`(${openers})\\s*${KEYWORD}(.*)$`)]),
);
/** What closes a comment at the end of the directive line. */
const CLOSER = /\s*(\*\/\s*\}?|-->)\s*$/;

/** Directives in one file, found line by line; the regex runs only on lines that name the keyword. */
export function parseDirectives(file: DiscoveredFile): Directive[] {
  const pattern = PATTERNS.get(file.kind);
  if (!pattern || !file.text.includes('pusher-advisor-disable-')) return [];
  const directives: Directive[] = [];
  file.text.split(/\r\n|\r|\n/).forEach((lineText, i) => {
    if (!lineText.includes('pusher-advisor-disable-')) return;
    const match = pattern.exec(lineText);
    if (!match) return;
    const kind = match[2] === 'next-line' ? 'next-line' : 'line';
    const body = (match[3] ?? '').replace(CLOSER, '');
    const separator = body.search(/(^|\s)--(\s|$)/);
    const idsPart = separator === -1 ? body : body.slice(0, separator);
    const reasonPart = separator === -1 ? '' : body.slice(separator).replace(/^\s*--/, '').trim();
    const line = i + 1;
    directives.push({
      file: file.path,
      line,
      column: match.index + 1,
      kind,
      targetLine: kind === 'next-line' ? line + 1 : line,
      ruleIds: idsPart
        .split(/[\s,]+/)
        .filter((id) => id !== '')
        .map((id) => id.replace(/^pusher-advisor\//, '')),
      reason: reasonPart === '' ? null : reasonPart,
      text: lineText.slice(match.index).replace(CLOSER, '').trim(),
    });
  });
  return directives;
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
