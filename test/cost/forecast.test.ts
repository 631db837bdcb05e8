import { describe, expect, it } from 'vitest';
import { parseUsageText } from '../../src/cost/inputs/load.js';
import { crossing, fitTrend, predict } from '../../src/cost/forecast.js';
import { estimateCost } from '../../src/cost/model.js';
import { syntheticCsv } from './helpers.js';

async function report(csv: string, plan = 'startup') {
  return estimateCost(await parseUsageText(csv, 'usage.csv'), { currentPlan: plan });
}

describe('growth forecast', () => {
  it('finds the day a linearly growing peak crosses the connection limit (within 5 %)', async () => {
    const days = 40;
    const a = 200;
    const b = 4;
    const r = await report(syntheticCsv({ days, peak: (d) => a + b * d, messages: () => 100_000 }));
    // Startup allows 500 connections: a + b·d = 500 on day 75; the last observed day is 39.
    const trueDay = (500 - a) / b;
    const eta = r.limits.find((l) => l.planId === 'startup' && l.metric === 'connections' && l.threshold === 'limit')!;
    const forecastDay = days - 1 + eta.days!;
    expect(Math.abs(forecastDay - trueDay) / trueDay).toBeLessThan(0.05);
    expect(Math.abs(eta.days! - (trueDay - (days - 1))) / (trueDay - (days - 1))).toBeLessThan(0.05);
    expect(r.forecast.connections?.model).toBe('linear');
    expect(r.forecast.connections?.rSquared).toBeGreaterThan(0.99);
    const hardCap = r.limits.find((l) => l.metric === 'connections' && l.threshold === 'hard-cap')!;
    expect(days - 1 + hardCap.days!).toBeCloseTo((600 - a) / b, 0);
  });

  it('finds the day linearly growing messages cross the daily limit (within 5 %)', async () => {
    const r = await report(syntheticCsv({ days: 30, peak: () => 100, messages: (d) => 400_000 + 15_000 * d }));
    const trueDay = (1_000_000 - 400_000) / 15_000;
    const eta = r.limits.find((l) => l.metric === 'messagesPerDay' && l.threshold === 'limit')!;
    expect(Math.abs(29 + eta.days! - trueDay) / trueDay).toBeLessThan(0.05);
  });

  it('keeps the exponential when growth compounds', () => {
    const points = Array.from({ length: 30 }, (_, d) => [d, 100 * 1.03 ** d] as const);
    const t = fitTrend(points)!;
    expect(t.model).toBe('log-linear');
    expect(t.rSquared).toBeCloseTo(1, 6);
    expect(crossing(t, 500)!).toBeCloseTo(Math.log(5) / Math.log(1.03), 3);
    expect(predict(t, 40)).toBeCloseTo(100 * 1.03 ** 40, 3);
  });

  it('keeps an explosive fit finite', async () => {
    const r = await report(syntheticCsv({ days: 4, peak: (d) => 10 ** (4 * d), messages: (d) => 10 ** (4 * d) }));
    expect(Number.isFinite(r.forecast.connections!.atHorizon)).toBe(true);
    expect(JSON.parse(JSON.stringify(r)).forecast.connections.atHorizon).toBe(r.forecast.connections!.atHorizon);
  });

  it('never reaches a limit on a flat or falling trend', async () => {
    const r = await report(syntheticCsv({ days: 20, peak: (d) => 300 - d, messages: () => 100_000 }));
    const eta = r.limits.find((l) => l.metric === 'connections' && l.threshold === 'limit')!;
    expect(eta.days).toBeNull();
    expect(eta.date).toBeNull();
    expect(r.recommendation.required.connections).toBe(r.summary.connections.max);
  });

  it('reports a limit already passed as 0 days', async () => {
    const r = await report(syntheticCsv({ days: 20, peak: () => 450, messages: () => 100_000 }));
    const warning = r.limits.find((l) => l.metric === 'connections' && l.threshold === 'warning')!;
    expect(warning.days).toBe(0);
  });

  it('makes no forecast from fewer than 3 complete days, and says so', async () => {
    const r = await report(syntheticCsv({ days: 2, peak: () => 100, messages: () => 1000 }));
    expect(r.forecast.connections).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('no-forecast');
  });

  it('follows busy weekdays when weekends are quiet', async () => {
    // Weekends at 60 % of weekdays; weekday peaks grow 3 a day.
    const start = Date.parse('2026-01-05T00:00:00Z'); // a Monday
    const weekday = (d: number) => new Date(start + d * 86_400_000).getUTCDay();
    const peak = (d: number) => (200 + 3 * d) * ([0, 6].includes(weekday(d)) ? 0.6 : 1);
    const r = await report(syntheticCsv({ days: 42, peak, messages: () => 100_000 }));
    // Forecast for the last day must not fall below that weekday's real peak.
    expect(r.forecast.connections!.current).toBeGreaterThanOrEqual(200 + 3 * 39 - 1);
  });
});
