import { DAYS_PER_MONTH } from './catalogue.js';
import { countAssumedDay } from './counting.js';
import type { LoadBasis } from './fit.js';
import { assumedGrowthTrend, fitDaily, monthlyGrowth, predict, type DailyValue, type RobustFit, type Trend, type TrendDecisions } from './forecast.js';
import type { CostReport, ReportTrend } from './report.js';
import { fmt, qty, ratio } from './round.js';
import type { Breakdown, DayUsage, UsageData, UsageWarning } from './usage.js';
import { quantileSorted } from 'simple-statistics';

/**
 * What the usage says before any plan is considered: peaks, means, the fitted trends, and the
 * report's summary and forecast sections. Series and assumptions arrive at the same shape here,
 * so everything after this step is one code path.
 */

const SHORT_WINDOW_DAYS = 14;
export const DAY_MS = 86_400_000;

/** What the model needs from either kind of input, before any plan is considered. */
export interface Observed {
  peakConnections: number;
  maxDailyMessages: number;
  meanConnections: number;
  meanDailyMessages: number;
  connTrend: Trend | null;
  msgTrend: Trend | null;
  connDecisions: TrendDecisions | null;
  msgDecisions: TrendDecisions | null;
  /** The observed peaks without the outlier days the forecast set aside: what the plan is sized from. */
  sizingPeakConnections: number;
  sizingMaxDailyMessages: number;
  /** Usage data is censored at a hard limit (Pusher refused the rest); assumptions are not. */
  basis: LoadBasis;
  /** Every observed day in order (partial days too: their peaks and counts are real), for the day a level was first reached. */
  days: ReadonlyArray<{ date: string; peakConnections: number; messages: number }>;
  /** x of the last observed day on the trends' axis. */
  lastX: number;
  lastDate: string | null;
  breakdownTotal: Breakdown;
  messagesTotal: number;
  avgMessageSizeBytes: number | null;
  channels: number | null;
}

export function observeSeries(usage: Extract<UsageData, { kind: 'series' }>, warnings: UsageWarning[]): Observed {
  const complete = usage.days.filter((d) => d.complete);
  const statDays = complete.length > 0 ? complete : usage.days;
  const dayNumber = (d: DayUsage): number => Date.parse(`${d.date}T00:00:00Z`) / DAY_MS;
  const x0 = dayNumber(statDays[0]!);
  const last = statDays[statDays.length - 1]!;
  const daily = (pick: (d: DayUsage) => number): DailyValue[] => complete.map((d) => ({ x: dayNumber(d) - x0, y: pick(d), date: d.date }));
  const conn = fitDaily(daily((d) => d.peakConnections));
  const msg = fitDaily(daily((d) => d.messages));
  if (!conn) {
    warnings.push({ code: 'no-forecast', message: `${usage.file}: fewer than 3 complete UTC days; no growth forecast, the observed peaks are used as they are` });
  } else if (complete.length < SHORT_WINDOW_DAYS) {
    warnings.push({ code: 'short-window', message: `${usage.file}: only ${complete.length} complete UTC days; a forecast from less than ${SHORT_WINDOW_DAYS} days is uncertain` });
  }
  const outlierDates = (f: RobustFit | null): Set<string> => new Set(f?.decisions.outliers.map((o) => o.date) ?? []);
  const connOut = outlierDates(conn);
  const msgOut = outlierDates(msg);
  for (const [fit, what] of [[conn, 'connections'], [msg, 'messages']] as const) {
    for (const o of fit?.decisions.outliers ?? []) {
      warnings.push({
        code: 'outlier-day',
        message: `${usage.file}: ${o.date} (${fmt(o.value)} ${what}, ${fmt(o.value / Math.max(o.level, 1))}× the days around it) looks like a one-off (a launch, a load test, an incident) and is left out of the forecast and the plan size; if such days recur, size the plan for them`,
      });
    }
  }
  const maxOf = (values: number[]): number => (values.length > 0 ? Math.max(...values) : 0);
  const breakdownTotal: Breakdown = {};
  for (const f of usage.breakdownFields) breakdownTotal[f] = usage.days.reduce((s, d) => s + (d.breakdown[f] ?? 0), 0);
  return {
    // Partial days still saw real peaks and real (if incomplete) message totals: both are lower bounds.
    peakConnections: usage.connections.max,
    maxDailyMessages: Math.max(...usage.days.map((d) => d.messages)),
    meanConnections: usage.connections.mean,
    meanDailyMessages: statDays.reduce((s, d) => s + d.messages, 0) / statDays.length,
    connTrend: conn?.trend ?? null,
    msgTrend: msg?.trend ?? null,
    connDecisions: conn?.decisions ?? null,
    msgDecisions: msg?.decisions ?? null,
    sizingPeakConnections: connOut.size === 0 ? usage.connections.max : maxOf(usage.days.filter((d) => !connOut.has(d.date)).map((d) => d.peakConnections)),
    sizingMaxDailyMessages: maxOf(usage.days.filter((d) => !msgOut.has(d.date)).map((d) => d.messages)),
    basis: 'observed',
    days: usage.days.map((d) => ({ date: d.date, peakConnections: d.peakConnections, messages: d.messages })),
    lastX: dayNumber(last) - x0,
    lastDate: last.date,
    breakdownTotal,
    messagesTotal: usage.days.reduce((s, d) => s + d.messages, 0),
    avgMessageSizeBytes: usage.avgMessageSizeBytes,
    channels: null,
  };
}

export function observeAssumptions(usage: Extract<UsageData, { kind: 'assumptions' }>): Observed {
  const a = usage.assumptions;
  const peak = a.peakConcurrentUsers * a.connectionsPerUser;
  const day = countAssumedDay(a);
  return {
    peakConnections: peak,
    maxDailyMessages: day.total,
    meanConnections: peak * a.averageToPeakConnections,
    meanDailyMessages: day.total,
    connTrend: peak > 0 ? assumedGrowthTrend(peak, a.monthlyGrowthPct, DAYS_PER_MONTH) : null,
    msgTrend: day.total > 0 ? assumedGrowthTrend(day.total, a.monthlyGrowthPct, DAYS_PER_MONTH) : null,
    connDecisions: null,
    msgDecisions: null,
    sizingPeakConnections: peak,
    sizingMaxDailyMessages: day.total,
    basis: 'forecast',
    days: [],
    lastX: 0,
    lastDate: null,
    breakdownTotal: day.breakdown,
    messagesTotal: day.total,
    avgMessageSizeBytes: a.messageSizeBytes > 0 ? a.messageSizeBytes : null,
    channels: a.channels,
  };
}

export function shareOf(obs: Observed, field: keyof Breakdown): number | null {
  const v = obs.breakdownTotal[field];
  if (v === undefined || obs.messagesTotal <= 0) return null;
  return Math.min(1, v / obs.messagesTotal);
}

function dist(values: number[]): { max: number; p95: number | null; p99: number | null; mean: number | null } {
  if (values.length === 0) return { max: 0, p95: null, p99: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    max: qty(sorted[sorted.length - 1]!),
    p95: qty(quantileSorted(sorted, 0.95)),
    p99: qty(quantileSorted(sorted, 0.99)),
    mean: qty(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

export function summarise(usage: UsageData, obs: Observed): CostReport['summary'] {
  const breakdown: CostReport['summary']['breakdown'] = {};
  for (const [k, v] of Object.entries(obs.breakdownTotal)) breakdown[k as keyof Breakdown] = qty(v);
  const common = {
    monthlyMessages: qty(obs.meanDailyMessages * DAYS_PER_MONTH),
    messagesTotal: qty(obs.messagesTotal),
    breakdown,
    avgMessageSizeBytes: obs.avgMessageSizeBytes === null ? null : qty(obs.avgMessageSizeBytes),
  };
  if (usage.kind === 'assumptions') {
    const one = { max: qty(obs.peakConnections), p95: null, p99: null, mean: qty(obs.meanConnections) };
    return { connections: one, dailyPeakConnections: one, dailyMessages: { max: qty(obs.maxDailyMessages), p95: null, p99: null, mean: qty(obs.meanDailyMessages) }, ...common };
  }
  const complete = usage.days.filter((d) => d.complete);
  const statDays = complete.length > 0 ? complete : usage.days;
  const c = usage.connections;
  return {
    connections: { max: qty(c.max), p95: qty(c.p95), p99: qty(c.p99), mean: qty(c.mean) },
    dailyPeakConnections: dist(statDays.map((d) => d.peakConnections)),
    dailyMessages: dist(statDays.map((d) => d.messages)),
    ...common,
  };
}

export function reportTrend(t: Trend | null, decisions: TrendDecisions | null, lastX: number, horizon: number): ReportTrend | null {
  if (!t) return null;
  const g = monthlyGrowth(t, lastX, DAYS_PER_MONTH);
  return {
    model: t.model,
    decisions: decisions && {
      ...decisions,
      outliers: decisions.outliers.map((o) => ({ date: o.date, value: qty(o.value), level: qty(o.level) })),
      weekly: decisions.weekly && { busiest: ratio(decisions.weekly.busiest), quietest: ratio(decisions.weekly.quietest) },
      levelShift: decisions.levelShift && { ...decisions.levelShift, from: qty(decisions.levelShift.from), to: qty(decisions.levelShift.to) },
    },
    rSquared: t.rSquared === null ? null : ratio(t.rSquared),
    monthlyGrowth: g === null ? null : ratio(g),
    points: t.points,
    current: qty(predict(t, lastX)),
    atHorizon: qty(predict(t, lastX + horizon)),
  };
}
