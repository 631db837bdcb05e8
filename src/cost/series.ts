import { quantileSorted } from 'simple-statistics';
import { InputError, type InputLocation } from '../errors.js';
import { isoFromMs } from './inputs/cells.js';
import {
  BREAKDOWN_FIELDS,
  type Breakdown,
  type BreakdownField,
  type DayUsage,
  type Distribution,
  type GapSummary,
  type SeriesUsage,
  type UsageWarning,
} from './usage.js';

const DAY_MS = 86_400_000;
export const MIN_INTERVAL_S = 5;
export const MAX_INTERVAL_S = 86_400;
/** Coverage below which a day is partial and left out of daily statistics and forecasts. */
const COMPLETE_DAY_COVERAGE = 0.9;
/** A step longer than this many intervals is a gap. */
const GAP_FACTOR = 1.5;

export interface Sample {
  connections?: number;
  messages?: number;
  breakdown?: Breakdown;
  avgMessageSizeBytes?: number;
}

interface DayAcc {
  samples: number;
  messages: number;
  connSamples: number;
  connSum: number;
  peak: number;
  breakdown: Float64Array;
  breakdownSeen: number;
  sizeWeighted: number;
  sizeWeight: number;
}

/** Grows like an array but stores raw numbers: 4 or 8 bytes a row instead of an object. */
class Growable<T extends Float64Array | Uint32Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/**
 * Aggregates samples as they stream in, without keeping rows: per UTC day it keeps sums and
 * peaks; per sample it keeps only the timestamp, a reference for error messages and the
 * connection value (about 20 bytes a sample), which exact p95/p99, duplicate detection and
 * re-sorting need. A 1,000,000-row export therefore needs about 20-40 MB.
 */
export class SeriesAccumulator {
  private readonly days = new Map<number, DayAcc>();
  private readonly ts = new Growable((n) => new Float64Array(n));
  private readonly refs = new Growable((n) => new Uint32Array(n));
  private readonly conns = new Growable((n) => new Float64Array(n));
  private readonly fieldsSeen = new Set<BreakdownField>();
  private lastMs = -Infinity;
  private lastRef = 0;
  private outOfOrder = false;
  private sizeWeighted = 0;
  private sizeWeight = 0;

  /**
   * @param locate turns a sample reference (a CSV line, a Datadog point index) into a location
   *   for error messages.
   */
  constructor(
    private readonly file: string,
    private readonly format: SeriesUsage['format'],
    private readonly locate: (ref: number) => InputLocation,
  ) {}

  add(ms: number, ref: number, sample: Sample): void {
    if (ms === this.lastMs) this.duplicate(ms, ref, this.lastRef);
    if (ms < this.lastMs) this.outOfOrder = true;
    this.lastMs = ms;
    this.lastRef = ref;
    this.ts.push(ms);
    this.refs.push(ref);

    const dayKey = Math.floor(ms / DAY_MS);
    let day = this.days.get(dayKey);
    if (!day) {
      day = {
        samples: 0, messages: 0, connSamples: 0, connSum: 0, peak: 0,
        breakdown: new Float64Array(BREAKDOWN_FIELDS.length), breakdownSeen: 0, sizeWeighted: 0, sizeWeight: 0,
      };
      this.days.set(dayKey, day);
    }
    day.samples++;
    if (sample.messages !== undefined) day.messages += sample.messages;
    if (sample.connections !== undefined) {
      day.connSamples++;
      day.connSum += sample.connections;
      if (sample.connections > day.peak) day.peak = sample.connections;
      this.conns.push(sample.connections);
    }
    if (sample.breakdown) {
      for (let i = 0; i < BREAKDOWN_FIELDS.length; i++) {
        const v = sample.breakdown[BREAKDOWN_FIELDS[i]!];
        if (v !== undefined) {
          day.breakdown[i]! += v;
          day.breakdownSeen |= 1 << i;
          this.fieldsSeen.add(BREAKDOWN_FIELDS[i]!);
        }
      }
    }
    if (sample.avgMessageSizeBytes !== undefined) {
      // Weighted by the interval's messages so quiet intervals do not skew the average.
      const w = sample.messages ?? 1;
      day.sizeWeighted += sample.avgMessageSizeBytes * w;
      day.sizeWeight += w;
      this.sizeWeighted += sample.avgMessageSizeBytes * w;
      this.sizeWeight += w;
    }
  }

  finish(): SeriesUsage {
    const n = this.ts.length;
    if (n === 0) throw new InputError({ file: this.file }, 'no data rows; the export needs at least two samples');
    if (n < 2) throw new InputError(this.locate(this.refs.data[0]!), 'only one sample; the export needs at least two to tell the interval');
    const warnings: UsageWarning[] = [];

    const ts = this.ts.view();
    let order: Uint32Array | null = null;
    if (this.outOfOrder) {
      order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => ts[a]! - ts[b]! || a - b);
      warnings.push({ code: 'rows-sorted', message: `${this.file}: rows are not in time order; they were sorted before modelling` });
    }
    const at = (i: number): number => (order ? ts[order[i]!]! : ts[i]!);
    const refAt = (i: number): number => (order ? this.refs.data[order[i]!]! : this.refs.data[i]!);

    const steps = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) {
      const step = at(i) - at(i - 1);
      if (step === 0) {
        const [a, b] = [refAt(i - 1), refAt(i)].sort((x, y) => x - y) as [number, number];
        this.duplicate(at(i), b, a);
      }
      steps[i - 1] = step;
    }
    const sortedSteps = Float64Array.from(steps).sort();
    const intervalMs = sortedSteps[Math.floor((n - 1) / 2)]!;
    const intervalSeconds = intervalMs / 1000;
    if (intervalSeconds < MIN_INTERVAL_S || intervalSeconds > MAX_INTERVAL_S) {
      throw new InputError(
        { file: this.file, field: 'timestamp' },
        `samples are ${intervalSeconds} s apart; supported intervals are ${MIN_INTERVAL_S} s to 1 day (${MAX_INTERVAL_S} s)`,
      );
    }

    const gaps = this.findGaps(steps, at, intervalMs);
    if (gaps.count > 0) {
      const longest = gaps.longest[0]!;
      warnings.push({
        code: 'gaps',
        message: `${this.file}: ${gaps.count} gap(s) in the series, ${formatDuration(gaps.missingSeconds)} missing in total; longest from ${longest.from} to ${longest.to}`,
      });
    }
    if (intervalSeconds > 60) {
      warnings.push({
        code: 'coarse-interval',
        message: `${this.file}: samples are ${formatDuration(intervalSeconds)} apart (coarser than a minute); short connection peaks between samples are not seen, so peaks may be understated`,
      });
    }
    if (intervalSeconds >= 3600 && at(0) % Math.min(intervalMs, DAY_MS) !== 0) {
      warnings.push({
        code: 'day-alignment',
        message: `${this.file}: intervals do not start on UTC day boundaries; each interval's messages are counted on the UTC day where it starts`,
      });
    }

    const days = this.buildDays(intervalSeconds);
    const partial = days.filter((d) => !d.complete).length;
    if (partial > 0) {
      warnings.push({
        code: 'partial-days',
        message: `${this.file}: ${partial} of ${days.length} UTC day(s) cover less than ${COMPLETE_DAY_COVERAGE * 100} % of the day and are left out of daily statistics`,
      });
    }

    return {
      kind: 'series',
      format: this.format,
      file: this.file,
      intervalSeconds,
      samples: n,
      start: isoFromMs(at(0)),
      end: isoFromMs(at(n - 1)),
      days,
      connections: distributionInPlace(this.conns.view()),
      breakdownFields: BREAKDOWN_FIELDS.filter((f) => this.fieldsSeen.has(f)),
      avgMessageSizeBytes: this.sizeWeight > 0 ? this.sizeWeighted / this.sizeWeight : null,
      gaps,
      warnings,
    };
  }

  private duplicate(ms: number, ref: number, firstRef: number): never {
    const first = this.locate(firstRef);
    const where = first.line !== undefined ? `line ${first.line}` : (first.path ?? 'an earlier sample');
    throw new InputError({ ...this.locate(ref), field: 'timestamp' }, `duplicate timestamp ${isoFromMs(ms)} (also at ${where})`);
  }

  private findGaps(steps: Float64Array, at: (i: number) => number, intervalMs: number): GapSummary {
    const found: Array<{ from: number; to: number }> = [];
    let count = 0;
    let missingMs = 0;
    for (let i = 0; i < steps.length; i++) {
      if (steps[i]! > intervalMs * GAP_FACTOR) {
        count++;
        missingMs += steps[i]! - intervalMs;
        found.push({ from: at(i), to: at(i + 1) });
        // Only the five longest are reported; trimming as we go keeps memory flat.
        if (found.length > 50) trimLongest(found);
      }
    }
    trimLongest(found);
    return {
      count,
      missingSeconds: missingMs / 1000,
      longest: found.map((g) => ({ from: isoFromMs(g.from), to: isoFromMs(g.to), seconds: (g.to - g.from) / 1000 })),
    };
  }

  private buildDays(intervalSeconds: number): DayUsage[] {
    return [...this.days.entries()]
      .sort(([a], [b]) => a - b)
      .map(([key, d]) => {
        const coverage = Math.min(1, (d.samples * intervalSeconds) / 86_400);
        const breakdown: Breakdown = {};
        BREAKDOWN_FIELDS.forEach((f, i) => {
          if (d.breakdownSeen & (1 << i)) breakdown[f] = d.breakdown[i]!;
        });
        return {
          date: isoFromMs(key * DAY_MS).slice(0, 10),
          samples: d.samples,
          coverage,
          complete: coverage >= COMPLETE_DAY_COVERAGE,
          messages: d.messages,
          peakConnections: d.peak,
          meanConnections: d.connSamples > 0 ? d.connSum / d.connSamples : 0,
          breakdown,
          avgMessageSizeBytes: d.sizeWeight > 0 ? d.sizeWeighted / d.sizeWeight : null,
        };
      });
  }
}

function trimLongest(gaps: Array<{ from: number; to: number }>): void {
  gaps.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  gaps.length = Math.min(gaps.length, 5);
}

/** Sorts the given values in place and summarises them. */
export function distributionInPlace(values: Float64Array): Distribution {
  if (values.length === 0) return { max: 0, p95: 0, p99: 0, mean: 0 };
  values.sort();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  // simple-statistics only reads `length` and indices, so a typed array avoids a copy.
  const sorted = values as unknown as number[];
  return {
    max: values[values.length - 1]!,
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    mean: sum / values.length,
  };
}

export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${round1(seconds)} s`;
  if (seconds < 7200) return `${round1(seconds / 60)} min`;
  if (seconds < 172_800) return `${round1(seconds / 3600)} h`;
  return `${round1(seconds / 86_400)} days`;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
