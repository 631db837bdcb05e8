import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { PR_COMMENT_MARKER } from '../../src/reporters/pr-comment.js';
import { bufferIO } from '../helpers/project.js';

/**
 * `diff` on two saved results. diff-base.json is the demo app with OrderTracker.tsx removed and a
 * legacy server client using `useTLS: false` added, scanned with a small usage-assumptions file;
 * diff-head.json is the demo app as shipped, scanned with examples/usage/pusher-usage.csv. Both are
 * real `scan --format json` outputs.
 */

const BASE = 'test/fixtures/reports/diff-base.json';
const HEAD = 'test/fixtures/reports/diff-head.json';

async function cli(...args: string[]) {
  const { io, stdout, stderr } = bufferIO(process.cwd());
  const code = await run(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('pusher-advisor diff', () => {
  it('renders the PR comment: added and fixed findings by severity and the cost delta (golden file)', async () => {
    const r = await cli('diff', BASE, HEAD, '--fail-on-cost-increase', '10%');
    expect(r.stdout).toBe(readFileSync('test/reporters/__golden__/pr-comment.md', 'utf8'));
    expect(r.stdout.split('\n')[0]).toBe(PR_COMMENT_MARKER);
    expect(r.code).toBe(1); // $49 → $99 is over 10 %
    expect(r.stderr).toBe('');
  });

  it('gives the delta as JSON, and gates on dollars and on new findings', async () => {
    const json = await cli('diff', BASE, HEAD, '--format', 'json', '--fail-on-cost-increase', '60');
    expect(json.code).toBe(0); // +$50 is within $60
    const delta = JSON.parse(json.stdout);
    expect(delta.added.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`)).toEqual(['connection-leak components/OrderTracker.tsx']);
    expect(delta.fixed.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`)).toEqual(['insecure-transport lib/legacy-reporting.ts']);
    expect(delta.cost).toMatchObject({ base: { planId: 'startup', monthlyUsd: 49 }, head: { planId: 'pro', monthlyUsd: 99 }, monthlyUsdChange: 50 });
    expect(delta.costGate).toEqual({ limit: '60', exceeded: false });
    expect((await cli('diff', BASE, HEAD, '--fail-on', 'medium')).code).toBe(1);
    expect((await cli('diff', BASE, HEAD, '--fail-on', 'high')).code).toBe(0);
    expect((await cli('diff', HEAD, HEAD)).stdout).toContain('No new or fixed findings. 18 unchanged.');
  });

  it('bad input: one line, exit 2', async () => {
    expect(await cli('diff', BASE, 'package.json')).toMatchObject({ code: 2, stdout: '' });
    expect((await cli('diff', BASE, HEAD, '--fail-on-cost-increase', 'lots')).stderr).toBe(
      'pusher-advisor: --fail-on-cost-increase: expected an amount in dollars (50) or a percentage (10%), got "lots"\n',
    );
  });
});
