import { normalizeCode } from '../engine/findings.js';

/**
 * Which findings of one run are the same as findings of an earlier run (a baseline, a base
 * commit's result). First by fingerprint, which already ignores line numbers and whitespace; then,
 * for what is left, by rule and flagged code alone, so a finding whose code moved to another file
 * (or whose file was renamed) is not new either. Counts are kept: two identical findings where
 * there was one make one new finding, the ratchet ESLint's bulk suppressions use.
 */

export interface Comparable {
  ruleId: string;
  file: string;
  snippet: string;
  fingerprint: string;
}

export interface Match<P, C> {
  /** Current findings that were there before. */
  known: C[];
  /** Current findings that were not. */
  added: C[];
  /** Earlier findings that no longer occur. */
  gone: P[];
}

const codeKey = (f: Comparable): string => JSON.stringify([f.ruleId, normalizeCode(f.snippet)]);

export function matchFindings<P extends Comparable, C extends Comparable>(previous: readonly P[], current: readonly C[]): Match<P, C> {
  const byFingerprint = new Map<string, P[]>();
  for (const p of previous) byFingerprint.set(p.fingerprint, [...(byFingerprint.get(p.fingerprint) ?? []), p]);
  const known: C[] = [];
  const unmatched: C[] = [];
  for (const c of current) {
    const same = byFingerprint.get(c.fingerprint);
    if (same !== undefined && same.length > 0) {
      same.shift();
      known.push(c);
    } else unmatched.push(c);
  }
  const left = [...byFingerprint.values()].flat();
  const byCode = new Map<string, P[]>();
  for (const p of left) byCode.set(codeKey(p), [...(byCode.get(codeKey(p)) ?? []), p]);
  const added: C[] = [];
  for (const c of unmatched) {
    const same = byCode.get(codeKey(c));
    if (same !== undefined && same.length > 0) {
      same.shift();
      known.push(c);
    } else added.push(c);
  }
  const gone = previous.filter((p) => byCode.get(codeKey(p))?.includes(p) ?? false);
  return { known, added, gone };
}
