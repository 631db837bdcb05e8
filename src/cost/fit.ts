import { WARNING_SHARE } from '../pusher/billing.js';
import type { PlanEntry } from './catalogue.js';

/**
 * How a load sits against a plan (facts §1.2 [P]): Pusher e-mails a warning at 80 % of either
 * limit; messages over the daily limit are refused (HTTP 403); connections over the limit are
 * refused at once on Sandbox (close code 4004) and above 120 % on paid plans.
 *
 * Observed usage cannot pass the hard limit: Pusher stops accepting once it is hit, so usage that
 * reaches it is censored (`at-limit`: requests were refused, demand is higher than observed). A
 * forecast can pass it, and the part above it would be `refused`.
 */
export type FitStatus = 'ok' | 'warning' | 'over-plan' | 'at-limit' | 'refused';
export const FIT_ORDER: readonly FitStatus[] = ['ok', 'warning', 'over-plan', 'at-limit', 'refused'];
/** What a load is: seen in the usage data (censored at the hard limit) or forecast (not censored). */
export type LoadBasis = 'observed' | 'forecast';
/** Limits are products and quotients (500 × 1.2): 600 must count as exactly the 120 % cap. */
const CAP_EPSILON = 1e-9;

/** Whether a value is at or above a level: one test for the plan fit and the days-to-limit, so they agree. */
export function reaches(value: number, level: number): boolean {
  return value >= level * (1 - CAP_EPSILON);
}

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

export function fitMetric(value: number, limit: number | null, hardCap: number, basis: LoadBasis): MetricFit {
  if (limit === null) return { value, limit, used: null, status: 'ok' };
  const used = limit === 0 ? (value === 0 ? 0 : Infinity) : value / limit;
  let status: FitStatus = 'ok';
  if (basis === 'observed' && reaches(value, limit * hardCap)) status = 'at-limit';
  else if (used > hardCap + CAP_EPSILON) status = 'refused';
  else if (used > 1) status = 'over-plan';
  else if (used >= WARNING_SHARE) status = 'warning';
  return { value, limit, used: Number.isFinite(used) ? used : null, status };
}

/** Share of the daily message limit at which publishes are refused. */
export const MESSAGE_HARD_CAP = 1;

export function worst(a: FitStatus, b: FitStatus): FitStatus {
  return FIT_ORDER.indexOf(a) >= FIT_ORDER.indexOf(b) ? a : b;
}

export function fitPlan(plan: PlanEntry, connections: number, messagesPerDay: number, basis: LoadBasis): PlanFit {
  const c = fitMetric(connections, plan.maxConnections, plan.connectionHardCap, basis);
  // Messages are held at 100 %: the docs state the 120 % cap for connections only, and Pusher's
  // blog's "+20 %" on paid plans is not repeated there, so 100 % is the conservative reading.
  const m = fitMetric(messagesPerDay, plan.messagesPerDay, MESSAGE_HARD_CAP, basis);
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
