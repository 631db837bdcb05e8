import { COST_LEVERS, type CostLever } from '../engine/types.js';
import type { PlanChoice, Saving } from './report.js';

/** A scanner finding whose rule declares a cost lever; `scan --usage` passes these in. */
export interface CostFinding {
  ruleId: string;
  fingerprint: string;
  file: string;
  line: number;
  lever: CostLever;
  message: string;
}

/** The load the savings are taken from (the requirement before headroom) and its composition. */
export interface SavingsBasis {
  connections: number;
  messagesPerDay: number;
  /** Share of messages that are REST API calls (the publish side); null when the data has no breakdown. */
  apiShare: number | null;
  /** Share of messages that are deliveries of server publishes; null when unknown. */
  deliveriesShare: number | null;
}

export interface SavingsOptions {
  /** Share (0–1) of the affected quantity assumed to pass through flagged code. */
  affectedShare: number;
  /** Prices a reduced load (the caller adds headroom and picks the plan). */
  price(connections: number, messagesPerDay: number): PlanChoice;
  baseline: PlanChoice;
}

interface LeverModel {
  metric: 'connections' | 'messagesPerDay' | null;
  /** Share of the metric that the lever acts on, or null when the data cannot tell. */
  part(basis: SavingsBasis): number | null;
  /** The inflation the flaw causes on the part it touches; fixing divides by it. Minimums only. */
  multiplier: number;
  explain(sharePct: string): string;
  missing?: string;
}

/**
 * One conservative model per lever. Every multiplier is the smallest the flaw can cause (one
 * extra connection, one extra publish, the documented ×2 for `info`), and findings of one lever
 * are not added up because several may sit on the same code path.
 */
const LEVERS: Record<CostLever, LeverModel> = {
  'duplicate-connections': {
    metric: 'connections',
    part: () => 1,
    multiplier: 2,
    explain: (s) => `Each duplicate client instance opens its own connection, so a user who runs the flagged code holds at least 2 connections instead of 1. Assumes ${s} of peak connections come from such users; fixing halves them.`,
  },
  'connection-leak': {
    metric: 'connections',
    part: () => 1,
    multiplier: 2,
    explain: (s) => `A client that is never disconnected keeps its connection after its page or component is gone, so a user who comes back holds at least 2. Assumes ${s} of peak connections come from such users; fixing halves them.`,
  },
  'subscription-leak': {
    metric: 'messagesPerDay',
    part: (b) => b.deliveriesShare,
    multiplier: 2,
    explain: (s) => `Subscriptions that are never removed keep receiving events, and every delivery is a message; an affected connection gets at least twice the deliveries it needs. Assumes ${s} of deliveries go to such connections; fixing halves them. Deliveries are taken from the usage breakdown.`,
    missing: 'The usage data has no deliveries (broadcast) column, so the saving cannot be estimated; add one to quantify it.',
  },
  'n-plus-one-triggers': {
    metric: 'messagesPerDay',
    part: (b) => b.apiShare,
    multiplier: 2,
    explain: (s) => `One trigger per channel or per item in a loop is one API request each, and Pusher counts per request: one trigger naming up to 100 channels, or one event carrying the items, is one message plus the same deliveries. A loop runs at least twice, so merging it into one trigger at least halves its publish calls. Assumes ${s} of publish calls come from such loops. Deliveries are unchanged. Replacing the loop by triggerBatch saves no messages: each batched event counts as one publish.`,
    missing: 'The usage data has no API-request column, so publish calls cannot be told apart from deliveries; add one to quantify it.',
  },
  'info-param': {
    metric: 'messagesPerDay',
    part: (b) => b.apiShare,
    multiplier: 2,
    explain: (s) => `A publish that passes \`info\` is counted as 2 messages (Pusher REST API reference). Assumes ${s} of publish calls carry it; dropping \`info\` (query channel state only when needed) halves them.`,
    missing: 'The usage data has no API-request column, so publish calls cannot be told apart from deliveries; add one to quantify it.',
  },
  'reconnect-storm': {
    metric: null,
    part: () => null,
    multiplier: 1,
    explain: () => 'Reconnect loops cause connection churn and short-lived extra connections during outages.',
    missing: 'Not quantified: the extra connections appear only while the network is failing, and usage data cannot attribute them to the flagged code.',
  },
};

export function computeSavings(findings: readonly CostFinding[], basis: SavingsBasis, options: SavingsOptions): Saving[] {
  const sharePct = `${Math.round(options.affectedShare * 1000) / 10} %`;
  const byLever = new Map<CostLever, CostFinding[]>();
  for (const f of findings) {
    const list = byLever.get(f.lever) ?? [];
    list.push(f);
    byLever.set(f.lever, list);
  }
  const out: Saving[] = [];
  for (const lever of COST_LEVERS) {
    const group = byLever.get(lever);
    if (!group) continue;
    const model = LEVERS[lever];
    const part = model.part(basis);
    const quantified = model.metric !== null && part !== null;
    const perUnit = 1 - 1 / model.multiplier;
    const upperBoundFraction = quantified ? part * perUnit : 0;
    const reductionFraction = upperBoundFraction * options.affectedShare;
    const base = model.metric === 'connections' ? basis.connections : basis.messagesPerDay;
    const resulting = quantified
      ? options.price(
          basis.connections * (model.metric === 'connections' ? 1 - reductionFraction : 1),
          basis.messagesPerDay * (model.metric === 'messagesPerDay' ? 1 - reductionFraction : 1),
        )
      : options.baseline;
    const assumption = [
      model.explain(sharePct),
      quantified ? '' : (model.missing ?? ''),
      group.length > 1 ? `${group.length} findings share this lever; they are counted once because they may sit on the same code path.` : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
    out.push({
      lever,
      findings: [...group]
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint))
        .map(({ ruleId, file, line, fingerprint, message }) => ({ ruleId, file, line, fingerprint, message })),
      metric: model.metric,
      quantified,
      assumption,
      affectedShare: options.affectedShare,
      reductionFraction,
      upperBoundFraction,
      reduction: base * reductionFraction,
      resulting,
      monthlySavingsUsd: savedUsd(options.baseline, resulting),
    });
  }
  return out;
}

/** Fractions of each metric left after fixing every lever, applied one after another. */
export function combinedFractions(items: readonly Saving[]): { connections: number; messagesPerDay: number } {
  let c = 1;
  let m = 1;
  for (const s of items) {
    if (s.metric === 'connections') c *= 1 - s.reductionFraction;
    if (s.metric === 'messagesPerDay') m *= 1 - s.reductionFraction;
  }
  return { connections: 1 - c, messagesPerDay: 1 - m };
}

export function savedUsd(before: PlanChoice, after: PlanChoice): number | null {
  if (before.monthlyUsd === null || after.monthlyUsd === null) return null;
  return before.monthlyUsd - after.monthlyUsd;
}
