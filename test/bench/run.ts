/**
 * Runs every benchmark once and prints name, wall time and peak memory. Each file under
 * test/bench/ exports its entries; add a line to the list below. Build first (`npm run bench`
 * does), and run with `--expose-gc` so each benchmark starts from a collected heap.
 */
import { benchmarks as cost } from './cost.bench.js';
import { benchmarks as scan } from './scan.bench.js';
import type { Benchmark } from './types.js';

const benchmarks: Benchmark[] = [...scan, ...cost];

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

const only = process.argv[2];
const rows: Row[] = [];
for (const b of benchmarks) {
  if (only && !b.name.includes(only)) continue;
  rows.push(await measure(b));
}
const header = ['benchmark', 'wall time', 'peak RSS', 'peak heap', 'note'];
const cells = rows.map((r) => [r.name, `${(r.ms / 1000).toFixed(2)} s`, `${r.peakRssMb} MB`, `${r.peakHeapMb} MB`, r.note]);
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`);
