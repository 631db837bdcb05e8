import { SEVERITY_RANK, SEVERITIES, type Severity } from '../engine/types.js';

/** CI policy: which exit code a set of findings earns. 1 fails the build; 2 is left to the CLI (errors). */

export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface GatePolicy {
  /** Fail when a finding is at least this severe. */
  failOn: FailOn;
  /** Fail when there are more findings than this (ESLint's `--max-warnings`), whatever their severity. */
  maxFindings?: number;
}

export interface GateVerdict {
  exitCode: 0 | 1;
  /** Why it failed, for the one line the CLI prints; empty when it passed. */
  reasons: string[];
}

export function gateVerdict(findings: readonly { severity: Severity }[], policy: GatePolicy): GateVerdict {
  const reasons: string[] = [];
  if (policy.failOn !== 'none') {
    const threshold = SEVERITY_RANK[policy.failOn];
    const over = findings.filter((f) => SEVERITY_RANK[f.severity] >= threshold).length;
    if (over > 0) reasons.push(`${over} finding${over === 1 ? '' : 's'} at or above ${policy.failOn}`);
  }
  if (policy.maxFindings !== undefined && findings.length > policy.maxFindings) reasons.push(`${findings.length} findings, more than --max-findings ${policy.maxFindings}`);
  return { exitCode: reasons.length > 0 ? 1 : 0, reasons };
}
