import { compareFindings } from '../engine/findings.js';
import { SEVERITIES, SEVERITY_RANK, type Severity } from '../engine/types.js';
import { UserError } from '../errors.js';
import type { ScanReport } from '../report/schema.js';
import { matchFindings } from './match.js';

/**
 * Two saved results → what a pull request changes: findings added and fixed (matched as the
 * baseline matches them, so moved code is neither), and, when both carry a cost report, the change
 * in modelled peak connections, messages a day, recommended plan and monthly cost (Infracost's
 * diff). Numbers only; the PR comment renders them.
 */

type Finding = ScanReport['findings'][number];

export interface CostPoint {
  peakConnections: number;
  messagesPerDay: number;
  planId: string | null;
  planName: string | null;
  /** Null when the recommended plan has no published price ("contact sales"). */
  monthlyUsd: number | null;
}

export interface CostDelta {
  base: CostPoint;
  head: CostPoint;
  /** Null when either side has no price. */
  monthlyUsdChange: number | null;
  /** Null when either side has no price, or the base costs nothing. */
  monthlyPctChange: number | null;
}

export interface ReportDelta {
  baseRoot: string;
  headRoot: string;
  added: Finding[];
  fixed: Finding[];
  unchanged: number;
  addedBySeverity: Record<Severity, number>;
  fixedBySeverity: Record<Severity, number>;
  /** Null unless both results carry a cost report. */
  cost: CostDelta | null;
}

/** Every finding a result saw, including those a gate held back: a comparison needs the whole picture. */
function allFindings(report: ScanReport): Finding[] {
  return [...report.findings, ...(report.gate?.unchanged ?? [])];
}

function bySeverityThenPlace(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareFindings(a, b);
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}

function costPoint(cost: NonNullable<ScanReport['cost']>): CostPoint {
  const choice = cost.recommendation.choice;
  return {
    peakConnections: cost.summary.connections.max,
    messagesPerDay: cost.summary.dailyMessages.max,
    planId: choice.plan?.id ?? null,
    planName: choice.plan?.name ?? null,
    monthlyUsd: choice.contactSales ? null : choice.monthlyUsd,
  };
}

export function compareReports(base: ScanReport, head: ScanReport): ReportDelta {
  const { added, known, gone } = matchFindings(allFindings(base), allFindings(head));
  let cost: CostDelta | null = null;
  if (base.cost !== undefined && head.cost !== undefined) {
    const b = costPoint(base.cost);
    const h = costPoint(head.cost);
    const change = b.monthlyUsd === null || h.monthlyUsd === null ? null : Math.round((h.monthlyUsd - b.monthlyUsd) * 100) / 100;
    cost = { base: b, head: h, monthlyUsdChange: change, monthlyPctChange: change === null || b.monthlyUsd === 0 ? null : Math.round((change / b.monthlyUsd!) * 1000) / 10 };
  }
  const addedSorted = [...added].sort(bySeverityThenPlace);
  const fixedSorted = [...gone].sort(bySeverityThenPlace);
  return {
    baseRoot: base.root,
    headRoot: head.root,
    added: addedSorted,
    fixed: fixedSorted,
    unchanged: known.length,
    addedBySeverity: countBySeverity(addedSorted),
    fixedBySeverity: countBySeverity(fixedSorted),
    cost,
  };
}

/** `--fail-on-cost-increase`: dollars a month (`50`) or percent (`10%`). */
export type CostThreshold = { kind: 'usd'; value: number } | { kind: 'percent'; value: number };

export function parseCostThreshold(text: string, flag = '--fail-on-cost-increase'): CostThreshold {
  const m = /^\s*\$?(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) throw new UserError(`${flag}: expected an amount in dollars (50) or a percentage (10%), got "${text}"`);
  return m[2] === '%' ? { kind: 'percent', value: Number(m[1]) } : { kind: 'usd', value: Number(m[1]) };
}

/** Whether the monthly cost rose by more than the threshold; null when it cannot be told (no price on one side). */
export function costIncreaseExceeds(delta: CostDelta, threshold: CostThreshold): boolean | null {
  if (delta.monthlyUsdChange === null) return null;
  if (threshold.kind === 'usd') return delta.monthlyUsdChange > threshold.value;
  if (delta.monthlyPctChange === null) return delta.monthlyUsdChange > 0;
  return delta.monthlyPctChange > threshold.value;
}
