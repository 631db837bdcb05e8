import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { InputError } from '../../errors.js';
import { SeriesAccumulator, type Sample } from '../series.js';
import type { BreakdownField, SeriesUsage } from '../usage.js';
import { clip, describeTimestampKind, parseTimestamp, parseUsageNumber, type ParsedTimestamp } from './cells.js';

export type CsvColumn = 'timestamp' | 'connections' | 'messages' | BreakdownField | 'avg_message_size';

/**
 * Accepted header names per column, compared after lower-casing and turning every run of other
 * characters into `_` (so `Concurrent Connections`, `pusher.messages.broadcast` and
 * `Avg message size (bytes)` all match). Names follow Pusher's Datadog metrics where one exists.
 */
export const CSV_COLUMN_ALIASES: Readonly<Record<CsvColumn, readonly string[]>> = {
  timestamp: ['timestamp', 'time', 'ts', 'date', 'datetime', 'date_time', 'time_utc', 'interval_start', 'period_start', 'start_time', 'bucket'],
  connections: ['connections', 'concurrent_connections', 'peak_connections', 'max_connections', 'peak_concurrent_connections', 'connection_count', 'connections_max', 'concurrent'],
  messages: ['messages', 'message_count', 'messages_count', 'total_messages', 'messages_total', 'pusher_messages'],
  api_requests: ['api_requests', 'api_request', 'api', 'api_messages', 'api_calls', 'publishes', 'pusher_messages_api_request'],
  deliveries: ['deliveries', 'delivered', 'broadcast', 'broadcasts', 'broadcast_messages', 'pusher_messages_broadcast'],
  client_events: ['client_events', 'client_event', 'client_messages'],
  client_events_sent: ['client_events_sent', 'client_event_sent', 'pusher_messages_client_event_sent'],
  client_events_received: ['client_events_received', 'client_event_received', 'pusher_messages_client_event_received'],
  presence_events: ['presence_events', 'presence_event', 'presence', 'presence_messages', 'pusher_messages_presence_event'],
  webhooks: ['webhooks', 'webhook', 'webhook_messages', 'pusher_messages_webhook'],
  avg_message_size: ['avg_message_size', 'average_message_size', 'avg_message_size_bytes', 'average_message_size_bytes', 'mean_message_size', 'message_size_avg', 'pusher_message_size_avg'],
};

const REQUIRED: readonly CsvColumn[] = ['timestamp', 'connections', 'messages'];

const ALIAS_INDEX = new Map<string, CsvColumn>(
  Object.entries(CSV_COLUMN_ALIASES).flatMap(([col, names]) => names.map((n) => [n, col as CsvColumn] as const)),
);

export function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

interface ColumnMap {
  index: Record<CsvColumn, number | undefined>;
  shown: Record<CsvColumn, string>;
}

function mapHeader(header: string[], file: string): ColumnMap {
  const index = {} as Record<CsvColumn, number | undefined>;
  const shown = {} as Record<CsvColumn, string>;
  header.forEach((raw, i) => {
    const col = ALIAS_INDEX.get(normaliseHeader(raw));
    if (col === undefined) {
      throw new InputError(
        { file, line: 1, field: clip(raw) },
        `unknown column; expected ${REQUIRED.join(', ')} and optionally ${Object.keys(CSV_COLUMN_ALIASES).filter((c) => !REQUIRED.includes(c as CsvColumn)).join(', ')} (see the README for aliases)`,
      );
    }
    if (index[col] !== undefined) {
      throw new InputError({ file, line: 1, field: clip(raw) }, `column means the same as "${shown[col]}" (${col}); keep one of them`);
    }
    index[col] = i;
    shown[col] = raw.trim();
  });
  for (const col of REQUIRED) {
    if (index[col] === undefined) {
      throw new InputError({ file, line: 1, field: col }, `missing required column (accepted names: ${CSV_COLUMN_ALIASES[col].join(', ')})`);
    }
  }
  return { index, shown };
}

const OPTIONAL_NUMERIC: readonly BreakdownField[] = [
  'api_requests', 'deliveries', 'client_events', 'client_events_sent', 'client_events_received', 'presence_events', 'webhooks',
];

/**
 * Reads a CSV usage export chunk by chunk and aggregates it as it goes, so memory does not grow
 * with the rows kept (see `SeriesAccumulator`). Throws `InputError` naming file, line and column.
 */
export async function parseCsvUsage(source: AsyncIterable<string | Buffer> | string, file: string): Promise<SeriesUsage> {
  const input = typeof source === 'string' ? Readable.from([source]) : Readable.from(source);
  const parser = input.pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: false, info: true }),
  );
  input.on('error', (err) => parser.destroy(err));

  const acc = new SeriesAccumulator(file, 'csv', (line) => ({ file, line }));
  let columns: ColumnMap | null = null;
  let first: { ts: ParsedTimestamp; line: number } | null = null;
  const optional: Array<[BreakdownField, number, string]> = [];

  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      const line = info.lines;
      if (columns === null) {
        columns = mapHeader(record, file);
        for (const f of OPTIONAL_NUMERIC) {
          const i = columns.index[f];
          if (i !== undefined) optional.push([f, i, columns.shown[f]]);
        }
        continue;
      }
      const cell = (col: CsvColumn): string => record[columns!.index[col]!] ?? '';
      const tsText = cell('timestamp');
      const ts = parseTimestamp(tsText);
      if (!ts.ok) throw new InputError({ file, line, field: columns.shown.timestamp }, ts.problem);
      if (first === null) first = { ts: ts.value, line };
      else if (ts.value.kind !== first.ts.kind || ts.value.offsetMinutes !== first.ts.offsetMinutes) {
        throw new InputError(
          { file, line, field: columns.shown.timestamp },
          `timestamp is ${describeTimestampKind(ts.value)} but line ${first.line} is ${describeTimestampKind(first.ts)}; export every row with the same format and UTC offset`,
        );
      }
      const num = (col: CsvColumn): number => {
        const r = parseUsageNumber(cell(col));
        if (!r.ok) throw new InputError({ file, line, field: columns!.shown[col] }, r.problem);
        return r.value;
      };
      const sample: Sample = { connections: num('connections'), messages: num('messages') };
      if (optional.length > 0) {
        sample.breakdown = {};
        for (const [f, i, shown] of optional) {
          const r = parseUsageNumber(record[i] ?? '');
          if (!r.ok) throw new InputError({ file, line, field: shown }, r.problem);
          sample.breakdown[f] = r.value;
        }
      }
      if (columns.index.avg_message_size !== undefined) sample.avgMessageSizeBytes = num('avg_message_size');
      acc.add(ts.value.ms, line, sample);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (err instanceof CsvError) {
      const line = err['lines'];
      throw new InputError({ file, ...(typeof line === 'number' ? { line } : {}) }, `not valid CSV: ${clip(err.message, 120)}`);
    }
    throw err;
  } finally {
    input.destroy();
  }
  if (columns === null) {
    throw new InputError({ file }, 'empty file; expected a header row (timestamp, connections, messages, …) and data rows');
  }
  return acc.finish();
}
