import { describe, expect, it } from 'vitest';
import { priceAbly, priceAwsWebSocket, priceSoketi, type Workload } from '../../src/cost/alternatives.js';
import { MINUTES_PER_MONTH, SOKETI } from '../../src/cost/catalogue.js';

const w = (over: Partial<Workload> = {}): Workload => ({
  peakConnections: 1_000,
  meanConnections: 400,
  monthlyMessages: 30_000_000,
  avgMessageSizeBytes: 1_000,
  channels: null,
  ...over,
});

describe('alternatives', () => {
  it('Ably: package fee + messages + connection minutes at list price', () => {
    const a = priceAbly(w());
    expect(a.package).toBe('Standard');
    const expected = 29 + 30 * 2.5 + ((400 * MINUTES_PER_MONTH) / 1e6) * 1;
    expect(a.monthlyUsd).toBeCloseTo(expected, 1);
    expect(a.confirmed).toBe(true);
    expect(a.assumptions.join(' ')).toMatch(/Channel minutes are not included/);
  });

  it('Ably meters 5 KiB chunks', () => {
    const small = priceAbly(w({ avgMessageSizeBytes: 5 * 1024 }));
    const big = priceAbly(w({ avgMessageSizeBytes: 5 * 1024 + 1 }));
    const msgLine = (a: typeof small) => a.lines.find((l) => l.item === 'Messages')!;
    expect(msgLine(big).quantity).toBe(2 * msgLine(small).quantity);
  });

  it('Ably Free when within its limits; contact sales beyond Pro', () => {
    expect(priceAbly(w({ peakConnections: 150, monthlyMessages: 5_000_000 })).monthlyUsd).toBe(0);
    expect(priceAbly(w({ peakConnections: 60_000 })).monthlyUsd).toBeNull();
  });

  it('AWS: messages in 32 KB units and connection minutes; not confirmed', () => {
    const a = priceAwsWebSocket(w({ avgMessageSizeBytes: 40 * 1024 }));
    expect(a.lines[0]!.quantity).toBe(60_000_000);
    expect(a.monthlyUsd).toBeCloseTo(60 + ((400 * MINUTES_PER_MONTH) / 1e6) * 0.25, 1);
    expect(a.confirmed).toBe(false);
  });

  it('Soketi: instances by connection capacity with headroom', () => {
    const s = priceSoketi(w({ peakConnections: 1_700 }), 0.25, { connectionsPerInstance: 1_000, instanceMonthlyUsd: 10, userPriced: false });
    expect(s.lines[0]!.quantity).toBe(3);
    expect(s.monthlyUsd).toBe(30);
    expect(s.confirmed).toBe(false);
    expect(priceSoketi(w(), 0, { connectionsPerInstance: 5_000, instanceMonthlyUsd: 20, userPriced: true })).toMatchObject({ monthlyUsd: 20, confirmed: true, confidence: 'user' });
  });

  it('Ably says new accounts are priced per monthly active user', () => {
    expect(priceAbly(w()).assumptions.join(' ')).toMatch(/New Ably accounts are priced per monthly active user \(\$0\.05 per MAU, down to \$0\.01/);
  });

  it("Soketi is priced on the benchmark's machine: a t3.small on demand", () => {
    // $0.024 an hour × 730 h (shared/pusher-facts.md, "Corroboration, 2026-12").
    expect(SOKETI.instanceMonthlyUsd).toBe(17.52);
    const s = priceSoketi(w(), 0, { connectionsPerInstance: SOKETI.connectionsPerInstance, instanceMonthlyUsd: SOKETI.instanceMonthlyUsd, userPriced: false });
    expect(s.monthlyUsd).toBe(17.52);
    expect(s.assumptions.join(' ')).toMatch(/on-demand t3\.small, the benchmark's machine/);
  });
});
