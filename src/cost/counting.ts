import type { Breakdown, UsageAssumptions } from './usage.js';

/**
 * Pusher's message counting rules (facts §2, Pusher KB "How is my message count calculated"
 * [P]): +1 per REST API call, +1 per delivery to each subscribed connection, `info` makes the
 * publish count twice, client events count when sent and on each delivery (never echoed to the
 * sender), presence member events are delivered to the other members, each webhook counts.
 */

export interface PublishTraffic {
  /** Server `trigger` calls. */
  publishes: number;
  /** Channels named in each call (1–100). */
  channelsPerPublish?: number;
  /** Connections subscribed to each channel when the event arrives. */
  subscribersPerChannel: number;
  /** Share (0–1) of calls that pass `info`. */
  infoShare?: number;
}

/**
 * Publish side and deliveries of server publishes. Whether one call to N channels counts 1 or N
 * publishes is not stated by Pusher; the conservative reading (N) is used, see
 * `MULTI_CHANNEL_ASSUMPTION`.
 */
export function countPublishes(t: PublishTraffic): { api: number; deliveries: number; total: number } {
  const channels = t.channelsPerPublish ?? 1;
  const perChannelCalls = t.publishes * channels;
  const api = perChannelCalls * (1 + (t.infoShare ?? 0));
  const deliveries = perChannelCalls * t.subscribersPerChannel;
  return { api, deliveries, total: api + deliveries };
}

export const MULTI_CHANNEL_ASSUMPTION =
  'A trigger to N channels is counted as N publishes plus the deliveries: Pusher counts "calls" but does not say whether a multi-channel call counts once or per channel, so the higher reading is used.';

/** `client-*` events: one when a client sends it, one per connection it is delivered to. */
export function countClientEvents(sent: number, recipientsPerEvent: number): { received: number; delivered: number; total: number } {
  const delivered = sent * recipientsPerEvent;
  return { received: sent, delivered, total: sent + delivered };
}

/** `pusher:member_added` / `member_removed` go to every other member of the channel. */
export function countPresenceEvents(joinsAndLeaves: number, membersPerChannel: number): number {
  return joinsAndLeaves * Math.max(0, membersPerChannel - 1);
}

/** Messages per day implied by a usage-assumptions file, split like Pusher's Datadog metrics. */
export function countAssumedDay(a: UsageAssumptions): { total: number; breakdown: Required<Pick<Breakdown, 'api_requests' | 'deliveries' | 'client_events_received' | 'client_events_sent' | 'presence_events' | 'webhooks'>> } {
  const pub = countPublishes({
    publishes: a.publishesPerDay,
    channelsPerPublish: a.channelsPerPublish,
    subscribersPerChannel: a.subscribersPerChannel,
    infoShare: a.infoShare,
  });
  const client = countClientEvents(a.clientEventsPerDay, a.clientEventRecipients);
  const breakdown = {
    api_requests: pub.api + a.restQueriesPerDay,
    deliveries: pub.deliveries,
    client_events_received: client.received,
    client_events_sent: client.delivered,
    presence_events: countPresenceEvents(a.presenceJoinsLeavesPerDay, a.presenceMembersPerChannel),
    webhooks: a.webhooksPerDay,
  };
  const total = Object.values(breakdown).reduce((s, v) => s + v, 0);
  return { total, breakdown };
}
