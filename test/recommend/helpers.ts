import { resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { Advice } from '../../src/recommend/index.js';
import { scanReportSchema, type ScanReport } from '../../src/report/schema.js';
import { bufferIO } from '../helpers/project.js';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/recommend');

/** Scans a directory through the CLI, as a user runs it, and returns the validated report and its advice. */
export async function adviceFor(dir: string, usage?: string): Promise<{ report: ScanReport; advice: Advice; stdout: string }> {
  const io = bufferIO(dir);
  const code = await run(['scan', '.', '--format', 'json', ...(usage !== undefined ? ['--usage', usage] : [])], io.io);
  if (code === 2) throw new Error(`scan failed: ${io.stderr()}`);
  const report = scanReportSchema.parse(JSON.parse(io.stdout()));
  if (!report.advice) throw new Error('no advice section');
  return { report, advice: report.advice, stdout: io.stdout() };
}

/** The ids of a pattern's signals that hold (strength > 0), for assertions. */
export function holding(advice: Advice, pattern: string): string[] {
  const p = advice.architecture.patterns.find((x) => x.id === pattern);
  if (!p) throw new Error(`no pattern ${pattern}`);
  return p.signals.filter((s) => s.strength > 0 && s.id !== 'operational-cost' && s.id !== 'incumbent').map((s) => s.id);
}
