import { describe, expect, it } from 'vitest';
import { parseUsageText } from '../../src/cost/inputs/load.js';
import { estimateCost } from '../../src/cost/model.js';
import type { CostFinding } from '../../src/cost/savings.js';
import { syntheticCsv } from './helpers.js';

const finding = (lever: CostFinding['lever'], file: string, line: number): CostFinding => ({
  ruleId: `rule-${lever}`,
  fingerprint: `fp-${file}-${line}`,
  file,
  line,
  lever,
  message: `flagged ${lever}`,
});

// Flat load: 450 peak connections, 900,000 messages a day, 20 % of them API calls, 70 % deliveries.
const csv = syntheticCsv({
  days: 20,
  peak: () => 450,
  messages: () => 900_000,
  extraHeader: 'api_requests,deliveries',
  extraCells: () => `${(900_000 * 0.2) / 288},${(900_000 * 0.7) / 288}`,
});

describe('savings from findings', () => {
  it('turns each lever into a stated, conservative reduction linked to its findings', async () => {
    const usage = await parseUsageText(csv, 'u.csv');
    const findings = [
      finding('duplicate-connections', 'src/b.ts', 9),
      finding('duplicate-connections', 'src/a.ts', 3),
      finding('info-param', 'server/push.ts', 12),
      finding('reconnect-storm', 'src/net.ts', 1),
    ];
    const r = estimateCost(usage, { headroomPct: 0 }, findings);
    const byLever = Object.fromEntries(r.savings.items.map((s) => [s.lever, s]));

    const dup = byLever['duplicate-connections']!;
    // Duplicates are sorted by location, counted once, and halve the affected 25 % of connections.
    expect(dup.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/a.ts:3', 'src/b.ts:9']);
    expect(dup.findings[0]).toMatchObject({ ruleId: 'rule-duplicate-connections', fingerprint: 'fp-src/a.ts-3' });
    expect(dup.metric).toBe('connections');
    expect(dup.reductionFraction).toBeCloseTo(0.125, 4);
    expect(dup.upperBoundFraction).toBeCloseTo(0.5, 4);
    expect(dup.reduction).toBeCloseTo(450 * 0.125, 1);
    expect(dup.assumption).toMatch(/at least 2 connections instead of 1/);
    expect(dup.assumption).toMatch(/2 findings share this lever/);

    const info = byLever['info-param']!;
    // 20 % API share × 25 % affected × half of each doubled publish.
    expect(info.metric).toBe('messagesPerDay');
    expect(info.reductionFraction).toBeCloseTo(0.2 * 0.25 * 0.5, 4);
    expect(info.reduction).toBeCloseTo(900_000 * 0.025, 0);
    expect(info.assumption).toMatch(/counted as 2 messages/);

    const storm = byLever['reconnect-storm']!;
    expect(storm.quantified).toBe(false);
    expect(storm.reductionFraction).toBe(0);

    // 450 connections need Startup without headroom; fixing duplicates alone does not change the plan.
    expect(r.recommendation.choice.plan?.id).toBe('startup');
    expect(dup.resulting.plan?.id).toBe('startup');
    expect(dup.monthlySavingsUsd).toBe(0);
    expect(r.savings.combined?.connectionsFraction).toBeCloseTo(0.125, 4);
    expect(r.savings.combined?.messagesFraction).toBeCloseTo(0.025, 4);
  });

  it('a reduction that moves the load under a cheaper plan saves that plan\'s price difference', async () => {
    const usage = await parseUsageText(syntheticCsv({ days: 10, peak: () => 520, messages: () => 100_000 }), 'u.csv');
    const r = estimateCost(usage, { headroomPct: 0, savingsSharePct: 100 }, [finding('connection-leak', 'src/c.ts', 4)]);
    expect(r.recommendation.choice.plan?.id).toBe('pro');
    const leak = r.savings.items[0]!;
    expect(leak.resulting.plan?.id).toBe('startup');
    expect(leak.monthlySavingsUsd).toBe(99 - 49);
  });

  it('cannot price message levers without a breakdown, and says why', async () => {
    const usage = await parseUsageText(syntheticCsv({ days: 5, peak: () => 50, messages: () => 1000 }), 'u.csv');
    const r = estimateCost(usage, {}, [finding('n-plus-one-triggers', 'a.ts', 1), finding('subscription-leak', 'b.ts', 2)]);
    for (const s of r.savings.items) {
      expect(s.quantified).toBe(false);
      expect(s.reduction).toBe(0);
    }
    expect(r.savings.items[0]!.assumption).toMatch(/no deliveries \(broadcast\) column/);
    expect(r.savings.items[1]!.assumption).toMatch(/no API-request column/);
  });

  it('a loop of triggers over channels halves its publish calls, counted per request', async () => {
    const usage = await parseUsageText(csv, 'u.csv');
    const r = estimateCost(usage, { headroomPct: 0 }, [finding('n-plus-one-triggers', 'server/notify.ts', 4)]);
    const loop = r.savings.items[0]!;
    // 20 % API share × 25 % affected × ½; deliveries are not touched.
    expect(loop.reductionFraction).toBeCloseTo(0.2 * 0.25 * 0.5, 4);
    expect(loop.assumption).toMatch(/counts per request/);
    expect(loop.assumption).toMatch(/triggerBatch saves no messages/);
  });

  it('without findings there are no savings', async () => {
    const r = estimateCost(await parseUsageText(csv, 'u.csv'));
    expect(r.savings).toEqual({ items: [], combined: null });
  });
});
