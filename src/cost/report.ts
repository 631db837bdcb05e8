import * as z from 'zod';
import { COST_LEVERS } from '../engine/types.js';
import { BREAKDOWN_FIELDS, WARNING_CODES } from './usage.js';

/**
 * The cost report: the model's only output, JSON-serialisable, and the public schema of
 * `cost --format json` and of the cost section of `scan --usage`. Types are inferred from the
 * schema so the two cannot drift.
 */

const confidence = z.enum(['P', 'S', 'G', 'user']);
/** `at-limit`: observed usage at the hard limit, so requests were refused and demand is higher than observed. */
const fitStatus = z.enum(['ok', 'warning', 'over-plan', 'at-limit', 'refused']);
const num = z.number();
const nullableNum = z.number().nullable();

const metricFit = z.object({ value: num, limit: nullableNum, used: nullableNum, status: fitStatus });

export const planRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  monthlyUsd: nullableNum,
  maxConnections: nullableNum,
  messagesPerDay: nullableNum,
  confirmed: z.boolean(),
  /** confirmed, corroborated (not from Pusher's own page) or not-confirmed. Optional: absent from older reports. */
  evidence: z.enum(['confirmed', 'corroborated', 'not-confirmed']).optional(),
});

const planFit = z.object({
  plan: planRefSchema,
  connections: metricFit,
  messagesPerDay: metricFit,
  status: fitStatus,
});

const distribution = z.object({ max: num, p95: nullableNum, p99: nullableNum, mean: nullableNum });

/** What the robust forecast did to the data, and why. */
const trendDecisions = z.object({
  /** Days set aside as one-offs: value and the median of the days around them. */
  outliers: z.array(z.object({ date: z.string(), value: num, level: num })),
  /** The weekly cycle taken out before fitting: busiest and quietest weekday over the level around them. */
  weekly: z.object({ busiest: num, quietest: num }).nullable(),
  /** A step to a new level; the trend is fitted from that day on. */
  levelShift: z.object({ date: z.string(), from: num, to: num }).nullable(),
  flat: z.enum(['constant', 'slope-not-significant', 'low-r-squared']).nullable(),
  logLinearRejected: z.enum(['r-squared-margin', 'implausible-rate']).nullable(),
  fittedFrom: z.string(),
});

const trend = z.object({
  model: z.enum(['linear', 'log-linear', 'flat', 'assumed-growth']),
  /** Absent from reports written before the robust forecast; null for assumed growth. */
  decisions: trendDecisions.nullable().optional(),
  rSquared: nullableNum,
  /** Change over the next 30.4 days as a fraction (0.1 = +10 %). */
  monthlyGrowth: nullableNum,
  points: num,
  current: num,
  atHorizon: num,
});

const limitEta = z.object({
  planId: z.string(),
  role: z.enum(['current', 'recommended']),
  metric: z.enum(['connections', 'messagesPerDay']),
  threshold: z.enum(['warning', 'limit', 'hard-cap']),
  level: num,
  /** Days after the last observed day; 0 when already reached; null when the trend never gets there. */
  days: nullableNum,
  /** The day it is reached; when already reached, the first observed day at or above the level. */
  date: z.string().nullable(),
  /** Pusher refuses past this level. Optional: absent from reports written before censoring. */
  hard: z.boolean().optional(),
  /** Observed usage is at this hard level: censored, demand is higher than observed. */
  atLimit: z.boolean().optional(),
});

const findingRef = z.object({
  ruleId: z.string(),
  file: z.string(),
  line: num,
  fingerprint: z.string(),
  message: z.string(),
});

const planChoice = z.object({
  plan: planRefSchema.nullable(),
  contactSales: z.boolean(),
  monthlyUsd: nullableNum,
});

export const savingSchema = z.object({
  lever: z.enum(COST_LEVERS),
  findings: z.array(findingRef),
  metric: z.enum(['connections', 'messagesPerDay']).nullable(),
  quantified: z.boolean(),
  assumption: z.string(),
  /** Share of the affected quantity assumed to pass through the flagged code. */
  affectedShare: num,
  /** Reduction as a fraction of the metric, at the stated share. */
  reductionFraction: num,
  /** Reduction if every unit of the quantity went through the flagged code: an upper bound. */
  upperBoundFraction: num,
  reduction: num,
  resulting: planChoice,
  monthlySavingsUsd: nullableNum,
});

const costLine = z.object({ item: z.string(), quantity: num, unit: z.string(), unitUsd: num, usd: num });

export const alternativeSchema = z.object({
  id: z.enum(['ably', 'aws-apigw-websocket', 'soketi']),
  name: z.string(),
  package: z.string().nullable(),
  monthlyUsd: nullableNum,
  lines: z.array(costLine),
  confirmed: z.boolean(),
  confidence,
  source: z.string(),
  asOf: z.string().nullable(),
  assumptions: z.array(z.string()),
});

export const costReportSchema = z.object({
  schemaVersion: z.literal(1),
  input: z.object({
    kind: z.enum(['csv', 'datadog', 'assumptions']),
    file: z.string().nullable(),
    profile: z.string().nullable(),
  }),
  window: z
    .object({
      start: z.string(),
      end: z.string(),
      days: num,
      completeDays: num,
      intervalSeconds: num,
      samples: num,
      coarse: z.boolean(),
      gaps: z.object({ count: num, missingSeconds: num }),
    })
    .nullable(),
  daily: z.array(
    z.object({
      date: z.string(),
      complete: z.boolean(),
      coverage: num,
      messages: num,
      peakConnections: num,
      meanConnections: num,
    }),
  ),
  summary: z.object({
    /** Over every sample of the window. */
    connections: distribution,
    /** Over complete days. */
    dailyPeakConnections: distribution,
    dailyMessages: distribution,
    monthlyMessages: num,
    /** Messages over the whole window (one day for assumptions): the base of `breakdown`. */
    messagesTotal: num,
    /** Message counts by kind, summed over the window (or per day for assumptions). */
    breakdown: z.partialRecord(z.enum(BREAKDOWN_FIELDS), num),
    avgMessageSizeBytes: nullableNum,
  }),
  currentPlan: z
    .object({ now: planFit, atHorizon: planFit })
    .nullable(),
  forecast: z.object({
    horizonDays: num,
    lastObservedDate: z.string().nullable(),
    connections: trend.nullable(),
    messagesPerDay: trend.nullable(),
  }),
  recommendation: z.object({
    headroomPct: num,
    required: z.object({ connections: num, messagesPerDay: num }),
    choice: planChoice,
    fit: planFit.nullable(),
    reason: z.string(),
  }),
  limits: z.array(limitEta),
  savings: z.object({
    items: z.array(savingSchema),
    combined: z
      .object({
        connectionsFraction: num,
        messagesFraction: num,
        required: z.object({ connections: num, messagesPerDay: num }),
        resulting: planChoice,
        monthlySavingsUsd: nullableNum,
      })
      .nullable(),
  }),
  alternatives: z.object({
    workload: z.object({
      peakConnections: num,
      meanConnections: num,
      monthlyMessages: num,
      avgMessageSizeBytes: nullableNum,
      channels: nullableNum,
    }),
    items: z.array(alternativeSchema),
  }),
  catalogue: z.object({
    plans: z.array(
      planRefSchema.extend({
        connectionHardCap: num,
        confidence,
        source: z.string(),
        asOf: z.string().nullable(),
      }),
    ),
    confirmedPlanIds: z.array(z.string()),
    note: z.string(),
  }),
  assumptions: z.array(z.object({ id: z.string(), text: z.string(), confidence: confidence.nullable(), source: z.string().nullable() })),
  warnings: z.array(z.object({ code: z.enum(WARNING_CODES), message: z.string() })),
});

export type CostReport = z.infer<typeof costReportSchema>;
export type PlanRef = z.infer<typeof planRefSchema>;
export type PlanChoice = z.infer<typeof planChoice>;
export type ReportPlanFit = z.infer<typeof planFit>;
export type Saving = z.infer<typeof savingSchema>;
export type Alternative = z.infer<typeof alternativeSchema>;
export type LimitEta = z.infer<typeof limitEta>;
export type ReportTrend = z.infer<typeof trend>;
export type CostLine = z.infer<typeof costLine>;
