import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { generateRepo } from './generate.js';
import { CLI_BIN as bin } from '../helpers/bin.js';

/**
 * Whole-process scan benchmark. For each tree it runs, interleaved and several times, (a) the
 * floor: a plain script listing and reading every file the scan would consider; (b)
 * `pusher-advisor scan --format json`; (c) ESLint 9 with @typescript-eslint/parser and one
 * `no-restricted-syntax` rule matching `trigger` calls, on the same JS/TS files. It reports the
 * median wall time and peak RSS of each, and the ratios scan/floor and ESLint/scan. Processes, not
 * functions: start-up, module loading and garbage collection are what a CI job pays for.
 */

export interface SuiteOptions {
  sizes: number[];
  runs: number;
  eslintRuns: number;
  eslint: boolean;
  json?: string;
}

interface Sample {
  ms: number;
  /** User + system CPU time: steadier than wall time when other processes share the cores. */
  cpuMs: number;
  rssMb: number;
}

interface Measured {
  medianMs: number;
  medianCpuMs: number;
  medianRssMb: number;
  samples: Sample[];
}

export interface Row {
  tree: string;
  files: number;
  floor: Measured;
  scan: Measured;
  eslint?: Measured;
  /** Re-scan with --cache after changing one file (only when the CLI has --cache). */
  cached?: Measured;
  /** Re-scan with --cache of an unchanged tree. */
  warm?: Measured;
  /** The floor again, interleaved with the cached runs, which the cached ratios divide by. */
  cacheFloor?: Measured;
  scanOverFloor: number;
  eslintOverScan?: number;
  cachedOverFloor?: number;
  warmOverFloor?: number;
  /** The same ratios on CPU time. */
  cpu: { scanOverFloor: number; eslintOverScan?: number; cachedOverFloor?: number; warmOverFloor?: number };
  note: string;
}

const floorScript = join(packageRoot, 'dist/test/bench/floor.js');
const eslintBin = join(packageRoot, 'node_modules/eslint/bin/eslint.js');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

let work = '';

/** Runs one process to completion; peak RSS comes from a preload that records maxRSS at exit. */
function runProcess(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Sample> {
  const rssFile = join(work, `rss-${process.hrtime.bigint()}.txt`);
  const preload = join(work, 'rss.cjs');
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', preload, ...args], {
      cwd,
      env: { ...process.env, ...env, PA_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      // scan exits 1 on findings and ESLint on errors: both are results, not failures.
      if (code !== 0 && code !== 1) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(0, 2000)}`));
      let usage = { maxRSS: 0, userCPUTime: 0, systemCPUTime: 0 };
      try {
        usage = JSON.parse(readFileSync(rssFile, 'utf8')) as typeof usage;
      } catch {
        // No sample: the process died before its exit hook.
      }
      resolvePromise({ ms, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), rssMb: Math.round(usage.maxRSS / 102.4) / 10 });
    });
  });
}

function summarize(samples: Sample[]): Measured {
  return { medianMs: Math.round(median(samples.map((s) => s.ms))), medianCpuMs: median(samples.map((s) => s.cpuMs)), medianRssMb: Math.round(median(samples.map((s) => s.rssMb)) * 10) / 10, samples };
}

function eslintConfig(dir: string): string {
  const file = join(dir, 'eslint.config.mjs');
  const parser = join(packageRoot, 'node_modules/@typescript-eslint/parser/dist/index.js');
  writeFileSync(
    file,
    `import * as parser from ${JSON.stringify(parser)};
export default [
  { ignores: ['**/node_modules/', '**/dist/', '**/build/', '**/out/', '**/.next/', '**/.nuxt/', '**/.svelte-kit/', '**/coverage/', '**/vendor/', '**/*.min.js', '**/*.d.ts'] },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } }, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { 'no-restricted-syntax': ['error', "CallExpression[callee.property.name='trigger']"] },
  },
];
`,
  );
  return file;
}

async function measureTree(tree: string, root: string, files: number, options: SuiteOptions, eslint: boolean): Promise<Row> {
  const config = eslintConfig(work);
  const floor: Sample[] = [];
  const scanned: Sample[] = [];
  const linted: Sample[] = [];
  for (let i = 0; i < options.runs; i++) {
    // Interleaved, so a burst of load from other processes hits all three alike.
    floor.push(await runProcess([floorScript, root], root));
    scanned.push(await runProcess([bin, 'scan', '.', '--format', 'json'], root));
    if (eslint && i < options.eslintRuns) linted.push(await runProcess([eslintBin, '--config', config, '--no-config-lookup', '--no-warn-ignored', '--format', 'json', '.'], root));
  }
  const row: Row = {
    tree,
    files,
    floor: summarize(floor),
    scan: summarize(scanned),
    scanOverFloor: 0,
    cpu: { scanOverFloor: 0 },
    note: '',
  };
  row.scanOverFloor = ratio(row.scan.medianMs, row.floor.medianMs);
  row.cpu.scanOverFloor = ratio(row.scan.medianCpuMs, row.floor.medianCpuMs);
  if (linted.length > 0) {
    row.eslint = summarize(linted);
    row.eslintOverScan = ratio(row.eslint.medianMs, row.scan.medianMs);
    row.cpu.eslintOverScan = ratio(row.eslint.medianCpuMs, row.scan.medianCpuMs);
  }
  // Only generated trees are edited; examples/ belongs to the repository.
  if (root.startsWith(work) && supportsCache()) {
    const cacheDir = join(work, `cache-${tree.replace(/\W+/g, '-')}`);
    const args = [bin, 'scan', '.', '--format', 'json', '--cache', '--cache-location', cacheDir];
    await runProcess(args, root);
    const cached: Sample[] = [];
    const warm: Sample[] = [];
    const cacheFloor: Sample[] = [];
    const touched = join(root, pickChangedFile(root));
    for (let i = 0; i < options.runs; i++) {
      // Interleaved with a floor run, so the ratios compare runs under the same load.
      cacheFloor.push(await runProcess([floorScript, root], root));
      // A one-file change the scan must notice: one more export each time.
      appendFileSync(touched, `\nexport const benchTouch${i} = ${i};\n`);
      cached.push(await runProcess(args, root));
      // Nothing changed since the previous scan: what the cache saves outright.
      warm.push(await runProcess(args, root));
    }
    row.cached = summarize(cached);
    row.warm = summarize(warm);
    row.cacheFloor = summarize(cacheFloor);
    row.cachedOverFloor = ratio(row.cached.medianMs, row.cacheFloor.medianMs);
    row.warmOverFloor = ratio(row.warm.medianMs, row.cacheFloor.medianMs);
    row.cpu.cachedOverFloor = ratio(row.cached.medianCpuMs, row.cacheFloor.medianCpuMs);
    row.cpu.warmOverFloor = ratio(row.warm.medianCpuMs, row.cacheFloor.medianCpuMs);
  }
  return row;
}

/** A file in the Pusher slice when there is one (the change the cache must handle best), else a library file. */
function pickChangedFile(root: string): string {
  for (const candidate of ['apps/web/lib/realtime/channels.ts', 'apps/web/lib/realtime/client.ts']) {
    try {
      readFileSync(join(root, candidate));
      return candidate;
    } catch {
      // Not in this tree.
    }
  }
  return 'packages/core/src/chain/step1.ts';
}

let cacheSupport: boolean | undefined;
function supportsCache(): boolean {
  cacheSupport ??= execFileSync(process.execPath, [bin, 'scan', '--help'], { encoding: 'utf8' }).includes('--cache');
  return cacheSupport;
}

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: packageRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function printTable(rows: Row[]): void {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const x = (v: number | undefined): string => (v === undefined ? '—' : `${v}×`);
  const header = ['tree', 'files', 'floor', 'scan', 'ESLint', 'cached', 'warm', 'scan/floor', 'ESLint/scan', 'cached/floor', 'warm/floor', 'CPU scan/floor', 'CPU ESLint/scan', 'RSS floor', 'RSS scan', 'RSS ESLint'];
  const cells = rows.map((r) => [
    r.tree,
    r.files.toLocaleString('en-US'),
    s(r.floor.medianMs),
    s(r.scan.medianMs),
    r.eslint ? s(r.eslint.medianMs) : '—',
    r.cached ? s(r.cached.medianMs) : '—',
    r.warm ? s(r.warm.medianMs) : '—',
    x(r.scanOverFloor),
    x(r.eslintOverScan),
    x(r.cachedOverFloor),
    x(r.warmOverFloor),
    x(r.cpu.scanOverFloor),
    x(r.cpu.eslintOverScan),
    `${r.floor.medianRssMb} MB`,
    `${r.scan.medianRssMb} MB`,
    r.eslint ? `${r.eslint.medianRssMb} MB` : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`);
}

export async function runScanSuite(options: SuiteOptions): Promise<Row[]> {
  work = mkdtempSync(join(tmpdir(), 'pa-bench-'));
  writeFileSync(
    join(work, 'rss.cjs'),
    `process.on('exit', () => { if (process.env.PA_BENCH_RSS_FILE) require('node:fs').writeFileSync(process.env.PA_BENCH_RSS_FILE, JSON.stringify(process.resourceUsage())); });\n`,
  );
  const rows: Row[] = [];
  const startLoad = loadavg()[0]!;
  try {
    const trees: Array<{ tree: string; make: () => { root: string; files: number; note: string }; eslint: boolean }> = [
      { tree: 'examples/', make: () => ({ root: join(packageRoot, 'examples'), files: 0, note: 'the bundled examples' }), eslint: options.eslint },
      ...options.sizes.map((size) => ({
        tree: `synthetic ${size / 1000}k`,
        make: () => {
          const g = generateRepo(mkdtempSync(join(work, `repo-${size}-`)), { files: size, seed: 1 });
          return { root: g.root, files: g.considered, note: `${g.pusherFiles} Pusher files, ${g.noise} ignored noise files, ${Math.round(g.bytes / 1048576)} MB` };
        },
        eslint: options.eslint,
      })),
      {
        tree: 'no Pusher 10k',
        make: () => {
          const g = generateRepo(mkdtempSync(join(work, 'repo-nopusher-')), { files: 10_000, pusher: false, seed: 2 });
          return { root: g.root, files: g.considered, note: `no Pusher at all, ${g.noise} ignored noise files` };
        },
        eslint: false,
      },
    ];
    for (const t of trees) {
      const { root, files, note } = t.make();
      process.stderr.write(`bench: ${t.tree}…\n`);
      const floorOut = execFileSync(process.execPath, [floorScript, root], { encoding: 'utf8' });
      const counted = files || Number(/^(\d+) files/.exec(floorOut)?.[1] ?? 0);
      const row = await measureTree(t.tree, root, counted, options, t.eslint);
      row.note = note;
      rows.push(row);
      if (root.startsWith(work)) rmSync(root, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  printTable(rows);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage: [startLoad, loadavg()[0]] };
  process.stdout.write(`\n${machine.cpus} × ${machine.cpu}, Node ${machine.node}; load average ${machine.loadAverage.map((l) => l!.toFixed(1)).join(' → ')} (medians of ${options.runs} runs, ESLint ${options.eslintRuns})\n`);
  const out = options.json ?? join(packageRoot, 'node_modules/.cache/pusher-advisor-bench', `scan-${commit()}.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ commit: commit(), date: new Date().toISOString(), machine, options, rows }, null, 2)}\n`);
  process.stdout.write(`results: ${out}\n`);
  return rows;
}
