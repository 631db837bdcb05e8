import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

/**
 * Turning what rules report into findings that are safe to print and stable to compare: snippets,
 * fingerprints, de-duplication and the one sort order every report uses (secrets are scrubbed with
 * src/core/redact.ts before a draft reaches these).
 * Shared by the rule runner and by suppression (whose directive findings go through the same steps).
 */

/** A finding before its fingerprint: `fingerprintText` is the flagged code, already scrubbed. */
export interface DraftFinding extends Omit<Finding, 'fingerprint'> {
  fingerprintText: string;
}

const SNIPPET_MAX = 200;

/** Lines of a file, split once per file however many findings it has. */
export class LineCache {
  private readonly lines = new Map<string, string[]>();
  constructor(private readonly textOf: (file: string) => string | undefined) {}

  line(file: string, line: number): string | undefined {
    let lines = this.lines.get(file);
    if (lines === undefined) {
      const text = this.textOf(file);
      if (text === undefined) return undefined;
      lines = text.split(/\r\n|\r|\n/);
      this.lines.set(file, lines);
    }
    return lines[line - 1];
  }

  /** The text between two 1-based positions (columns count UTF-16 units, as ts-morph's do). */
  slice(file: string, range: { line: number; column: number; endLine: number; endColumn: number }): string {
    const parts: string[] = [];
    for (let l = range.line; l <= range.endLine; l++) {
      const text = this.line(file, l) ?? '';
      const from = l === range.line ? range.column - 1 : 0;
      const to = l === range.endLine ? range.endColumn - 1 : text.length;
      parts.push(text.slice(from, to));
    }
    return parts.join('\n');
  }
}

export function snippetOf(line: string | undefined): string {
  const trimmed = (line ?? '').trim();
  return trimmed.length > SNIPPET_MAX ? `${trimmed.slice(0, SNIPPET_MAX - 1)}…` : trimmed;
}

/** Whitespace and line breaks do not change what code means, so they do not change a fingerprint. */
export function normalizeCode(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The report order: file, line, column, rule, message. Plain code-unit comparison, never locale. */
export function compareFindings(a: Omit<Finding, 'fingerprint'>, b: Omit<Finding, 'fingerprint'>): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn
  );
}

/**
 * De-duplicates (same rule, file, range and message: a rule that reached one node twice), sorts,
 * and fingerprints. The fingerprint hashes rule + file + normalised flagged code + the index of
 * this occurrence among identical (rule, file, code) triples in source order, so it survives lines
 * moving and two identical lines in one file still get distinct fingerprints.
 */
export function finalizeFindings(drafts: readonly DraftFinding[]): Finding[] {
  const seen = new Set<string>();
  const unique: DraftFinding[] = [];
  for (const d of drafts) {
    const key = JSON.stringify([d.ruleId, d.file, d.line, d.column, d.endLine, d.endColumn, d.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
  }
  unique.sort(compareFindings);
  const occurrences = new Map<string, number>();
  return unique.map(({ fingerprintText, ...finding }) => {
    const identity = JSON.stringify([finding.ruleId, finding.file, normalizeCode(fingerprintText)]);
    const index = occurrences.get(identity) ?? 0;
    occurrences.set(identity, index + 1);
    const fingerprint = createHash('sha256').update(`${identity}#${index}`).digest('hex').slice(0, 32);
    return { ...finding, fingerprint };
  });
}
