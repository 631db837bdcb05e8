import { UserError } from '../errors.js';
import { priceAbly, priceAwsWebSocket, priceSoketi, type Workload } from './alternatives.js';
import { DAYS_PER_MONTH, PUSHER_PLANS, SOKETI, type PlanEntry } from './catalogue.js';
import { countAssumedDay, MULTI_CHANNEL_ASSUMPTION, MULTI_CHANNEL_SOURCE } from './counting.js';
import { cheapestFittingPlan, fitPlan, MESSAGE_HARD_CAP, reaches, WARNING_SHARE, type LoadBasis, type PlanFit } from './fit.js';
import { assumedGrowthTrend, crossing, fitDaily, monthlyGrowth, predict, type DailyValue, type RobustFit, type Trend, type TrendDecisions } from './forecast.js';
import type { CatalogueOverrides } from './inputs/plans.js';
import {
  costReportSchema,
  type CostReport,
  type LimitEta,
  type PlanChoice,
  type PlanRef,
  type ReportPlanFit,
  type ReportTrend,
} from './report.js';
import { money, qty, ratio } from './round.js';
import { combinedFractions, computeSavings, savedUsd, type CostFinding, type SavingsBasis } from './savings.js';
import type { Breakdown, DayUsage, UsageData, UsageWarning } from './usage.js';
import { quantileSorted } from 'simple-statistics';

export { costReportSchema, type CostReport };

export interface CostOptions {
  /** Id of the plan the account is on now (`startup`, `pro`, …); adds a plan-fit section. */
  currentPlan?: string;
  /** A user's plan file, already parsed (`loadPlans`). */
  overrides?: CatalogueOverrides;
  /** How far ahead the recommended plan must hold. Default 90 days. */
  horizonDays?: number;
  /** Spare capacity kept above the forecast. Default 25 %: the forecast then stays under Pusher's 80 % warning. */
  headroomPct?: number;
  /** Share of traffic assumed to pass through code a finding flags. Default 25 %. */
  savingsSharePct?: number;
}

export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_HEADROOM_PCT = 25;
export const DEFAULT_SAVINGS_SHARE_PCT = 25;
const SHORT_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** What the model needs from either kind of input, before any plan is considered. */
interface Observed {
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

/**
 * The cost model's one entry point: pure, no I/O. Takes usage already read by `loadUsage`, and
 * optionally the scanner's findings that carry a cost lever, and returns a validated report.
 */
export function estimateCost(usage: UsageData, options: CostOptions = {}, findings: readonly CostFinding[] = []): CostReport {
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const headroomPct = options.headroomPct ?? DEFAULT_HEADROOM_PCT;
  const headroom = headroomPct / 100;
  const share = (options.savingsSharePct ?? DEFAULT_SAVINGS_SHARE_PCT) / 100;
  const plans = mergePlans(options.overrides?.plans ?? []);
  const warnings: UsageWarning[] = [...usage.warnings];

  const current = options.currentPlan === undefined ? null : findPlan(plans, options.currentPlan);
  const obs = usage.kind === 'series' ? observeSeries(usage, warnings) : observeAssumptions(usage);

  const atHorizon = (t: Trend | null, observed: number): number => (t ? predict(t, obs.lastX + horizonDays) : observed);
  const required = {
    connections: Math.max(obs.sizingPeakConnections, atHorizon(obs.connTrend, obs.sizingPeakConnections)),
    messagesPerDay: Math.max(obs.sizingMaxDailyMessages, atHorizon(obs.msgTrend, obs.sizingMaxDailyMessages)),
  };
  const choose = (c: number, m: number): PlanChoice => {
    const p = cheapestFittingPlan(plans, c * (1 + headroom), m * (1 + headroom));
    return p ? { plan: planRef(p), contactSales: false, monthlyUsd: money(p.monthlyUsd!) } : { plan: null, contactSales: true, monthlyUsd: null };
  };
  const choice = choose(required.connections, required.messagesPerDay);
  const recommended = choice.plan ? plans.find((p) => p.id === choice.plan!.id)! : null;

  for (const p of [current, recommended]) {
    if (p && !p.confirmed && p.confidence !== 'user' && !warnings.some((w) => w.message.includes(`"${p.name}"`))) {
      warnings.push(
        p.evidence === 'corroborated'
          ? {
              code: 'corroborated-plan',
              message: `plan "${p.name}": price and limits are corroborated by independent transcriptions of Pusher's pricing page (newest ${p.asOf}), not taken from Pusher's own page; check them there or pass your own with --plans`,
            }
          : {
              code: 'unconfirmed-plan',
              message: `plan "${p.name}": price and limits are not confirmed (a generated dataset, and no independent source agrees); check them on Pusher's pricing page or pass your own with --plans`,
            },
      );
    }
  }

  const savingsBasis: SavingsBasis = {
    connections: required.connections,
    messagesPerDay: required.messagesPerDay,
    apiShare: shareOf(obs, 'api_requests'),
    deliveriesShare: shareOf(obs, 'deliveries'),
  };
  const savingItems = computeSavings(findings, savingsBasis, { affectedShare: share, price: choose, baseline: choice }).map((s) => ({
    ...s,
    reductionFraction: ratio(s.reductionFraction),
    upperBoundFraction: ratio(s.upperBoundFraction),
    reduction: qty(s.reduction),
    monthlySavingsUsd: s.monthlySavingsUsd === null ? null : money(s.monthlySavingsUsd),
  }));
  let combined: CostReport['savings']['combined'] = null;
  if (savingItems.length > 0) {
    const f = combinedFractions(savingItems);
    const req = { connections: required.connections * (1 - f.connections), messagesPerDay: required.messagesPerDay * (1 - f.messagesPerDay) };
    const resulting = choose(req.connections, req.messagesPerDay);
    const saved = savedUsd(choice, resulting);
    combined = {
      connectionsFraction: ratio(f.connections),
      messagesFraction: ratio(f.messagesPerDay),
      required: { connections: qty(req.connections), messagesPerDay: qty(req.messagesPerDay) },
      resulting,
      monthlySavingsUsd: saved === null ? null : money(saved),
    };
  }

  const growthC = obs.peakConnections > 0 ? required.connections / obs.peakConnections : 1;
  const growthM = obs.maxDailyMessages > 0 ? required.messagesPerDay / obs.maxDailyMessages : 1;
  const workload: Workload = {
    peakConnections: required.connections,
    meanConnections: obs.meanConnections * growthC,
    monthlyMessages: obs.meanDailyMessages * DAYS_PER_MONTH * growthM,
    avgMessageSizeBytes: obs.avgMessageSizeBytes,
    channels: obs.channels,
  };
  const soketi = options.overrides?.soketi;
  const alternatives = [
    priceAbly(workload),
    priceAwsWebSocket(workload),
    priceSoketi(workload, headroom, {
      connectionsPerInstance: soketi?.connectionsPerInstance ?? SOKETI.connectionsPerInstance,
      instanceMonthlyUsd: soketi?.instanceMonthlyUsd ?? SOKETI.instanceMonthlyUsd,
      userPriced: soketi?.instanceMonthlyUsd !== undefined,
    }),
  ];

  const fitAt = (p: PlanEntry, c: number, m: number, basis: LoadBasis): ReportPlanFit => reportFit(p, fitPlan(p, c, m, basis));
  const limits: LimitEta[] = [];
  if (current) limits.push(...limitEtas(current, 'current', obs));
  if (recommended && recommended.id !== current?.id) limits.push(...limitEtas(recommended, 'recommended', obs));
  const atLimit = limits.filter((l) => l.atLimit);
  for (const l of atLimit) {
    const p = plans.find((q) => q.id === l.planId)!;
    warnings.push({
      code: 'at-limit',
      message: `${usage.file}: ${l.metric === 'connections' ? 'connections' : 'messages a day'} reached ${p.name}'s ${l.threshold === 'hard-cap' ? 'hard cap' : 'limit'} of ${fmt(l.level)}${l.date ? ` on ${l.date}` : ''}: at the limit: requests were refused, demand is higher than observed; the forecast and the recommended plan are lower bounds`,
    });
  }

  const report: CostReport = {
    schemaVersion: 1,
    input: {
      kind: usage.kind === 'series' ? usage.format : 'assumptions',
      file: usage.file,
      profile: usage.kind === 'assumptions' ? usage.profile : null,
    },
    window: usage.kind === 'series'
      ? {
          start: usage.start,
          end: usage.end,
          days: usage.days.length,
          completeDays: usage.days.filter((d) => d.complete).length,
          intervalSeconds: usage.intervalSeconds,
          samples: usage.samples,
          coarse: usage.intervalSeconds > 60,
          gaps: { count: usage.gaps.count, missingSeconds: qty(usage.gaps.missingSeconds) },
        }
      : null,
    daily: usage.kind === 'series'
      ? usage.days.map((d) => ({
          date: d.date,
          complete: d.complete,
          coverage: ratio(d.coverage),
          messages: qty(d.messages),
          peakConnections: qty(d.peakConnections),
          meanConnections: qty(d.meanConnections),
        }))
      : [],
    summary: summarise(usage, obs),
    currentPlan: current
      ? {
          now: fitAt(current, obs.peakConnections, obs.maxDailyMessages, obs.basis),
          atHorizon: fitAt(current, required.connections, required.messagesPerDay, 'forecast'),
        }
      : null,
    forecast: {
      horizonDays,
      lastObservedDate: obs.lastDate,
      connections: reportTrend(obs.connTrend, obs.connDecisions, obs.lastX, horizonDays),
      messagesPerDay: reportTrend(obs.msgTrend, obs.msgDecisions, obs.lastX, horizonDays),
    },
    recommendation: {
      headroomPct,
      required: { connections: qty(required.connections), messagesPerDay: qty(required.messagesPerDay) },
      choice,
      fit: recommended ? fitAt(recommended, required.connections, required.messagesPerDay, 'forecast') : null,
      reason: recommendationReason(recommended, required, horizonDays, headroomPct, atLimit.length > 0 ? current : null),
    },
    limits,
    savings: { items: savingItems, combined },
    alternatives: {
      workload: {
        peakConnections: qty(workload.peakConnections),
        meanConnections: qty(workload.meanConnections),
        monthlyMessages: qty(workload.monthlyMessages),
        avgMessageSizeBytes: workload.avgMessageSizeBytes === null ? null : qty(workload.avgMessageSizeBytes),
        channels: workload.channels,
      },
      items: alternatives,
    },
    catalogue: {
      plans: plans.map((p) => ({ ...planRef(p), connectionHardCap: p.connectionHardCap, confidence: p.confidence, source: p.source, asOf: p.asOf })),
      confirmedPlanIds: plans.filter((p) => p.confirmed).map((p) => p.id),
      note: catalogueNote(plans),
    },
    assumptions: assumptionsFor(usage, headroomPct, share, horizonDays),
    warnings,
  };
  // The schema is the public contract; checking here keeps model and schema honest.
  return costReportSchema.parse(report);
}

function mergePlans(overrides: readonly PlanEntry[]): PlanEntry[] {
  const byId = new Map(PUSHER_PLANS.map((p) => [p.id, p]));
  for (const p of overrides) byId.set(p.id, p);
  return [...byId.values()].sort(
    (a, b) => (a.monthlyUsd ?? Infinity) - (b.monthlyUsd ?? Infinity) || (a.maxConnections ?? Infinity) - (b.maxConnections ?? Infinity) || a.id.localeCompare(b.id),
  );
}

function findPlan(plans: readonly PlanEntry[], wanted: string): PlanEntry {
  const key = wanted.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const plan = plans.find((p) => p.id === key || p.name.toLowerCase() === wanted.trim().toLowerCase());
  if (!plan) throw new UserError(`unknown plan "${wanted}"; known plans: ${plans.map((p) => p.id).join(', ')}`);
  return plan;
}

function planRef(p: PlanEntry): PlanRef {
  return {
    id: p.id,
    name: p.name,
    monthlyUsd: p.monthlyUsd === null ? null : money(p.monthlyUsd),
    maxConnections: p.maxConnections,
    messagesPerDay: p.messagesPerDay,
    confirmed: p.confirmed,
    evidence: p.evidence,
  };
}

function reportFit(p: PlanEntry, f: PlanFit): ReportPlanFit {
  const m = (x: PlanFit['connections']) => ({ value: qty(x.value), limit: x.limit, used: x.used === null ? null : ratio(x.used), status: x.status });
  return { plan: planRef(p), connections: m(f.connections), messagesPerDay: m(f.messagesPerDay), status: f.status };
}

function observeSeries(usage: Extract<UsageData, { kind: 'series' }>, warnings: UsageWarning[]): Observed {
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

function observeAssumptions(usage: Extract<UsageData, { kind: 'assumptions' }>): Observed {
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

function shareOf(obs: Observed, field: keyof Breakdown): number | null {
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

function summarise(usage: UsageData, obs: Observed): CostReport['summary'] {
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

function reportTrend(t: Trend | null, decisions: TrendDecisions | null, lastX: number, horizon: number): ReportTrend | null {
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

/**
 * When each threshold is (or was) reached. Reached already: 0 days, dated the first observed day at
 * or above it. `hard` marks the level past which Pusher refuses (the 120 % cap of a paid plan's
 * connections, Sandbox's connection limit, every message limit); observed usage at it is censored.
 */
function limitEtas(plan: PlanEntry, role: LimitEta['role'], obs: Observed): LimitEta[] {
  const out: LimitEta[] = [];
  const add = (metric: LimitEta['metric'], threshold: LimitEta['threshold'], level: number, hard: boolean): void => {
    const observed = metric === 'connections' ? obs.peakConnections : obs.maxDailyMessages;
    const t = metric === 'connections' ? obs.connTrend : obs.msgTrend;
    const reached = reaches(observed, level);
    let days: number | null;
    let date: string | null = null;
    if (reached) {
      days = 0;
      const first = obs.days.find((d) => reaches(metric === 'connections' ? d.peakConnections : d.messages, level));
      date = first?.date ?? obs.lastDate;
    } else {
      const x = t ? crossing(t, level) : null;
      days = x === null ? null : Math.max(0, x - obs.lastX);
      if (days !== null && obs.lastDate !== null) {
        date = new Date(Date.parse(`${obs.lastDate}T00:00:00Z`) + Math.ceil(days) * DAY_MS).toISOString().slice(0, 10);
      }
    }
    out.push({ planId: plan.id, role, metric, threshold, level: qty(level), days: days === null ? null : qty(days), date, hard, atLimit: hard && reached && obs.basis === 'observed' });
  };
  if (plan.maxConnections !== null) {
    const capped = plan.connectionHardCap > 1;
    add('connections', 'warning', plan.maxConnections * WARNING_SHARE, false);
    add('connections', 'limit', plan.maxConnections, !capped);
    if (capped) add('connections', 'hard-cap', plan.maxConnections * plan.connectionHardCap, true);
  }
  if (plan.messagesPerDay !== null) {
    add('messagesPerDay', 'warning', plan.messagesPerDay * WARNING_SHARE, false);
    add('messagesPerDay', 'limit', plan.messagesPerDay * MESSAGE_HARD_CAP, true);
  }
  return out;
}

function recommendationReason(
  p: PlanEntry | null,
  required: { connections: number; messagesPerDay: number },
  horizon: number,
  headroomPct: number,
  censoredOn: PlanEntry | null,
): string {
  const load = `${fmt(required.connections)} concurrent connections and ${fmt(required.messagesPerDay)} messages a day (the ${horizon}-day forecast) plus ${headroomPct} % headroom`;
  const censored = censoredOn
    ? ` Usage is at ${censoredOn.name}'s hard limit, so requests were refused and demand is higher than observed: the forecast is a lower bound.`
    : '';
  if (!p) return `No plan with a published price holds ${load}; Enterprise pricing is custom: contact Pusher sales.${censored}`;
  const caveat = p.confirmed || p.confidence === 'user'
    ? ''
    : p.evidence === 'corroborated'
      ? ` Its price and limits are corroborated by independent transcriptions of Pusher's pricing page (newest ${p.asOf}), not from Pusher's own page; check them before buying.`
      : ' Its price and limits are not confirmed (a generated dataset, and no independent source agrees); check them before buying.';
  return `${p.name} is the cheapest plan that holds ${load}.${caveat}${censored}`;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function catalogueNote(plans: readonly PlanEntry[]): string {
  const priced = plans.filter((p) => p.monthlyUsd !== null);
  const named = (e: PlanEntry['evidence']): string[] => priced.filter((p) => p.evidence === e && (e === 'confirmed' || p.confidence !== 'user')).map((p) => p.name);
  const corroborated = named('corroborated');
  const unconfirmed = [...named('not-confirmed'), ...priced.filter((p) => p.evidence === 'not-confirmed' && p.confidence === 'user').map((p) => `${p.name} (plans file)`)];
  return (
    `Confirmed plans: ${named('confirmed').join(', ') || 'none'}. ` +
    (corroborated.length > 0
      ? `Corroborated, not from Pusher's own page (independent dated transcriptions of its pricing page, 2026-04 to 2026-09, agree with the ladder): ${corroborated.join(', ')}. `
      : '') +
    (unconfirmed.length > 0 ? `Not confirmed: ${unconfirmed.join(', ')}. ` : '') +
    'Enterprise is custom-priced (contact sales) and never recommended as a priced plan.'
  );
}

const KB_LIMITS = 'https://docs.bird.com/pusher/channels/channels/limits/what-happens-when-i-hit-my-channels-plan-limits';
const KB_COUNT = 'https://docs.bird.com/pusher/channels/channels/limits/how-is-my-message-count-calculated-in-channels';

function assumptionsFor(usage: UsageData, headroomPct: number, share: number, horizon: number): CostReport['assumptions'] {
  const list: CostReport['assumptions'] = [
    { id: 'day-window', text: 'Message limits count per UTC day (00:00-23:59 UTC), so daily totals are taken per UTC day.', confidence: 'P', source: 'https://docs.bird.com/pusher/channels/channels/limits/over-what-time-period-are-my-channels-limits-counted' },
    { id: 'account-scope', text: 'Limits apply to the whole account, summed over all its apps; the usage data should cover every app.', confidence: 'P', source: 'https://docs.bird.com/pusher/account-billing/account-billing/plans/how-does-my-channels-plan-level-affect-the-limits-of-my-apps' },
    { id: 'warning-80', text: 'Pusher e-mails a warning at 80 % of the message or connection limit.', confidence: 'P', source: KB_LIMITS },
    { id: 'connection-cap', text: 'Connections over the limit are refused (close code 4004) at once on Sandbox and above 120 % of the limit on paid plans.', confidence: 'P', source: 'https://github.com/pusher/docs/blob/b34294aa/docs/channels/using_channels/connection.md' },
    {
      id: 'message-cap',
      text: 'Publishes over the daily message limit are refused with HTTP 403. Pusher\'s blog says paid plans are capped at the plan limit plus 20 % by default, but the docs state that tolerance for connections only, so messages are held at 100 %: a conservative choice.',
      confidence: 'P',
      source: `${KB_LIMITS}; https://pusher.com/blog/making-it-easier-to-outgrow-usage-limits-in-your-channels-plan/`,
    },
    { id: 'peak-basis', text: 'Plan fit uses the highest connection sample and the busiest UTC day, not the dashboard\'s 24-hour average, which hides peaks.', confidence: null, source: 'https://support.pusher.com/hc/en-us/articles/200671866' },
    { id: 'forecast', text: `Growth is forecast ${horizon} days past the last observed day. For usage data, from the complete days: a day far above the 7 days around it (median absolute deviation) is set aside as a one-off; from 7 days on, a weekly cycle is divided out and the forecast is for the busiest weekday; a step to a new level is fitted from the step on; a straight line is kept unless an exponential fits clearly better (half the unexplained variance) without doubling faster than weekly; a slope that is not significant (5 %) or an R² under 0.25 is shown flat. The trend is lifted by the 95th percentile of its residuals so it follows busy days.`, confidence: null, source: null },
    { id: 'headroom', text: `The recommended plan keeps ${headroomPct} % headroom above the forecast${headroomPct >= 25 ? ', which keeps the forecast under Pusher\'s 80 % warning' : ''}.`, confidence: null, source: null },
    { id: 'multi-channel-trigger', text: MULTI_CHANNEL_ASSUMPTION, confidence: 'P', source: MULTI_CHANNEL_SOURCE },
    { id: 'month', text: 'A month is 365 / 12 = 30.4 days.', confidence: null, source: null },
    { id: 'savings-share', text: `Savings assume ${Math.round(share * 1000) / 10} % of the affected traffic passes through the flagged code (--savings-share); each lever's reduction is the smallest the flaw can cause.`, confidence: null, source: null },
    { id: 'downgrade', text: 'Downgrades take effect at the end of the billing period, without pro-rating.', confidence: 'P', source: 'https://docs.bird.com/pusher/account-billing/account-billing/plans/how-can-i-downgrade-my-channels-plan' },
  ];
  if (usage.kind === 'assumptions') {
    list.push({
      id: 'counting-rules',
      text: 'Messages are derived from the assumptions with Pusher\'s counting rules: 1 per publish call (2 with `info`), +1 per delivery, client events on send and on each delivery (not to the sender), presence member events to the other members, 1 per webhook.',
      confidence: 'P',
      source: KB_COUNT,
    });
  }
  return list;
}
