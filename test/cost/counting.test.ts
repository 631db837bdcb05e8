import { describe, expect, it } from 'vitest';
import { countAssumedDay, countClientEvents, countPresenceEvents, countPublishes } from '../../src/cost/counting.js';
import { PROFILES } from '../../src/cost/inputs/assumptions.js';

describe('Pusher message counting (KB worked examples)', () => {
  it('1 publish to 50 subscribers is 51 messages', () => {
    expect(countPublishes({ publishes: 1, subscribersPerChannel: 50 }).total).toBe(51);
  });

  it('40,000 publishes to 500 subscribers are 20,040,000 messages', () => {
    expect(countPublishes({ publishes: 40_000, subscribersPerChannel: 500 }).total).toBe(20_040_000);
  });

  it('a publish with info counts twice on the publish side', () => {
    const plain = countPublishes({ publishes: 1, subscribersPerChannel: 50 });
    const info = countPublishes({ publishes: 1, subscribersPerChannel: 50, infoShare: 1 });
    expect(info.api).toBe(2);
    expect(info.total).toBe(plain.total + 1);
    expect(countPublishes({ publishes: 1000, subscribersPerChannel: 0, infoShare: 0.25 }).api).toBe(1250);
  });

  it('counts a multi-channel trigger once per channel (the conservative reading)', () => {
    const r = countPublishes({ publishes: 10, channelsPerPublish: 3, subscribersPerChannel: 4 });
    expect(r.api).toBe(30);
    expect(r.deliveries).toBe(120);
  });

  it('client events count on send and on each delivery, not back to the sender', () => {
    expect(countClientEvents(100, 9)).toEqual({ received: 100, delivered: 900, total: 1000 });
  });

  it('presence member events go to the other members', () => {
    expect(countPresenceEvents(10, 5)).toBe(40);
    expect(countPresenceEvents(10, 0)).toBe(0);
  });

  it('an assumptions day adds every kind of traffic', () => {
    const a = { ...PROFILES.small, webhooksPerDay: 7, restQueriesPerDay: 3 };
    const day = countAssumedDay(a);
    const pub = countPublishes({ publishes: a.publishesPerDay, subscribersPerChannel: a.subscribersPerChannel });
    const expected =
      pub.total + 3 + countClientEvents(a.clientEventsPerDay, a.clientEventRecipients).total + countPresenceEvents(a.presenceJoinsLeavesPerDay, a.presenceMembersPerChannel) + 7;
    expect(day.total).toBe(expected);
  });
});
