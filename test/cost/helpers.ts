import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';


export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with buffers for stdout/stderr. */
export async function runCli(args: string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { NO_COLOR: '1' },
    cwd,
  });
  return { code, stdout, stderr };
}

/** A fresh temp dir holding the given files. */
export function tempFiles(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pa-cost-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const DAY_MS = 86_400_000;

export interface SeriesSpec {
  days: number;
  intervalSeconds?: number;
  start?: string;
  /** Peak connections of day d; every day reaches exactly this once. */
  peak: (d: number) => number;
  /** Messages of day d, spread evenly over the day's samples. */
  messages: (d: number) => number;
  extraHeader?: string;
  extraCells?: (d: number, i: number) => string;
}

/**
 * A CSV whose daily peak and daily messages are known exactly: connections follow a triangle
 * that reaches `peak(d)` at noon, and messages are split evenly over the day's samples.
 */
export function syntheticCsv(spec: SeriesSpec): string {
  const interval = spec.intervalSeconds ?? 300;
  const perDay = 86_400 / interval;
  const t0 = Date.parse(spec.start ?? '2026-01-05T00:00:00Z');
  const lines = [`timestamp,connections,messages${spec.extraHeader ? `,${spec.extraHeader}` : ''}`];
  for (let d = 0; d < spec.days; d++) {
    const perSample = spec.messages(d) / perDay;
    for (let i = 0; i < perDay; i++) {
      const ms = t0 + d * DAY_MS + i * interval * 1000;
      const shape = 1 - Math.abs(i - perDay / 2) / (perDay / 2);
      const conns = spec.peak(d) * (0.2 + 0.8 * shape);
      lines.push(`${new Date(ms).toISOString()},${conns},${perSample}${spec.extraCells ? `,${spec.extraCells(d, i)}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
