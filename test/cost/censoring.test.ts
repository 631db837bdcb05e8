import { describe, expect, it } from 'vitest';
import { parseUsageText } from '../../src/cost/inputs/load.js';
import { estimateCost } from '../../src/cost/model.js';
import { renderCostText } from '../../src/reporters/sections/cost-text.js';
import { syntheticCsv } from './helpers.js';

const AT_LIMIT = 'at the limit: requests were refused, demand is higher than observed';

/** 20 days climbing to `cap` by day 10 and held there: what an account at its hard limit exports. */
async function cappedAt(cap: number, from: number) {
  const peak = (d: number): number => (d < 10 ? from + ((cap - from) * d) / 10 : cap);
  const csv = syntheticCsv({ days: 20, intervalSeconds: 3600, peak, messages: () => 50_000 });
  return parseUsageText(csv, 'usage.csv');
}

describe('usage at a hard limit is censored, not accepted', () => {
  it.each([
    { plan: 'sandbox', cap: 100, from: 60, threshold: 'limit', firstDay: '2026-01-15' },
    { plan: 'startup', cap: 600, from: 400, threshold: 'hard-cap', firstDay: '2026-01-15' },
  ])('$plan at exactly $cap connections is at the limit; fit, days-to-limit and the warning agree', async ({ plan, cap, from, threshold, firstDay }) => {
    const r = estimateCost(await cappedAt(cap, from), { currentPlan: plan });
    expect(r.summary.connections.max).toBe(cap);
    expect(r.currentPlan!.now.connections.status).toBe('at-limit');
    expect(r.currentPlan!.now.status).toBe('at-limit');
    const hard = r.limits.find((l) => l.role === 'current' && l.metric === 'connections' && l.hard)!;
    expect(hard.threshold).toBe(threshold);
    expect(hard.level).toBe(cap);
    expect(hard).toMatchObject({ days: 0, atLimit: true, date: firstDay });
    const at = r.warnings.filter((w) => w.code === 'at-limit');
    expect(at).toHaveLength(1);
    expect(at[0]!.message).toContain(AT_LIMIT);
    expect(at[0]!.message).toContain(`on ${firstDay}`);
    // The plan is sized from the forecast, with the warning: never the plan that refused it.
    expect(r.recommendation.choice.plan!.id).not.toBe(plan);
    expect(r.recommendation.reason).toMatch(/demand is higher than observed/);
    const text = renderCostText(r);
    expect(text).toContain(AT_LIMIT);
    expect(text).toContain(`at the limit on ${firstDay}`);
  });

  it('one connection under the cap is not censored', async () => {
    const r = estimateCost(await cappedAt(599, 400), { currentPlan: 'startup' });
    expect(r.currentPlan!.now.connections.status).toBe('over-plan');
    expect(r.limits.some((l) => l.atLimit)).toBe(false);
    expect(r.warnings.map((w) => w.code)).not.toContain('at-limit');
  });

  it('messages at exactly the daily limit are at the limit (no tolerance is assumed for messages)', async () => {
    const csv = syntheticCsv({ days: 10, intervalSeconds: 3600, peak: () => 50, messages: (d) => (d >= 6 ? 200_000 : 150_000) });
    const r = estimateCost(await parseUsageText(csv, 'usage.csv'), { currentPlan: 'sandbox' });
    expect(r.currentPlan!.now.messagesPerDay.status).toBe('at-limit');
    expect(r.limits.find((l) => l.metric === 'messagesPerDay' && l.threshold === 'limit')).toMatchObject({ days: 0, atLimit: true, date: '2026-01-11' });
  });

  it('assumed usage is not observed, so it is never censored', async () => {
    const r = estimateCost(
      {
        kind: 'assumptions', file: null, profile: null, warnings: [],
        assumptions: {
          peakConcurrentUsers: 100, connectionsPerUser: 1, averageToPeakConnections: 1, channels: 1, subscribersPerChannel: 1,
          publishesPerDay: 1000, channelsPerPublish: 1, infoShare: 0, clientEventsPerDay: 0, clientEventRecipients: 0,
          presenceJoinsLeavesPerDay: 0, presenceMembersPerChannel: 0, webhooksPerDay: 0, restQueriesPerDay: 0,
          messageSizeBytes: 100, monthlyGrowthPct: 0,
        },
      },
      { currentPlan: 'sandbox' },
    );
    expect(r.currentPlan!.now.connections.status).toBe('warning');
    expect(r.limits.some((l) => l.atLimit)).toBe(false);
  });
});

describe('a threshold already reached is dated the first day at or above it', () => {
  it('names the first observed day, not the last', async () => {
    // Climbs past Startup's 80 % warning (400) on day 5 and its limit (500) on day 10.
    const csv = syntheticCsv({ days: 20, intervalSeconds: 3600, peak: (d) => 300 + 20 * d, messages: () => 10_000 });
    const r = estimateCost(await parseUsageText(csv, 'usage.csv'), { currentPlan: 'startup' });
    const at = (threshold: string) => r.limits.find((l) => l.role === 'current' && l.metric === 'connections' && l.threshold === threshold)!;
    expect(at('warning')).toMatchObject({ days: 0, date: '2026-01-10', atLimit: false });
    expect(at('limit')).toMatchObject({ days: 0, date: '2026-01-15', atLimit: false });
    expect(r.forecast.lastObservedDate).toBe('2026-01-24');
  });
});
