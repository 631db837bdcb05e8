import * as z from 'zod';
import { InputError } from '../../errors.js';
import { SeriesAccumulator, type Sample } from '../series.js';
import type { BreakdownField, SeriesUsage, UsageWarning } from '../usage.js';
import { checkUsageValue, clip } from './cells.js';
import { jsonPath, parseJsonText, zodToInputError } from './json-errors.js';

/** Pusher's Datadog metrics (Datadog integration page, facts §7 [S]) and what each becomes. */
export const DATADOG_METRICS: Readonly<Record<string, 'messages' | BreakdownField | 'avg_message_size' | null>> = {
  'pusher.messages': 'messages',
  'pusher.messages.api_request': 'api_requests',
  'pusher.messages.broadcast': 'deliveries',
  'pusher.messages.client_event.received': 'client_events_received',
  'pusher.messages.client_event.sent': 'client_events_sent',
  'pusher.messages.presence_event': 'presence_events',
  'pusher.messages.webhook': 'webhooks',
  'pusher.message_size.avg': 'avg_message_size',
  // Known but not modelled: the cost model needs averages, not these.
  'pusher.message_size.max': null,
  'pusher.message_size.p95': null,
  'pusher.message_size.median': null,
  'pusher.message_size.count': null,
};

const pointSchema = z.tuple([
  z.number({ error: 'timestamp must be a number (epoch milliseconds)' }),
  z.number({ error: 'value must be a number or null' }).nullable(),
]);

/** The parts of Datadog's `/api/v1/query` response we read; other keys are allowed. */
export const datadogQuerySchema = z.looseObject({
  series: z
    .array(
      z.looseObject({
        metric: z.string({ error: 'metric must be a string' }).min(1, { error: 'metric is empty' }),
        pointlist: z.array(pointSchema, { error: 'pointlist must be an array of [timestamp, value] pairs' }),
      }),
      { error: 'series must be an array (a Datadog time-series query response)' },
    )
    .min(1, { error: 'series is empty' }),
});

export interface DatadogOptions {
  /**
   * Datadog metric holding concurrent connections. Pusher's metric name for it is not
   * confirmed, so when it is not given the one series whose name mentions "connection" is used.
   */
  connectionsMetric?: string;
}

type Role = 'connections' | 'messages' | BreakdownField | 'avg_message_size';

interface Point {
  connections?: number;
  messages?: number;
  size?: number;
  breakdown?: Partial<Record<BreakdownField, number>>;
  ref: number;
}

export function parseDatadogUsage(text: string, file: string, options: DatadogOptions = {}): SeriesUsage {
  const raw = parseJsonText(text, file);
  const parsed = datadogQuerySchema.safeParse(raw);
  if (!parsed.success) throw zodToInputError(file, parsed.error);
  const series = parsed.data.series;
  const warnings: UsageWarning[] = [];

  const connectionsMetric = options.connectionsMetric ?? guessConnectionsMetric(series.map((s) => s.metric), file, warnings);
  const ignored = new Set<string>();
  const roles = series.map((s, i): Role | null => {
    if (s.metric === connectionsMetric) return 'connections';
    if (s.metric in DATADOG_METRICS) {
      const role = DATADOG_METRICS[s.metric]!;
      if (role === null) ignored.add(s.metric);
      return role;
    }
    throw new InputError(
      { file, path: `series[${i}].metric`, field: 'metric' },
      `unknown metric "${clip(s.metric)}"; expected ${Object.keys(DATADOG_METRICS).join(', ')} or the connection metric named with --connections-metric`,
    );
  });
  if (!roles.includes('connections')) {
    throw new InputError(
      { file, path: 'series', field: 'metric' },
      `no series for the connection metric "${connectionsMetric}"; name the metric that holds concurrent connections with --connections-metric`,
    );
  }
  if (!roles.includes('messages')) {
    throw new InputError({ file, path: 'series', field: 'metric' }, 'no "pusher.messages" series; query sum:pusher.messages{*}.as_count()');
  }
  if (ignored.size > 0) {
    warnings.push({ code: 'ignored-metrics', message: `${file}: metrics not used by the cost model were ignored: ${[...ignored].sort().join(', ')}` });
  }

  // Series of one metric split by scope (one per app_id) are summed: Pusher's limits apply to
  // the account, summed over its apps (facts §1.2).
  const points = new Map<number, Point>();
  const refs: string[] = [];
  let nulls = 0;
  let unordered = false;
  series.forEach((s, si) => {
    const role = roles[si]!;
    if (role === null) return;
    const seen = new Map<number, number>();
    let last = -Infinity;
    s.pointlist.forEach(([ms, value], pi) => {
      if (ms < last) unordered = true;
      last = ms;
      const path = `series[${si}].pointlist[${pi}]`;
      if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
        throw new InputError({ file, path: `${path}[0]`, field: 'timestamp' }, `timestamp ${clip(String(ms))} is not epoch milliseconds`);
      }
      const prev = seen.get(ms);
      if (prev !== undefined) {
        throw new InputError({ file, path: `${path}[0]`, field: 'timestamp' }, `duplicate timestamp ${new Date(ms).toISOString()} (also at series[${si}].pointlist[${prev}])`);
      }
      seen.set(ms, pi);
      if (value === null) {
        nulls++;
        return;
      }
      const checked = checkUsageValue(value);
      if (!checked.ok) throw new InputError({ file, path: `${path}[1]`, field: s.metric }, checked.problem);
      let p = points.get(ms);
      if (!p) {
        p = { ref: refs.length };
        refs.push(path);
        points.set(ms, p);
      }
      if (role === 'connections') p.connections = (p.connections ?? 0) + checked.value;
      else if (role === 'messages') p.messages = (p.messages ?? 0) + checked.value;
      else if (role === 'avg_message_size') p.size = Math.max(p.size ?? 0, checked.value);
      else (p.breakdown ??= {})[role] = (p.breakdown[role] ?? 0) + checked.value;
    });
  });
  if (unordered) {
    warnings.push({ code: 'rows-sorted', message: `${file}: points are not in time order; they were sorted before modelling` });
  }
  if (nulls > 0) {
    warnings.push({ code: 'null-points', message: `${file}: ${nulls} point(s) without a value (null) were treated as missing data` });
  }

  const acc = new SeriesAccumulator(file, 'datadog', (ref) => ({ file, path: refs[ref] ?? jsonPath(['series']) }));
  for (const ms of [...points.keys()].sort((a, b) => a - b)) {
    const p = points.get(ms)!;
    const sample: Sample = {};
    if (p.connections !== undefined) sample.connections = p.connections;
    if (p.messages !== undefined) sample.messages = p.messages;
    if (p.breakdown) sample.breakdown = p.breakdown;
    if (p.size !== undefined) sample.avgMessageSizeBytes = p.size;
    acc.add(ms, p.ref, sample);
  }
  const usage = acc.finish();
  usage.warnings.unshift(...warnings);
  return usage;
}

function guessConnectionsMetric(metrics: string[], file: string, warnings: UsageWarning[]): string {
  const candidates = [...new Set(metrics.filter((m) => /connection/i.test(m) && !(m in DATADOG_METRICS)))].sort();
  if (candidates.length !== 1) {
    throw new InputError(
      { file, path: 'series', field: 'metric' },
      candidates.length === 0
        ? 'no connection metric found; name the series that holds concurrent connections with --connections-metric'
        : `several metrics could hold connections (${candidates.join(', ')}); choose one with --connections-metric`,
    );
  }
  warnings.push({
    code: 'connection-metric-guessed',
    message: `${file}: using "${candidates[0]}" as concurrent connections (Pusher's Datadog connection metric name is not confirmed; choose another with --connections-metric)`,
  });
  return candidates[0]!;
}
