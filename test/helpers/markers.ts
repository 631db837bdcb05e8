import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { OPTION_CASES } from './rule-options.js';

/**
 * Fixture markers, semgrep style: a comment line `ruleid: <id>` says the next code line must be
 * flagged by `<id>`, `ok: <id>` that it must not. `todoruleid:` / `todook:` record known gaps and
 * assert today's wrong behaviour (missed / flagged), so whoever fixes a gap has to promote the
 * marker. `ruleid: <id> @messageId` also checks which message fired. Markers may stack: each
 * applies to the next line that is not itself a marker.
 */

export type MarkerKind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

export interface Marker {
  file: string;
  /** Line of the marker comment. */
  line: number;
  /** The code line it is about. */
  target: number;
  kind: MarkerKind;
  ruleId: string;
  messageId?: string;
}

/** The parts of a finding the matcher needs. */
export interface MarkedFinding {
  ruleId: string;
  messageId?: string;
  file: string;
  line: number;
  column?: number;
  message?: string;
}

const MARKER = /^\s*(?:\/\/|\/\*|\{\/\*|#|<!--)\s*(todoruleid|todook|ruleid|ok):\s*([\w./-]+(?:\s*,\s*[\w./-]+)*)(?:\s+@(\w+))?\s*(?:\*\/\}?|-->)?\s*$/;

export function parseMarkers(file: string, text: string): Marker[] {
  const lines = text.split(/\r\n|\r|\n/);
  const markers: Marker[] = [];
  let pending: Array<Omit<Marker, 'target'>> = [];
  lines.forEach((lineText, i) => {
    const m = MARKER.exec(lineText);
    if (m) {
      for (const ruleId of m[2]!.split(',').map((s) => s.trim())) {
        pending.push({ file, line: i + 1, kind: m[1] as MarkerKind, ruleId, ...(m[3] !== undefined ? { messageId: m[3] } : {}) });
      }
      return;
    }
    for (const p of pending) markers.push({ ...p, target: i + 1 });
    pending = [];
  });
  // A marker at the end of a file points at nothing; report it rather than drop it silently.
  for (const p of pending) markers.push({ ...p, target: -1 });
  return markers;
}

/**
 * Markers of every text file under `dir`, with repo-relative POSIX paths like the scanner's.
 * `rule-options/` cases are left out: each is scanned on its own, with its options.
 */
export function markersInDir(dir: string): Marker[] {
  const out: Marker[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== OPTION_CASES) walk(abs);
      } else if (entry.isFile()) {
        const rel = relative(dir, abs).split(sep).join('/');
        out.push(...parseMarkers(rel, readFileSync(abs, 'utf8')));
      }
    }
  };
  walk(dir);
  return out;
}

export interface MatchResult {
  ruleId: string;
  /** `ruleid` markers with a matching finding. */
  truePositives: number;
  /** `ruleid` markers without one (plus `todoruleid`: known misses). */
  falseNegatives: number;
  /** Findings on lines not marked `ruleid` (plus `todook`: known false alarms). */
  falsePositives: number;
  /** Human-readable disagreements between markers and findings; empty when they agree. */
  mismatches: string[];
}

/**
 * Compares one rule's findings with the markers, both ways: every `ruleid` needs a finding on its
 * line, every `ok` forbids one, and every finding must sit on a line marked `ruleid` (or `todook`).
 * The counts give precision and recall; `mismatches` is what a failing test prints.
 */
export function matchMarkers(ruleId: string, markers: readonly Marker[], findings: readonly MarkedFinding[]): MatchResult {
  const mine = markers.filter((m) => m.ruleId === ruleId);
  const hits = findings.filter((f) => f.ruleId === ruleId);
  const at = (file: string, line: number) => hits.filter((f) => f.file === file && f.line === line);
  const mismatches: string[] = [];
  let truePositives = 0;
  let falseNegatives = 0;
  let falsePositives = 0;
  const expectedLines = new Set<string>();

  for (const m of mine) {
    const where = `${m.file}:${m.target}`;
    if (m.target === -1) {
      mismatches.push(`${m.file}:${m.line}: "${m.kind}: ${ruleId}" marker has no line after it`);
      continue;
    }
    const found = at(m.file, m.target);
    if (m.kind === 'ruleid') {
      expectedLines.add(where);
      const matching = m.messageId === undefined ? found : found.filter((f) => f.messageId === m.messageId);
      if (matching.length > 0) truePositives++;
      else {
        falseNegatives++;
        const detail = found.length > 0 ? ` (found ${found.map((f) => `@${f.messageId ?? '?'}`).join(', ')})` : '';
        mismatches.push(`${where}: expected ${ruleId}${m.messageId !== undefined ? ` @${m.messageId}` : ''}, got nothing${detail}`);
      }
      // One site, one finding: two passes reaching the same call must not both report it.
      const sites = new Map<string, number>();
      for (const f of found) {
        if (f.column === undefined) continue;
        const site = `@${f.messageId ?? '?'} at column ${f.column}`;
        sites.set(site, (sites.get(site) ?? 0) + 1);
      }
      for (const [site, n] of sites) {
        if (n === 1) continue;
        falsePositives += n - 1;
        mismatches.push(`${where}: ${ruleId} ${site} reported ${n} times`);
      }
    } else if (m.kind === 'todoruleid') {
      falseNegatives++;
      if (found.length > 0) mismatches.push(`${where}: todoruleid is now found; promote the marker to "ruleid"`);
      expectedLines.add(where);
    } else if (m.kind === 'todook') {
      expectedLines.add(where);
      if (found.length > 0) falsePositives += found.length;
      else mismatches.push(`${where}: todook is no longer flagged; promote the marker to "ok"`);
    }
    // `ok` lines are not expected lines, so a finding there is reported below with its message.
  }
  for (const f of hits) {
    if (expectedLines.has(`${f.file}:${f.line}`)) continue;
    falsePositives++;
    mismatches.push(`${f.file}:${f.line}: unexpected ${ruleId}${f.messageId !== undefined ? ` @${f.messageId}` : ''}${f.message !== undefined ? `: ${f.message}` : ''}`);
  }
  return { ruleId, truePositives, falseNegatives, falsePositives, mismatches };
}

export function precision(r: MatchResult): number {
  const flagged = r.truePositives + r.falsePositives;
  return flagged === 0 ? 1 : r.truePositives / flagged;
}

export function recall(r: MatchResult): number {
  const expected = r.truePositives + r.falseNegatives;
  return expected === 0 ? 1 : r.truePositives / expected;
}
