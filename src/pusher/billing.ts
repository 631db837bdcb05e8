/**
 * Pusher's message counting rules (facts §2, Pusher KB "How is my message count calculated"
 * [P]): +1 per REST API call, +1 per delivery to each subscribed connection, `info` makes the
 * publish count twice, client events count when sent and on each delivery (never echoed to the
 * sender), presence member events are delivered to the other members, each webhook counts.
 * Plain arithmetic with no usage model, so the cost model and the rules that price a finding
 * (unbatched-triggers, info-on-hot-path) count the same way without rules importing `cost/`.
 */

/** Pusher e-mails a warning when usage reaches 80 % of a plan's connection or message limit (facts §1.2 [P]). */
export const WARNING_SHARE = 0.8;

export interface PublishTraffic {
  /** Server `trigger` calls (one HTTP request each). */
  publishes: number;
  /** Channels named in each call (1–100). */
  channelsPerPublish?: number;
  /** Connections subscribed to each channel when the event arrives. */
  subscribersPerChannel: number;
  /** Share (0–1) of calls that pass `info`. */
  infoShare?: number;
}

/** Where the per-request reading comes from; shown with the assumption in every report. */
export const MULTI_CHANNEL_SOURCE =
  'https://pusher.com/legal/quotas (messages = API requests + deliveries); https://github.com/pusher/docs/blob/b34294aa/docs/channels/server_api/http-api.md (a three-channel trigger with info counts as two messages)';

/**
 * Publish side and deliveries of server publishes, counted per request: Pusher defines messages
 * as API requests plus deliveries (pusher.com/legal/quotas [P]) and its HTTP API docs count one
 * three-channel trigger with `info` as two messages, not six. So a trigger to N channels is one
 * request (two with `info`) plus the deliveries on every channel named.
 */
export function countPublishes(t: PublishTraffic): { api: number; deliveries: number; total: number } {
  const channels = t.channelsPerPublish ?? 1;
  const api = t.publishes * (1 + (t.infoShare ?? 0));
  const deliveries = t.publishes * channels * t.subscribersPerChannel;
  return { api, deliveries, total: api + deliveries };
}

export interface BatchTraffic {
  /** `triggerBatch` calls (POST /batch_events, at most 10 events each). */
  batches: number;
  eventsPerBatch: number;
  /** Connections subscribed to each event's channel (a batched event names one channel). */
  subscribersPerChannel: number;
  /** Share (0–1) of events that pass `info`. */
  infoShare?: number;
}

/**
 * A batch trigger: `info` is set per event and then that event counts two (Pusher REST API
 * reference [P]), so batched events are billed one by one, each as one publish; whether the
 * batch call itself adds one is not stated, and nothing is added for it.
 */
export function countBatchPublishes(t: BatchTraffic): { api: number; deliveries: number; total: number } {
  return countPublishes({ publishes: t.batches * t.eventsPerBatch, channelsPerPublish: 1, subscribersPerChannel: t.subscribersPerChannel, infoShare: t.infoShare });
}

export const MULTI_CHANNEL_ASSUMPTION =
  'A trigger to N channels is counted per request: 1 message for the API call (2 with `info`) plus one per delivery on each of the N channels, as Pusher defines messages (API requests + deliveries) and its HTTP API docs count a three-channel trigger with `info` as two. A batch trigger counts each event as one publish.';

/** `client-*` events: one when a client sends it, one per connection it is delivered to. */
export function countClientEvents(sent: number, recipientsPerEvent: number): { received: number; delivered: number; total: number } {
  const delivered = sent * recipientsPerEvent;
  return { received: sent, delivered, total: sent + delivered };
}

/** `pusher:member_added` / `member_removed` go to every other member of the channel. */
export function countPresenceEvents(joinsAndLeaves: number, membersPerChannel: number): number {
  return joinsAndLeaves * Math.max(0, membersPerChannel - 1);
}
