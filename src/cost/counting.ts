import type { Breakdown, UsageAssumptions } from './usage.js';
import { countClientEvents, countPresenceEvents, countPublishes } from '../pusher/billing.js';

export { countBatchPublishes, countClientEvents, countPresenceEvents, countPublishes, MULTI_CHANNEL_ASSUMPTION, MULTI_CHANNEL_SOURCE } from '../pusher/billing.js';
export type { BatchTraffic, PublishTraffic } from '../pusher/billing.js';

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
