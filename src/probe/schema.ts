import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { InputError } from '../errors.js';

export const PROBE_SCHEMA_VERSION = 1;

/** The checks in the order they are always reported. */
export const PROBE_CHECK_IDS = [
  'https',
  'channel-signature',
  'user-signature',
  'requires-credentials',
  'denies-channels',
  'forged-identity',
  'rejects-malformed',
  'rate-limit',
  'latency',
] as const;
export type ProbeCheckId = (typeof PROBE_CHECK_IDS)[number];

export const PROBE_STATUSES = ['pass', 'fail', 'skipped'] as const;
export type ProbeStatus = (typeof PROBE_STATUSES)[number];

const checkSchema = z.strictObject({
  id: z.enum(PROBE_CHECK_IDS),
  title: z.string(),
  /** Where the report files it: the Security pillar takes `security`. */
  category: z.enum(['security', 'performance']),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  status: z.enum(PROBE_STATUSES),
  summary: z.string(),
  evidence: z.array(z.string()),
});

const loadSchema = z.strictObject({
  requests: z.number().int().nonnegative(),
  concurrency: z.number().int().positive(),
  sent: z.number().int().nonnegative(),
  succeeded: z.number().int().nonnegative(),
  rateLimited: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Successes over answers that were not 429, 0..1; null when every answer was 429. */
  successRate: z.number().min(0).max(1).nullable(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
  p99Ms: z.number().nonnegative().nullable(),
  targets: z.strictObject({ successRate: z.number().min(0).max(1), p95Ms: z.number().positive() }),
});

const burstSchema = z.strictObject({
  size: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  /** 1-based position of the first 429 in the burst, or null if none came. */
  firstLimitedAt: z.number().int().positive().nullable(),
  firstLimitedAfterMs: z.number().nonnegative().nullable(),
  retryAfter: z.string().nullable(),
});

export const probeReportSchema = z.strictObject({
  schemaVersion: z.literal(PROBE_SCHEMA_VERSION),
  kind: z.literal('auth-probe'),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  target: z.strictObject({
    /** Origin and path; a query string is shown as `?…` because it may carry tokens. */
    endpoint: z.string(),
    userAuthEndpoint: z.string().nullable(),
    key: z.string(),
    secretGiven: z.boolean(),
    /** Names only: values never leave the probe. */
    credentials: z.strictObject({ headers: z.array(z.string()), cookies: z.array(z.string()) }),
  }),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  requests: z.strictObject({ planned: z.number().int().nonnegative(), sent: z.number().int().nonnegative() }),
  checks: z.array(checkSchema),
  load: loadSchema.nullable(),
  burst: burstSchema.nullable(),
  summary: z.strictObject({
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
});

export type ProbeReport = z.infer<typeof probeReportSchema>;
export type ProbeCheck = z.infer<typeof checkSchema>;
export type LoadStats = z.infer<typeof loadSchema>;
export type BurstStats = z.infer<typeof burstSchema>;

/** Validates a saved probe report; `file` only names the source in the error. */
export function parseProbeReport(text: string, file: string): ProbeReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file }, `not valid JSON (${(err as Error).message})`);
  }
  const result = probeReportSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length > 0 ? formatIssuePath(issue.path) : undefined;
  const problem =
    path === 'schemaVersion'
      ? `not a pusher-advisor probe report of schema version ${PROBE_SCHEMA_VERSION} (${issue.message})`
      : issue.message;
  throw new InputError({ file, ...(path === undefined ? {} : { path }) }, problem);
}

/** Reads and validates a probe report written by `probe auth --format json`. */
export function loadProbeReport(file: string): ProbeReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError({ file }, `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseProbeReport(text, file);
}

/** A zod issue path as `checks[2].status`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
