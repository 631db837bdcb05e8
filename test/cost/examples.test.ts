import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { costReportSchema } from '../../src/cost/model.js';
import { runCli } from './helpers.js';

const examples = join(packageRoot, 'examples/usage');

describe('examples/usage', () => {
  it('the committed exports are exactly what the generator writes', () => {
    const out = mkdtempSync(join(tmpdir(), 'pa-gen-'));
    execFileSync(process.execPath, [join(examples, 'generate.mjs'), '--out', out]);
    for (const f of ['pusher-usage.csv', 'datadog-query.json']) {
      expect(readFileSync(join(out, f)).equals(readFileSync(join(examples, f))), f).toBe(true);
    }
  });

  it('the CSV export covers at least 30 days of 5-minute samples', async () => {
    const r = await runCli(['cost', '--usage', 'examples/usage/pusher-usage.csv', '--format', 'json'], packageRoot);
    expect(r.code).toBe(0);
    const report = costReportSchema.parse(JSON.parse(r.stdout));
    expect(report.window!.intervalSeconds).toBe(300);
    expect(report.window!.completeDays).toBeGreaterThanOrEqual(30);
    expect(report.forecast.connections!.monthlyGrowth).toBeGreaterThan(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout).toContain('\n  "schemaVersion": 1');
  });

  it.each([
    ['pusher-usage.csv', []],
    ['datadog-query.json', []],
    ['pusher-usage.yml', []],
    ['pusher-usage.csv', ['--plans', 'examples/usage/plans.yml']],
  ])('%s %s gives a cost report', async (file, extra) => {
    const r = await runCli(['cost', '--usage', `examples/usage/${file}`, '--plan', 'startup', ...extra], packageRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Pusher cost report: /);
    expect(r.stdout).toMatch(/Recommendation: /);
    expect(r.stdout).toMatch(/Confirmed plans: Sandbox, Startup/);
    // Plain text when stdout is not a terminal.
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('the built-in profiles run without a file', async () => {
    for (const profile of ['small', 'medium', 'large']) {
      const r = await runCli(['cost', '--profile', profile, '--format', 'json'], packageRoot);
      expect(r.code).toBe(0);
      const report = costReportSchema.parse(JSON.parse(r.stdout));
      expect(report.input).toEqual({ kind: 'assumptions', file: null, profile });
    }
    const small = JSON.parse((await runCli(['cost', '--profile', 'small', '--format', 'json'], packageRoot)).stdout);
    expect(small.recommendation.choice.plan.id).toBe('sandbox');
  });

  it('--output writes the report to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pa-out-')), 'r.json');
    const r = await runCli(['cost', '--usage', 'examples/usage/pusher-usage.yml', '--format', 'json', '--output', out], packageRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    costReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
  });
});
