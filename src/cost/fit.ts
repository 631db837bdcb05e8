import type { PlanEntry } from './catalogue.js';

/**
 * How a load sits against a plan (facts §1.2 [P]): Pusher e-mails a warning at 80 % of either
 * limit; messages over the daily limit are refused (HTTP 403); connections over the limit are
 * refused at once on Sandbox (close code 4004) and above 120 % on paid plans.
 */
export type FitStatus = 'ok' | 'warning' | 'over-plan' | 'refused';
export const FIT_ORDER: readonly FitStatus[] = ['ok', 'warning', 'over-plan', 'refused'];
export const WARNING_SHARE = 0.8;

export interface MetricFit {
  value: number;
  limit: number | null;
  /** Share of the limit used (1 = at the limit); null when the plan has no published limit. */
  used: number | null;
  status: FitStatus;
}

export interface PlanFit {
  planId: string;
  connections: MetricFit;
  messagesPerDay: MetricFit;
  status: FitStatus;
}

export function fitMetric(value: number, limit: number | null, hardCap: number): MetricFit {
  if (limit === null) return { value, limit, used: null, status: 'ok' };
  const used = limit === 0 ? (value === 0 ? 0 : Infinity) : value / limit;
  let status: FitStatus = 'ok';
  if (used > hardCap) status = 'refused';
  else if (used > 1) status = 'over-plan';
  else if (used >= WARNING_SHARE) status = 'warning';
  return { value, limit, used: Number.isFinite(used) ? used : null, status };
}

export function worst(a: FitStatus, b: FitStatus): FitStatus {
  return FIT_ORDER.indexOf(a) >= FIT_ORDER.indexOf(b) ? a : b;
}

export function fitPlan(plan: PlanEntry, connections: number, messagesPerDay: number): PlanFit {
  const c = fitMetric(connections, plan.maxConnections, plan.connectionHardCap);
  // Message quota has no documented tolerance: the 120 % cap is stated for connections only.
  const m = fitMetric(messagesPerDay, plan.messagesPerDay, 1);
  return { planId: plan.id, connections: c, messagesPerDay: m, status: worst(c.status, m.status) };
}

/**
 * The cheapest plan with a price whose limits hold the required load (headroom already added).
 * Plans without a price (Enterprise) are never chosen: they need a sales conversation.
 */
export function cheapestFittingPlan(plans: readonly PlanEntry[], connections: number, messagesPerDay: number): PlanEntry | null {
  const fitting = plans.filter(
    (p) =>
      p.monthlyUsd !== null &&
      p.maxConnections !== null &&
      p.messagesPerDay !== null &&
      connections <= p.maxConnections &&
      messagesPerDay <= p.messagesPerDay,
  );
  fitting.sort((a, b) => a.monthlyUsd! - b.monthlyUsd! || a.maxConnections! - b.maxConnections! || a.id.localeCompare(b.id));
  return fitting[0] ?? null;
}
