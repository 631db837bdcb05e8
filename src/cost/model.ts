import { priceAbly, priceAwsWebSocket, priceSoketi, type Workload } from './alternatives.js';
import { assumptionsFor } from './assumptions.js';
import { DAYS_PER_MONTH, SOKETI, type PlanEntry } from './catalogue.js';
import { DEFAULT_HEADROOM_PCT, DEFAULT_HORIZON_DAYS, DEFAULT_SAVINGS_SHARE_PCT } from './defaults.js';
import { cheapestFittingPlan, fitPlan, type LoadBasis } from './fit.js';
import { predict, type Trend } from './forecast.js';
import type { CatalogueOverrides } from './inputs/plans.js';
import { atLimitWarnings, limitEtas } from './limits.js';
import { observeAssumptions, observeSeries, reportTrend, shareOf, summarise } from './observe.js';
import { catalogueNote, findPlan, mergePlans, planEvidenceWarnings, planRef, recommendationReason, reportFit } from './plans.js';
import { costReportSchema, type CostReport, type LimitEta, type PlanChoice, type ReportPlanFit } from './report.js';
import { money, qty, ratio } from './round.js';
import { combinedFractions, computeSavings, savedUsd, type CostFinding, type SavingsBasis } from './savings.js';
import type { UsageData, UsageWarning } from './usage.js';

/**
 * The cost model's entry point, which only orders the steps: observe the usage (`observe.ts`),
 * size and price the plans (`plans.ts`, `fit.ts`), date the limits (`limits.ts`), price the
 * savings and the alternatives, and list the assumptions (`assumptions.ts`).
 */

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

export { DEFAULT_HEADROOM_PCT, DEFAULT_HORIZON_DAYS, DEFAULT_SAVINGS_SHARE_PCT };

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

  planEvidenceWarnings([current, recommended], warnings);

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
  atLimitWarnings(usage.file, atLimit, plans, warnings);

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
