import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { estimateCost, loadUsage } from '../../src/cost/index.js';
import { packageRoot } from '../../src/paths.js';
import type { Benchmark } from './types.js';

interface Generator {
  writeCsv(file: string, options: { days: number; intervalSeconds: number; seed: number; start: string }): Promise<void>;
}

/** 5-second samples for 58 days: 1,002,240 rows, written by the example generator. */
const ROWS_DAYS = 58;
const INTERVAL_S = 5;

let dir: string | null = null;
let file = '';

async function makeCsv(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'pa-bench-'));
  file = join(dir, 'usage-1m.csv');
  const gen = (await import(pathToFileURL(join(packageRoot, 'examples/usage/generate.mjs')).href)) as Generator;
  await gen.writeCsv(file, { days: ROWS_DAYS, intervalSeconds: INTERVAL_S, seed: 1, start: '2026-01-01T00:00:00Z' });
  return `${Math.round(statSync(file).size / 1024 / 1024)} MB file`;
}

export const benchmarks: Benchmark[] = [
  { name: 'cost: generate 1,002,240-row CSV', run: makeCsv },
  {
    // Streams the file through csv-parse and the per-day aggregator (see SeriesAccumulator):
    // rows are not kept; about 20 bytes a sample stay for exact p95/p99 and duplicate checks.
    name: 'cost: model 1,002,240-row CSV',
    run: async () => {
      const usage = await loadUsage(file);
      const report = estimateCost(usage, { currentPlan: 'startup' });
      if (dir) rmSync(dir, { recursive: true, force: true });
      return `${report.window?.samples.toLocaleString('en-US')} samples, ${report.window?.days} days`;
    },
  },
];
