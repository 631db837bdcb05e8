import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adviceSchema } from '../../src/recommend/index.js';
import { adviceFor } from './helpers.js';

const DEMO = resolve(import.meta.dirname, '../../examples/demo-app');
const USAGE = resolve(import.meta.dirname, '../../examples/usage/pusher-usage.csv');

describe('advice on the bundled demo app', () => {
  it('is in the JSON report, valid, and byte-identical on a rerun', async () => {
    const first = await adviceFor(DEMO, USAGE);
    const second = await adviceFor(DEMO, USAGE);
    expect(second.stdout).toBe(first.stdout);
    const advice = adviceSchema.parse(first.advice);
    expect(advice.inputs).toEqual({ usage: 'csv', findings: first.report.findings.length });
    // Next.js route handlers publish through a module-scope client: the Serverless pattern, already right.
    expect(advice.architecture.current.pattern).toBe('serverless');
    expect(advice.architecture.recommended).toBe('serverless');
    expect(advice.architecture.alreadyRight).toBe(true);
    expect(advice.architecture.facts.sdkInstances.map((s) => s.lifetime)).toEqual(['module']);
    expect(advice.scorecard.pillars.map((p) => p.id)).toEqual(['security', 'reliability', 'cost', 'performance', 'operability']);
    // Every plan item that rests on findings names fingerprints that exist in the report.
    const prints = new Set(first.report.findings.map((f) => f.fingerprint));
    for (const item of advice.plan) for (const f of item.findings) expect(prints.has(f)).toBe(true);
    expect(advice.plan.map((p) => p.priority)).toEqual([...advice.plan.map((p) => p.priority)].sort((a, b) => b - a));
  });
});
