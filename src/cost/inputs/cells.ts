import * as z from 'zod';

/**
 * Cell-level parsing shared by the CSV and Datadog readers. Each returns either a value or a
 * problem sentence; the reader adds file, line and field.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Timestamp kinds: mixing them in one file is refused, as is mixing UTC offsets. */
export type TimestampKind = 'iso' | 'epoch-s' | 'epoch-ms';

export interface ParsedTimestamp {
  ms: number;
  kind: TimestampKind;
  /** UTC offset in minutes for ISO timestamps (`Z` = 0), null for epoch values. */
  offsetMinutes: number | null;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH_RE = /^\d{1,16}(\.\d+)?$/;
/** Epoch values below this are seconds (this many seconds is the year 5138; as ms it is 1973). */
const EPOCH_MS_THRESHOLD = 1e11;

export function parseTimestamp(text: string): Parsed<ParsedTimestamp> {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'empty timestamp' };
  if (EPOCH_RE.test(s)) {
    const n = Number(s);
    const kind: TimestampKind = n < EPOCH_MS_THRESHOLD ? 'epoch-s' : 'epoch-ms';
    const ms = kind === 'epoch-s' ? n * 1000 : n;
    if (!Number.isFinite(ms) || ms > 8.64e15) return { ok: false, problem: `cannot parse "${s}" as epoch seconds or milliseconds` };
    return { ok: true, value: { ms: Math.round(ms), kind, offsetMinutes: null } };
  }
  const m = ISO_RE.exec(s);
  if (!m) {
    return { ok: false, problem: `cannot parse "${clip(s)}" as an ISO 8601 timestamp with UTC offset or as epoch seconds/milliseconds` };
  }
  const [, y, mo, d, h, mi, sec, frac, off] = m as unknown as [string, string, string, string, string, string, string?, string?, string?];
  if (off === undefined) {
    return { ok: false, problem: `timestamp "${clip(s)}" has no UTC offset; add "Z" or "+hh:mm" so days can be counted in UTC` };
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = sec === undefined ? 0 : Number(sec);
  const millis = frac === undefined ? 0 : Math.round(Number(`0${frac}`) * 1000);
  let offsetMinutes = 0;
  if (off !== 'Z' && off !== 'z') {
    const sign = off.startsWith('-') ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 14 || om > 59) return { ok: false, problem: `timestamp "${clip(s)}" has an impossible UTC offset` };
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 ||
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
  ) {
    return { ok: false, problem: `timestamp "${clip(s)}" is not a valid date and time` };
  }
  return { ok: true, value: { ms: utc - offsetMinutes * 60_000, kind: 'iso', offsetMinutes } };
}

export function describeTimestampKind(t: ParsedTimestamp): string {
  if (t.kind === 'epoch-s') return 'epoch seconds';
  if (t.kind === 'epoch-ms') return 'epoch milliseconds';
  return `ISO 8601 with offset ${formatOffset(t.offsetMinutes ?? 0)}`;
}

export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const MAX_USAGE_VALUE = 1e15;

/** The message for a value that is not a usable number; zod calls it with the offending input. */
export function numberProblem(issue: { input?: unknown }): string {
  const v = issue.input;
  if (v === undefined) return 'missing';
  if (typeof v === 'number' && Number.isNaN(v)) return 'is NaN';
  if (typeof v === 'number') return 'is not finite';
  return 'must be a number';
}

/** A usage count or gauge: finite and not negative. Zod keeps the rule in one declared place. */
export const usageValueSchema = z
  .number({ error: numberProblem })
  .nonnegative({ error: 'is negative' })
  // Far above any real account, and low enough that sums over millions of rows stay finite.
  .max(MAX_USAGE_VALUE, { error: 'is implausibly large (over 10^15)' });

export function parseUsageNumber(text: string): Parsed<number> {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'empty value; every row needs a number here' };
  if (!NUMBER_RE.test(s)) return { ok: false, problem: `"${clip(s)}" is not a number` };
  return checkUsageValue(Number(s), s);
}

export function checkUsageValue(n: number, shown: string = String(n)): Parsed<number> {
  const r = usageValueSchema.safeParse(n);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problem: `value ${clip(shown)} ${r.error.issues[0]?.message ?? 'is invalid'}` };
}

/** Keeps error lines one line and short even when the input is a huge or binary cell. */
export function clip(s: string, max = 60): string {
  const flat = s.replace(/[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '?');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
