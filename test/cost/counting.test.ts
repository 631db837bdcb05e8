import { describe, expect, it } from 'vitest';
import { countAssumedDay, countBatchPublishes, countClientEvents, countPresenceEvents, countPublishes } from '../../src/cost/counting.js';
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

  it('counts a multi-channel trigger per request: the HTTP API docs\' three channels with info are 2 on the publish side', () => {
    // Pusher's example: one trigger to three channels with `info` counts two messages, not six.
    const docs = countPublishes({ publishes: 1, channelsPerPublish: 3, subscribersPerChannel: 0, infoShare: 1 });
    expect(docs.api).toBe(2);
    expect(docs.total).toBe(2);
  });

  it('100 triggers to 10 channels of 3 subscribers: 100 requests + 3,000 deliveries = 3,100 (3,200 with info)', () => {
    // By hand: 100 calls; each reaches 10 × 3 = 30 connections, 100 × 30 = 3,000 deliveries.
    const plain = countPublishes({ publishes: 100, channelsPerPublish: 10, subscribersPerChannel: 3 });
    expect(plain).toEqual({ api: 100, deliveries: 3_000, total: 3_100 });
    const info = countPublishes({ publishes: 100, channelsPerPublish: 10, subscribersPerChannel: 3, infoShare: 1 });
    expect(info).toEqual({ api: 200, deliveries: 3_000, total: 3_200 });
    // The same fan-out as 1,000 single-channel triggers costs 900 more publish-side messages.
    expect(countPublishes({ publishes: 1_000, subscribersPerChannel: 3 }).total - plain.total).toBe(900);
  });

  it('a batch trigger counts each event as one publish', () => {
    // 100 calls of 10 events, each event to a channel of 3: 1,000 publishes + 3,000 deliveries.
    expect(countBatchPublishes({ batches: 100, eventsPerBatch: 10, subscribersPerChannel: 3 })).toEqual({ api: 1_000, deliveries: 3_000, total: 4_000 });
    // info on half the events: 500 of them count twice.
    expect(countBatchPublishes({ batches: 100, eventsPerBatch: 10, subscribersPerChannel: 3, infoShare: 0.5 }).api).toBe(1_500);
    // Batching saves no messages over one trigger per event.
    expect(countBatchPublishes({ batches: 1, eventsPerBatch: 10, subscribersPerChannel: 7 }).total).toBe(countPublishes({ publishes: 10, subscribersPerChannel: 7 }).total);
  });

  it('an assumptions file with channels_per_publish counts per request', () => {
    const a = { ...PROFILES.small, publishesPerDay: 100, channelsPerPublish: 10, subscribersPerChannel: 3, infoShare: 0, restQueriesPerDay: 0 };
    const day = countAssumedDay(a);
    expect(day.breakdown.api_requests).toBe(100);
    expect(day.breakdown.deliveries).toBe(3_000);
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
