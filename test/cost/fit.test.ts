import { describe, expect, it } from 'vitest';
import { PUSHER_PLANS, type PlanEntry } from '../../src/cost/catalogue.js';
import { cheapestFittingPlan, fitPlan, type FitStatus, type LoadBasis } from '../../src/cost/fit.js';
import { estimateCost } from '../../src/cost/model.js';
import type { AssumedUsage } from '../../src/cost/usage.js';

const plan = (id: string): PlanEntry => PUSHER_PLANS.find((p) => p.id === id)!;

describe('plan fit', () => {
  // Observed usage is censored at a hard limit: Pusher stops accepting once it is hit (facts,
  // "Corroboration, 2026-12"), so usage sitting exactly at it means demand was refused. The rows that
  // used to read "accepted up to the cap" at exactly 100 % on Sandbox or 120 % on a paid plan are, as
  // observed usage, "at the limit"; a forecast at exactly the cap is still all accepted.
  const table: Array<{ name: string; plan: string; basis: LoadBasis; connections: number; messages: number; status: FitStatus; conn: FitStatus; msg: FitStatus }> = [
    { name: 'under 80 %', plan: 'startup', basis: 'observed', connections: 399, messages: 799_999, status: 'ok', conn: 'ok', msg: 'ok' },
    { name: 'exactly 80 % warns', plan: 'startup', basis: 'observed', connections: 400, messages: 100, status: 'warning', conn: 'warning', msg: 'ok' },
    { name: 'between 80 and 100 %', plan: 'startup', basis: 'observed', connections: 450, messages: 900_000, status: 'warning', conn: 'warning', msg: 'warning' },
    { name: 'a forecast at the limit is still within it', plan: 'startup', basis: 'forecast', connections: 500, messages: 1_000_000, status: 'warning', conn: 'warning', msg: 'warning' },
    { name: 'observed paid connections at 100 % are under the 120 % cap; messages at 100 % are at the limit', plan: 'startup', basis: 'observed', connections: 500, messages: 1_000_000, status: 'at-limit', conn: 'warning', msg: 'at-limit' },
    { name: 'paid plan, 100-120 % connections: over plan, not refused', plan: 'startup', basis: 'observed', connections: 550, messages: 10, status: 'over-plan', conn: 'over-plan', msg: 'ok' },
    { name: 'a forecast at exactly the 120 % cap is accepted', plan: 'pro', basis: 'forecast', connections: 2_400, messages: 10, status: 'over-plan', conn: 'over-plan', msg: 'ok' },
    { name: 'observed at exactly the 120 % cap (Pro): at the limit', plan: 'pro', basis: 'observed', connections: 2_400, messages: 10, status: 'at-limit', conn: 'at-limit', msg: 'ok' },
    { name: 'observed at exactly the 120 % cap (Startup, 600): at the limit', plan: 'startup', basis: 'observed', connections: 600, messages: 10, status: 'at-limit', conn: 'at-limit', msg: 'ok' },
    { name: 'a forecast over 120 % is refused', plan: 'startup', basis: 'forecast', connections: 601, messages: 10, status: 'refused', conn: 'refused', msg: 'ok' },
    { name: 'observed over 120 % (a sample past the cap) is at the limit too', plan: 'startup', basis: 'observed', connections: 601, messages: 10, status: 'at-limit', conn: 'at-limit', msg: 'ok' },
    { name: 'Sandbox is hard at 100 %: a forecast past it is refused', plan: 'sandbox', basis: 'forecast', connections: 101, messages: 10, status: 'refused', conn: 'refused', msg: 'ok' },
    { name: 'a Sandbox forecast at its limit warns', plan: 'sandbox', basis: 'forecast', connections: 100, messages: 10, status: 'warning', conn: 'warning', msg: 'ok' },
    { name: 'Sandbox observed at exactly 100: at the limit', plan: 'sandbox', basis: 'observed', connections: 100, messages: 10, status: 'at-limit', conn: 'at-limit', msg: 'ok' },
    { name: 'forecast messages over the daily limit are refused', plan: 'startup', basis: 'forecast', connections: 10, messages: 1_000_001, status: 'refused', conn: 'ok', msg: 'refused' },
  ];
  it.each(table)('$name', (row) => {
    const f = fitPlan(plan(row.plan), row.connections, row.messages, row.basis);
    expect(f.connections.status).toBe(row.conn);
    expect(f.messagesPerDay.status).toBe(row.msg);
    expect(f.status).toBe(row.status);
  });
});

describe('cheapest fitting plan', () => {
  const table: Array<{ name: string; connections: number; messages: number; expected: string | null }> = [
    { name: 'tiny load: Sandbox', connections: 50, messages: 10_000, expected: 'sandbox' },
    { name: 'connections decide', connections: 101, messages: 10_000, expected: 'startup' },
    { name: 'messages decide', connections: 50, messages: 1_000_001, expected: 'pro' },
    { name: 'at a limit exactly fits', connections: 2_000, messages: 4_000_000, expected: 'pro' },
    { name: 'largest priced plan', connections: 30_000, messages: 90_000_000, expected: 'growth-plus' },
    { name: 'nothing fits: no priced plan (Enterprise is never chosen)', connections: 30_001, messages: 1, expected: null },
  ];
  it.each(table)('$name', ({ connections, messages, expected }) => {
    expect(cheapestFittingPlan(PUSHER_PLANS, connections, messages)?.id ?? null).toBe(expected);
  });
});

describe('recommendation with headroom', () => {
  const usage = (peakConcurrentUsers: number): AssumedUsage => ({
    kind: 'assumptions',
    file: null,
    profile: null,
    warnings: [],
    assumptions: {
      peakConcurrentUsers, connectionsPerUser: 1, averageToPeakConnections: 1, channels: 1, subscribersPerChannel: 1,
      publishesPerDay: 1000, channelsPerPublish: 1, infoShare: 0, clientEventsPerDay: 0, clientEventRecipients: 0,
      presenceJoinsLeavesPerDay: 0, presenceMembersPerChannel: 0, webhooksPerDay: 0, restQueriesPerDay: 0,
      messageSizeBytes: 100, monthlyGrowthPct: 0,
    },
  });

  it('headroom moves the choice up a plan', () => {
    expect(estimateCost(usage(90), { headroomPct: 0 }).recommendation.choice.plan?.id).toBe('sandbox');
    expect(estimateCost(usage(90), { headroomPct: 25 }).recommendation.choice.plan?.id).toBe('startup');
  });

  it('default headroom keeps the recommended plan under the 80 % warning', () => {
    const r = estimateCost(usage(1_500));
    expect(r.recommendation.headroomPct).toBe(25);
    expect(r.recommendation.choice.plan?.id).toBe('pro');
    expect(r.recommendation.fit?.connections.used).toBeLessThanOrEqual(0.8);
  });

  it('says contact sales when no priced plan fits', () => {
    const big = estimateCost(usage(40_000));
    expect(big.recommendation.choice).toEqual({ plan: null, contactSales: true, monthlyUsd: null });
    expect(big.recommendation.reason).toMatch(/contact Pusher sales/);
  });

  // shared/pusher-facts.md, "Corroboration, 2026-12": dated independent transcriptions agree with
  // the ladder for Pro to Growth Plus except Plus; none is Pusher's own page.
  it('flags a corroborated plan softly, and Plus as not confirmed', () => {
    const pro = estimateCost(usage(1_500));
    expect(pro.recommendation.choice.plan).toMatchObject({ id: 'pro', confirmed: false, evidence: 'corroborated' });
    expect(pro.warnings.map((w) => w.code)).toEqual(['corroborated-plan']);
    expect(pro.warnings[0]!.message).toContain("not taken from Pusher's own page");
    expect(pro.recommendation.reason).toMatch(/corroborated by independent transcriptions .*newest 2026-09-09/);
    expect(pro.catalogue.confirmedPlanIds).toEqual(['sandbox', 'startup']);
    expect(pro.catalogue.note).toContain("Corroborated, not from Pusher's own page");
    expect(pro.catalogue.note).toContain('Pro, Business, Premium, Growth, Growth Plus.');
    expect(pro.catalogue.note).toContain('Not confirmed: Plus.');
    const evidence = Object.fromEntries(pro.catalogue.plans.map((p) => [p.id, p.evidence]));
    expect(evidence).toEqual({
      sandbox: 'confirmed', startup: 'confirmed', pro: 'corroborated', business: 'corroborated', premium: 'corroborated',
      growth: 'corroborated', plus: 'not-confirmed', 'growth-plus': 'corroborated', enterprise: 'not-confirmed',
    });
    for (const p of pro.catalogue.plans.filter((q) => q.evidence === 'corroborated')) expect(p.source).toMatch(/^corroborated, not from Pusher's own page: .*\d{4}/);
    const plus = estimateCost(usage(14_000));
    expect(plus.recommendation.choice.plan).toMatchObject({ id: 'plus', evidence: 'not-confirmed' });
    expect(plus.warnings.map((w) => w.code)).toEqual(['unconfirmed-plan']);
    expect(plus.recommendation.reason).toMatch(/not confirmed/);
  });

  it('holds messages at 100 % and says it is a conservative choice', () => {
    const a = estimateCost(usage(10)).assumptions.find((x) => x.id === 'message-cap')!;
    expect(a.text).toMatch(/plus 20 %/);
    expect(a.text).toMatch(/conservative choice/);
    expect(a.source).toContain('pusher.com/blog/making-it-easier-to-outgrow-usage-limits');
  });

  it('a user plans file overrides the catalogue', () => {
    const r = estimateCost(usage(1_500), {
      overrides: {
        file: 'plans.yml',
        plans: [{ id: 'pro', name: 'Pro', monthlyUsd: 79, maxConnections: 2_000, messagesPerDay: 4_000_000, connectionHardCap: 1.2, confirmed: true, evidence: 'confirmed', confidence: 'user', source: 'invoice', asOf: null }],
      },
    });
    expect(r.recommendation.choice.monthlyUsd).toBe(79);
    expect(r.recommendation.choice.plan?.confirmed).toBe(true);
  });
});
