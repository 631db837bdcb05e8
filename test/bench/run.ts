/**
 * `npm run bench [-- options]`: the whole-process scan benchmark (floor, scan, ESLint on
 * generated trees, examples/ and a tree without Pusher), then the in-process cost and report benchmarks.
 *
 *   --full            add the 50,000-file tree (minutes on 2 cores)
 *   --sizes 1000,5000 tree sizes instead of 1,000 and 10,000
 *   --runs N          runs per measurement, medians reported (default 3)
 *   --eslint-runs N   ESLint runs per tree (default: --runs); --no-eslint skips it
 *   --json <file>     where the results go (default node_modules/.cache/pusher-advisor-bench/)
 *   --only scan|cost|report  one suite (report: render a saved 10,000-finding result)
 *
 * Build first (`npm run bench` does), and run with `--expose-gc` so each in-process benchmark
 * starts from a collected heap.
 */
import { parseArgs } from 'node:util';
import { benchmarks as cost } from './cost.bench.js';
import { benchmarks as report } from './report.bench.js';
import { runScanSuite } from './scan.bench.js';
import type { Benchmark } from './types.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'eslint-runs': { type: 'string' },
    'no-eslint': { type: 'boolean', default: false },
    json: { type: 'string' },
    only: { type: 'string' },
  },
});

const runs = Math.max(1, Number(values.runs));
if (values.only === undefined || values.only === 'scan') {
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : [1_000, 10_000, ...(values.full ? [50_000] : [])];
  await runScanSuite({
    sizes,
    runs,
    eslintRuns: values['eslint-runs'] !== undefined ? Number(values['eslint-runs']) : runs,
    eslint: !values['no-eslint'],
    ...(values.json !== undefined ? { json: values.json } : {}),
  });
}

interface Row {
  name: string;
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
  note: string;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure(b: Benchmark): Promise<Row> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  // Sampling (rather than process.resourceUsage().maxRSS) gives each benchmark its own peak.
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const start = performance.now();
  const note = (await b.run()) ?? '';
  const ms = performance.now() - start;
  clearInterval(timer);
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  return { name: b.name, ms, peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), note };
}

const inProcess = [...(values.only === undefined || values.only === 'cost' ? cost : []), ...(values.only === undefined || values.only === 'report' ? report : [])];
if (inProcess.length > 0) {
  const rows: Row[] = [];
  for (const b of inProcess) rows.push(await measure(b));
  const header = ['benchmark', 'wall time', 'peak RSS', 'peak heap', 'note'];
  const cells = rows.map((r) => [r.name, `${(r.ms / 1000).toFixed(2)} s`, `${r.peakRssMb} MB`, `${r.peakHeapMb} MB`, r.note]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`\n${[line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`);
}
