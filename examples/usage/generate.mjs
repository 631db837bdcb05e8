#!/usr/bin/env node
// Writes the example usage exports deterministically (seeded PRNG, no dependencies), so the
// committed files can be checked byte for byte and the benchmark can make large inputs.
//
//   node examples/usage/generate.mjs [--out DIR] [--days N] [--interval SECONDS] [--seed N] [--csv-only]
//
// The load is invented but shaped like a real app: a daily cycle peaking mid-afternoon UTC,
// quieter weekends, about 0.8 % growth a day, and a few percent of noise.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEFAULTS = { days: 35, intervalSeconds: 300, seed: 20260601, start: '2026-06-01T00:00:00Z' };
export const CSV_HEADER = 'timestamp,connections,messages,api_requests,deliveries,client_events,presence_events,webhooks,avg_message_size';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Yields one sample per interval: the numbers behind every output format. */
export function* samples({ days, intervalSeconds, seed, start }) {
  const rand = mulberry32(seed);
  const noise = (spread) => 1 + (rand() * 2 - 1) * spread;
  const t0 = Date.parse(start);
  const perDay = Math.round(86400 / intervalSeconds);
  const scale = intervalSeconds / 300;
  for (let i = 0; i < days * perDay; i++) {
    const ms = t0 + i * intervalSeconds * 1000;
    const day = Math.floor(i / perDay);
    const hour = ((ms / 3600000) % 24 + 24) % 24;
    const weekday = new Date(ms).getUTCDay();
    const weekly = weekday === 0 || weekday === 6 ? 0.75 : 1;
    const daily = 0.3 + 0.7 * Math.pow((1 + Math.cos((2 * Math.PI * (hour - 15)) / 24)) / 2, 1.5);
    const growth = Math.pow(1.008, day);
    const connections = Math.round(340 * growth * weekly * daily * noise(0.03));
    const api = Math.round(connections * 1.2 * scale * noise(0.1));
    const deliveries = Math.round(api * 7.5 * noise(0.05));
    const clientEvents = Math.round(connections * 0.8 * scale * noise(0.2));
    const presence = Math.round(connections * 0.8 * scale * noise(0.2));
    const webhooks = Math.round(connections * 0.4 * scale * noise(0.2));
    const size = Math.round(900 * noise(0.1));
    yield { ms, connections, api, deliveries, clientEvents, presence, webhooks, size, messages: api + deliveries + clientEvents + presence + webhooks };
  }
}

function iso(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

async function writeLines(file, lines) {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await new Promise((r) => out.once('drain', r));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise((r, j) => out.on('finish', r).on('error', j));
}

export async function writeCsv(file, options = DEFAULTS) {
  function* lines() {
    yield CSV_HEADER;
    for (const s of samples(options)) {
      yield `${iso(s.ms)},${s.connections},${s.messages},${s.api},${s.deliveries},${s.clientEvents},${s.presence},${s.webhooks},${s.size}`;
    }
  }
  await writeLines(file, lines());
}

/**
 * The last 14 days as a Datadog query result with hourly points: message counts summed per hour,
 * connections as the hour's maximum. Pusher's connection metric name is not confirmed, so the
 * example uses `pusher.connections` and the README says to pass the real one.
 */
export async function writeDatadog(file, options = DEFAULTS) {
  const hours = new Map();
  const firstMs = Date.parse(options.start) + (options.days - 14) * 86400000;
  for (const s of samples(options)) {
    if (s.ms < firstMs) continue;
    const h = s.ms - (s.ms % 3600000);
    const acc = hours.get(h) ?? { c: 0, m: 0, api: 0, del: 0, ce: 0, pr: 0, wh: 0, sizeW: 0 };
    acc.c = Math.max(acc.c, s.connections);
    acc.m += s.messages;
    acc.api += s.api;
    acc.del += s.deliveries;
    acc.ce += s.clientEvents;
    acc.pr += s.presence;
    acc.wh += s.webhooks;
    acc.sizeW += s.size * s.messages;
    hours.set(h, acc);
  }
  const keys = [...hours.keys()].sort((a, b) => a - b);
  const series = (metric, pick) => ({
    metric,
    display_name: metric,
    scope: '*',
    expression: metric.startsWith('pusher.message_size') ? `avg:${metric}{*}` : `sum:${metric}{*}.as_count()`,
    interval: 3600,
    length: keys.length,
    pointlist: keys.map((k) => [k, pick(hours.get(k))]),
  });
  const body = {
    status: 'ok',
    res_type: 'time_series',
    from_date: keys[0],
    to_date: keys[keys.length - 1] + 3600000,
    query: 'sum:pusher.messages{*}.as_count(), max:pusher.connections{*}',
    series: [
      series('pusher.connections', (a) => a.c),
      series('pusher.messages', (a) => a.m),
      series('pusher.messages.api_request', (a) => a.api),
      series('pusher.messages.broadcast', (a) => a.del),
      series('pusher.messages.client_event.received', (a) => Math.round(a.ce / 8)),
      series('pusher.messages.client_event.sent', (a) => a.ce - Math.round(a.ce / 8)),
      series('pusher.messages.presence_event', (a) => a.pr),
      series('pusher.messages.webhook', (a) => a.wh),
      series('pusher.message_size.avg', (a) => Math.round(a.sizeW / a.m)),
    ],
  };
  await mkdir(dirname(file), { recursive: true });
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, `${JSON.stringify(body)}\n`);
}

function parseArgs(argv) {
  const opts = { ...DEFAULTS, out: dirname(fileURLToPath(import.meta.url)), csvOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.out = resolve(argv[++i]);
    else if (a === '--days') opts.days = Number(argv[++i]);
    else if (a === '--interval') opts.intervalSeconds = Number(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--csv-only') opts.csvOnly = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const opts = parseArgs(process.argv.slice(2));
  await writeCsv(join(opts.out, 'pusher-usage.csv'), opts);
  if (!opts.csvOnly) await writeDatadog(join(opts.out, 'datadog-query.json'), opts);
}
