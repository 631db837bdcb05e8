import { formatMs, formatPercent, roundMs, tally } from './format.js';
import type { LatencyTargets } from './options.js';
import type { LoadStats, ProbeStatus } from './schema.js';

/** One load request as the statistics need it. */
export interface LoadSample {
  ms: number;
  /** A 2xx answer carrying `auth`. */
  signed: boolean;
  rateLimited: boolean;
  /** How it was answered, e.g. `HTTP 500`, for the failure tally. */
  answer: string;
}

/**
 * Runs `count` tasks, at most `concurrency` at a time, in index order. Once `stop()` is true no
 * new task starts, so the count is an upper bound, never a target to make up.
 */
export async function runPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  stop: () => boolean = () => false,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !stop()) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results.filter((r) => r !== undefined);
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LoadVerdict {
  stats: LoadStats;
  status: ProbeStatus;
  summary: string;
  evidence: string[];
}

/**
 * Latency over signed answers and success over answers that were not 429, compared with the
 * targets. A 429 is left out of the success rate because the probe is a single caller and a
 * per-user limiter is expected to trip under its load.
 */
export function evaluateLoad(
  samples: readonly LoadSample[],
  plan: { requests: number; concurrency: number },
  targets: LatencyTargets,
): LoadVerdict {
  const signed = samples.filter((s) => s.signed);
  const rateLimited = samples.filter((s) => s.rateLimited).length;
  const failures = samples.filter((s) => !s.signed && !s.rateLimited);
  const counted = samples.length - rateLimited;
  const sorted = signed.map((s) => s.ms).sort((a, b) => a - b);
  const pick = (p: number) => {
    const v = percentile(sorted, p);
    return v === null ? null : roundMs(v);
  };
  const stats: LoadStats = {
    requests: plan.requests,
    concurrency: plan.concurrency,
    sent: samples.length,
    succeeded: signed.length,
    rateLimited,
    failed: failures.length,
    successRate: counted === 0 ? null : signed.length / counted,
    p50Ms: pick(50),
    p95Ms: pick(95),
    p99Ms: pick(99),
    targets: { ...targets },
  };

  const evidence: string[] = [];
  if (stats.p50Ms !== null && stats.p95Ms !== null && stats.p99Ms !== null) {
    evidence.push(
      `p50 ${formatMs(stats.p50Ms)} · p95 ${formatMs(stats.p95Ms)} · p99 ${formatMs(stats.p99Ms)} over ${signed.length} signed answers (${samples.length} requests, concurrency ${plan.concurrency})`,
    );
  }
  if (stats.successRate !== null) {
    evidence.push(`success ${formatPercent(stats.successRate)} (${signed.length} of ${counted}); target ≥ ${formatPercent(targets.successRate)}`);
  }
  if (failures.length > 0) evidence.push(`not signed: ${tally(failures.map((f) => f.answer))}`);
  if (rateLimited > 0) evidence.push(`${rateLimited} answered 429 and are left out of the success rate (one caller tripping its own limit)`);

  const problems: string[] = [];
  if (stats.successRate === null) problems.push(`every one of ${samples.length} requests was rate-limited; lower --requests or exempt the probe's identity`);
  else if (stats.successRate < targets.successRate) problems.push(`success ${formatPercent(stats.successRate)} is below ${formatPercent(targets.successRate)}`);
  if (stats.p95Ms !== null && stats.p95Ms > targets.p95Ms) problems.push(`p95 ${formatMs(stats.p95Ms)} is above ${formatMs(targets.p95Ms)}`);
  if (problems.length > 0) return { stats, status: 'fail', summary: problems.join('; '), evidence };
  return {
    stats,
    status: 'pass',
    summary: `p95 ${formatMs(stats.p95Ms ?? 0)} ≤ ${formatMs(targets.p95Ms)}, success ${formatPercent(stats.successRate ?? 0)} ≥ ${formatPercent(targets.successRate)}`,
    evidence,
  };
}
