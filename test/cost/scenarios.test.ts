import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSHER_PLANS } from '../../src/cost/catalogue.js';
import { cheapestFittingPlan } from '../../src/cost/fit.js';
import { parseUsageText } from '../../src/cost/inputs/load.js';
import { estimateCost } from '../../src/cost/model.js';
import { renderCostText } from '../../src/reporters/sections/cost-text.js';
import { mulberry32 } from '../helpers/random.js';
import { syntheticCsv } from './helpers.js';

/**
 * Generated series with a known truth. Each scenario's forecast at 30, 60 and 90 days after the
 * last day must be within 10 % of the generating function (for a spike: of the series without
 * it), and the recommended plan must be the one the truth needs.
 */
interface Scenario {
  name: string;
  days: number;
  /** The truth: daily peak connections and messages of day d, without noise or spikes. */
  peak: (d: number) => number;
  messages: (d: number) => number;
  /** What is observed: the truth with noise, seasonality or a spike. */
  observe?: (d: number, value: number, rand: () => number) => number;
  /** The level a forecast must match on day d (a weekly cycle is judged on its busy days). */
  expectedPlan: string;
}

const HORIZONS = [30, 60, 90] as const;
const weekday = (d: number): number => new Date(Date.parse('2026-01-05T00:00:00Z') + d * 86_400_000).getUTCDay();
const weekend = (d: number): boolean => weekday(d) === 0 || weekday(d) === 6;
const noisy = (spread: number) => (_d: number, v: number, rand: () => number) => v * (1 + (rand() * 2 - 1) * spread);
const seasonal = (_d: number, v: number, rand: () => number, d = _d) => v * (weekend(d) ? 0.6 : 1) * (1 + (rand() * 2 - 1) * 0.02);
const spikeOn = (day: number, factor: number) => (d: number, v: number, rand: () => number) => (d === day ? v * factor : v * (1 + (rand() * 2 - 1) * 0.02));

const SCENARIOS: Scenario[] = [
  { name: 'linear growth', days: 60, peak: (d) => 300 + 20 * d, messages: (d) => 1_000_000 + 40_000 * d, observe: noisy(0.02), expectedPlan: 'business' },
  { name: 'exponential growth', days: 60, peak: (d) => 200 * 1.015 ** d, messages: (d) => 300_000 * 1.015 ** d, observe: noisy(0.02), expectedPlan: 'business' },
  { name: 'weekly seasonality, 10 days', days: 10, peak: (d) => 300 + 5 * d, messages: (d) => 600_000 + 10_000 * d, observe: seasonal, expectedPlan: 'pro' },
  { name: 'weekly seasonality, 60 days', days: 60, peak: (d) => 300 + 5 * d, messages: (d) => 600_000 + 10_000 * d, observe: seasonal, expectedPlan: 'pro' },
  { name: 'step change 400 → 800 on day 40', days: 60, peak: (d) => (d < 40 ? 400 : 800), messages: (d) => (d < 40 ? 800_000 : 1_600_000), observe: noisy(0.02), expectedPlan: 'pro' },
  { name: 'flat with 5 % noise, 10 days', days: 10, peak: () => 500, messages: () => 1_000_000, observe: noisy(0.05), expectedPlan: 'pro' },
  { name: 'flat with 5 % noise, 60 days', days: 60, peak: () => 500, messages: () => 1_000_000, observe: noisy(0.05), expectedPlan: 'pro' },
  { name: 'one spike day (4× connections, 5× messages)', days: 60, peak: () => 500, messages: () => 1_000_000, observe: (d, v, r) => spikeOn(45, v === 500 ? 4 : 5)(d, v, r), expectedPlan: 'pro' },
  { name: 'a spike on growth', days: 60, peak: (d) => 200 + 5 * d, messages: (d) => 400_000 + 10_000 * d, observe: spikeOn(50, 4), expectedPlan: 'pro' },
];

async function run(s: Scenario, seed: number) {
  const rand = mulberry32(seed);
  const obs = (f: (d: number) => number) => {
    const values = Array.from({ length: s.days }, (_, d) => (s.observe ? s.observe(d, f(d), rand) : f(d)));
    return (d: number) => values[d]!;
  };
  const csv = syntheticCsv({ days: s.days, intervalSeconds: 3600, peak: obs(s.peak), messages: obs(s.messages) });
  const usage = await parseUsageText(csv, 'usage.csv');
  return HORIZONS.map((h) => ({ h, report: estimateCost(usage, { horizonDays: h }) }));
}

describe('forecast scenarios with a known truth', () => {
  it.each(SCENARIOS)('$name: within 10 % at 30/60/90 days, and the plan the truth needs', async (s) => {
    const last = s.days - 1;
    const truthPlan = cheapestFittingPlan(PUSHER_PLANS, s.peak(last + 90) * 1.25, s.messages(last + 90) * 1.25)?.id;
    expect(truthPlan).toBe(s.expectedPlan);
    for (const { h, report } of await run(s, 7)) {
      const c = report.forecast.connections!.atHorizon;
      const m = report.forecast.messagesPerDay!.atHorizon;
      expect(Math.abs(c / s.peak(last + h) - 1), `connections at ${h} days: ${c} vs ${s.peak(last + h)}`).toBeLessThanOrEqual(0.1);
      expect(Math.abs(m / s.messages(last + h) - 1), `messages at ${h} days: ${m} vs ${s.messages(last + h)}`).toBeLessThanOrEqual(0.1);
      if (h === 90) expect(report.recommendation.choice.plan?.id).toBe(s.expectedPlan);
    }
  });

  it('names what fired: the outlier day, the level shift, a flat trend', async () => {
    const [spike] = await run(SCENARIOS.find((s) => s.name.startsWith('one spike'))!, 7);
    const d = spike!.report.forecast.connections!.decisions!;
    expect(d.outliers.map((o) => o.date)).toEqual(['2026-02-19']);
    expect(spike!.report.warnings.map((w) => w.code)).toContain('outlier-day');
    const [step] = await run(SCENARIOS.find((s) => s.name.startsWith('step'))!, 7);
    expect(step!.report.forecast.connections!.decisions!.levelShift?.date).toBe('2026-02-14');
    expect(step!.report.forecast.connections!.model).toBe('flat');
    const [flat] = await run(SCENARIOS.find((s) => s.name === 'flat with 5 % noise, 60 days')!, 7);
    expect(flat!.report.forecast.connections!.decisions!.flat).not.toBeNull();
    expect(flat!.report.limits.map((l) => l.days)).toEqual(flat!.report.limits.map(() => null));
    // The text report says which robust steps fired and why.
    expect(renderCostText(spike!.report)).toMatch(/one outlier day 2026-02-19 \([\d,]+, about [\d,]+ around it\) ignored/);
    expect(renderCostText(step!.report)).toMatch(/level shift on 2026-02-14 \([\d,]+ → [\d,]+\): a new level, not growth/);
    expect(renderCostText(flat!.report)).toMatch(/no significant trend|explains too little/);
  });
});

describe('forecast properties (seeded)', () => {
  const within = (forecast: number, truth: number): boolean => Math.abs(forecast / truth - 1) <= 0.1;

  it('linear growth with noise: within 10 % at 30/60/90 days', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: 2_000 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 21, max: 60 }), fc.integer(), async (base, perDay, days, seed) => {
        const s: Scenario = { name: 'p', days, peak: (d) => base + perDay * d, messages: (d) => 2_000 * (base + perDay * d), observe: noisy(0.03), expectedPlan: '' };
        for (const { h, report } of await run(s, seed)) {
          expect(within(report.forecast.connections!.atHorizon, s.peak(days - 1 + h))).toBe(true);
          expect(within(report.forecast.messagesPerDay!.atHorizon, s.messages(days - 1 + h))).toBe(true);
        }
      }),
      { numRuns: 15, seed: 16 },
    );
  });

  it('a single spike day does not move the forecast of a flat series', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 14, max: 59 }), fc.double({ min: 2, max: 20, noNaN: true }), fc.integer(), async (level, spikeDay, factor, seed) => {
        const s: Scenario = { name: 'p', days: 60, peak: () => level, messages: () => 2_000 * level, observe: spikeOn(spikeDay, factor), expectedPlan: '' };
        for (const { h, report } of await run(s, seed)) {
          expect(within(report.forecast.connections!.atHorizon, level), `${h} days`).toBe(true);
        }
      }),
      { numRuns: 15, seed: 16 },
    );
  });
});
