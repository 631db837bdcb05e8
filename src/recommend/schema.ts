import * as z from 'zod';
import { architectureFactsSchema, locationSchema } from '../inventory/architecture-schema.js';
import { ADVICE_SCHEMA_VERSION } from '../version.js';

export { architectureFactsSchema, type ArchitectureFacts } from '../inventory/architecture-schema.js';

/**
 * The `advice` section of the scan report: the architecture facts, the pattern in use today and
 * the one to move to, the pillar scorecard and one improvement plan. It is the contract the HTML
 * and Markdown reporters render from, so it changes only by adding optional fields; anything that
 * could break a reader bumps `ADVICE_SCHEMA_VERSION`.
 *
 * Every sentence is a `message`: an id from the message table (`messages.ts`), the numbers and
 * names it was filled with, and the rendered text, so a reporter can show the text as is or
 * render its own wording from id + data.
 */

export { ADVICE_SCHEMA_VERSION };

export const PATTERN_IDS = ['direct', 'gateway', 'event-bus', 'multi-region', 'cdn', 'hybrid-pubsub', 'serverless'] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

export const PILLAR_IDS = ['security', 'reliability', 'cost', 'performance', 'operability'] as const;
export type PillarId = (typeof PILLAR_IDS)[number];

export const EFFORTS = ['S', 'M', 'L'] as const;
export type Effort = (typeof EFFORTS)[number];
export const RISKS = ['low', 'medium', 'high'] as const;
export type Risk = (typeof RISKS)[number];

const int = z.number().int().nonnegative();

export const messageSchema = z.strictObject({
  id: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

/** What a signal, step or plan item rests on: a finding, an inventory record or fact, or a cost figure. */
export const evidenceSchema = z.strictObject({
  kind: z.enum(['finding', 'inventory', 'fact', 'cost']),
  /** Finding fingerprint; inventory id (`srv-1`, `op-12`); fact path (`brokers[0]`); cost report path (`summary.connections.max`). */
  ref: z.string(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  value: z.number().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

// ---- The recommendation ----

export const signalResultSchema = z.strictObject({
  id: z.string(),
  /** Positive: speaks for the pattern; negative: against it. */
  weight: z.number(),
  /** 0–1: how strongly the signal holds here. */
  strength: z.number().min(0).max(1),
  /** weight × strength. */
  contribution: z.number(),
  /** The measured or counted value behind the strength, when there is one. */
  value: z.number().nullable(),
  /** The value at which the strength reaches 1, when the signal is graded. */
  threshold: z.number().nullable(),
  /** The signal rests on an assumption because no usage data was given. */
  assumed: z.boolean(),
  evidence: z.array(evidenceSchema),
  text: messageSchema,
});
export type SignalResult = z.infer<typeof signalResultSchema>;

export const patternScoreSchema = z.strictObject({
  id: z.enum(PATTERN_IDS),
  name: z.string(),
  score: z.number(),
  /** The weighted sum written out, e.g. `3×1 + 2×0.5 − 2×1 = 2`. */
  formula: z.string(),
  signals: z.array(signalResultSchema),
});
export type PatternScore = z.infer<typeof patternScoreSchema>;

export const benefitSchema = z.strictObject({
  kind: z.enum(['saving', 'headroom', 'risk-reduction']),
  monthlyUsd: z.number().nullable(),
  connections: z.number().nullable(),
  messagesPerDay: z.number().nullable(),
  text: messageSchema,
});
export type Benefit = z.infer<typeof benefitSchema>;

export const migrationStepSchema = z.strictObject({
  step: z.number().int().positive(),
  id: z.string(),
  text: messageSchema,
  where: z.array(locationSchema),
  effort: z.enum(EFFORTS),
  risk: z.enum(RISKS),
  benefit: benefitSchema,
  evidence: z.array(evidenceSchema),
});
export type MigrationStep = z.infer<typeof migrationStepSchema>;

export const architectureAdviceSchema = z.strictObject({
  facts: architectureFactsSchema,
  current: z.strictObject({ pattern: z.enum(PATTERN_IDS), reasons: z.array(messageSchema) }),
  /** Every pattern, highest score first (ties: simpler pattern first). */
  patterns: z.array(patternScoreSchema),
  recommended: z.enum(PATTERN_IDS),
  runnerUp: z.enum(PATTERN_IDS),
  /** The recommended pattern is the one in use today. */
  alreadyRight: z.boolean(),
  verdict: messageSchema,
  changeIf: z.array(
    z.strictObject({ pattern: z.enum(PATTERN_IDS), signal: z.string(), threshold: z.number().nullable(), text: messageSchema }),
  ),
  assumptions: z.array(messageSchema),
  migration: z.array(migrationStepSchema),
  watch: z.array(messageSchema),
});
export type ArchitectureAdvice = z.infer<typeof architectureAdviceSchema>;

// ---- Scorecard and plan ----

export const auditSchema = z.strictObject({
  id: z.string(),
  weight: z.number().positive(),
  /** 0–1, or null when not applicable (left out of the mean). */
  score: z.number().min(0).max(1).nullable(),
  findings: z.array(z.string()),
  text: messageSchema,
});
export type Audit = z.infer<typeof auditSchema>;

export const pillarSchema = z.strictObject({
  id: z.enum(PILLAR_IDS),
  name: z.string(),
  /** 0–100, the weighted mean of the audits' scores; null when no audit applies. */
  score: z.number().min(0).max(100).nullable(),
  /** Lighthouse's bands: pass ≥ 90, average ≥ 50, else fail. */
  rating: z.enum(['pass', 'average', 'fail', 'n/a']),
  formula: z.string(),
  risks: z.strictObject({ high: int, medium: int }),
  strength: messageSchema.nullable(),
  gap: messageSchema.nullable(),
  /** Fingerprints of the most severe findings, at most three. */
  topFindings: z.array(z.string()),
  audits: z.array(auditSchema),
});
export type Pillar = z.infer<typeof pillarSchema>;

export const planItemSchema = z.strictObject({
  rank: z.number().int().positive(),
  id: z.string(),
  pillar: z.enum(PILLAR_IDS),
  source: z.enum(['finding', 'migration']),
  text: messageSchema,
  /** 1–10. */
  impact: z.number().int().min(1).max(10),
  effort: z.enum(EFFORTS),
  /** impact ÷ effort (S = 1, M = 2, L = 3): the order of the plan. */
  priority: z.number(),
  findings: z.array(z.string()),
  where: z.array(locationSchema),
  savings: z
    .strictObject({ lever: z.string(), monthlyUsd: z.number().nullable(), metric: z.string().nullable(), reductionFraction: z.number() })
    .nullable(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const adviceSchema = z.strictObject({
  schemaVersion: z.literal(ADVICE_SCHEMA_VERSION),
  inputs: z.strictObject({
    /** Usage data fed the verdict (`scan --usage`); without it the verdict says what it assumed. */
    usage: z.enum(['csv', 'datadog', 'assumptions', 'none']),
    findings: int,
  }),
  architecture: architectureAdviceSchema,
  scorecard: z.strictObject({
    formula: z.string(),
    pillars: z.array(pillarSchema),
  }),
  plan: z.array(planItemSchema),
});
export type Advice = z.infer<typeof adviceSchema>;
