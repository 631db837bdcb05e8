import type { PatternId } from './schema.js';

/**
 * The seven patterns of the field's practice and the signals that score them, as data. A
 * pattern's score is Σ weight × strength over its signals (strength 0–1, from `signals.ts`);
 * positive weights speak for the pattern, negative against. `operational-cost` (always 1) is the
 * price of the pattern's moving parts, so a simpler pattern wins when nothing speaks for a bigger
 * one; `incumbent` (1 for the pattern in use today) is the cost of migrating away from it.
 *
 * The weights are design parameters, stated here and in the README, not measurements. The
 * thresholds that are Pusher facts (plan limits, batch sizes) come from the plan catalogue and
 * `pusher-facts.md`, via `signals.ts`.
 */

export const SIGNAL_IDS = [
  'single-publisher',
  'many-publishing-services',
  'connections-small',
  'connections-high',
  'bursts',
  'n-plus-one',
  'queue-fed-publishing',
  'broker-present',
  'server-subscribers',
  'several-clusters',
  'cdn-script',
  'public-broadcast',
  'cache-channels',
  'fan-out',
  'private-heavy',
  'weak-auth',
  'relayed-triggers',
  'auth-unprotected',
  'gateway-present',
  'serverless-publishing',
  'sdk-per-call',
  'long-running-server',
  'operational-cost',
  'incumbent',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export interface PatternDef {
  id: PatternId;
  name: string;
  /** One line on what the pattern is, for reports. */
  summary: string;
  signals: ReadonlyArray<{ signal: SignalId; weight: number }>;
}

export const PATTERNS: readonly PatternDef[] = [
  {
    id: 'direct',
    name: 'Direct Integration',
    summary: 'App servers call the Pusher SDK in the request path; browsers connect to Pusher.',
    signals: [
      { signal: 'single-publisher', weight: 2 },
      { signal: 'connections-small', weight: 2 },
      { signal: 'incumbent', weight: 1 },
      { signal: 'many-publishing-services', weight: -2 },
      { signal: 'connections-high', weight: -3 },
      { signal: 'server-subscribers', weight: -3 },
      { signal: 'several-clusters', weight: -3 },
      { signal: 'weak-auth', weight: -1 },
      { signal: 'relayed-triggers', weight: -1 },
    ],
  },
  {
    id: 'gateway',
    name: 'Gateway',
    summary: 'One service in front of publishing and channel auth applies rate limits and authorization.',
    signals: [
      { signal: 'weak-auth', weight: 3 },
      { signal: 'relayed-triggers', weight: 3 },
      { signal: 'auth-unprotected', weight: 2 },
      { signal: 'gateway-present', weight: 2 },
      { signal: 'many-publishing-services', weight: 1 },
      { signal: 'incumbent', weight: 1 },
      { signal: 'operational-cost', weight: -1 },
    ],
  },
  {
    id: 'event-bus',
    name: 'Event Bus',
    summary: 'Services emit events to a queue or stream; one publisher consumes it and calls Pusher in batches.',
    signals: [
      { signal: 'many-publishing-services', weight: 4 },
      { signal: 'connections-high', weight: 3 },
      { signal: 'bursts', weight: 2 },
      { signal: 'n-plus-one', weight: 2 },
      { signal: 'queue-fed-publishing', weight: 2 },
      { signal: 'broker-present', weight: 1 },
      { signal: 'incumbent', weight: 1 },
      { signal: 'single-publisher', weight: -1 },
      { signal: 'operational-cost', weight: -2 },
    ],
  },
  {
    id: 'multi-region',
    name: 'Multi-Region Active-Active',
    summary: 'Users connect to the nearest cluster; events are published to every cluster that has subscribers.',
    signals: [
      { signal: 'several-clusters', weight: 5 },
      { signal: 'connections-high', weight: 1 },
      { signal: 'incumbent', weight: 1 },
      { signal: 'operational-cost', weight: -3 },
    ],
  },
  {
    id: 'cdn',
    name: 'CDN-integrated',
    summary: 'Pages and pusher-js come from a CDN with the last state; Pusher delivers the changes on public, cached channels.',
    signals: [
      { signal: 'cdn-script', weight: 3 },
      { signal: 'public-broadcast', weight: 2 },
      { signal: 'fan-out', weight: 2 },
      { signal: 'cache-channels', weight: 1 },
      { signal: 'incumbent', weight: 1 },
      { signal: 'private-heavy', weight: -2 },
      { signal: 'operational-cost', weight: -1 },
    ],
  },
  {
    id: 'hybrid-pubsub',
    name: 'Hybrid Pub/Sub',
    summary: 'Backend-to-backend traffic runs on Redis or a broker; Pusher carries only user-facing events.',
    signals: [
      { signal: 'server-subscribers', weight: 5 },
      { signal: 'broker-present', weight: 2 },
      { signal: 'incumbent', weight: 1 },
      { signal: 'operational-cost', weight: -1.5 },
    ],
  },
  {
    id: 'serverless',
    name: 'Serverless',
    summary: 'Functions publish with one SDK client per function instance, reused across invocations.',
    signals: [
      { signal: 'serverless-publishing', weight: 4 },
      { signal: 'sdk-per-call', weight: 1 },
      { signal: 'incumbent', weight: 1 },
      { signal: 'long-running-server', weight: -2 },
      { signal: 'operational-cost', weight: -0.5 },
    ],
  },
];

/** Ties go to the simpler pattern: this order. */
export const SIMPLICITY: readonly PatternId[] = ['direct', 'serverless', 'gateway', 'cdn', 'hybrid-pubsub', 'event-bus', 'multi-region'];

export const patternById = (id: PatternId): PatternDef => PATTERNS.find((p) => p.id === id)!;

/**
 * Design thresholds that are not Pusher facts, in one place: a busiest day at 2× the mean is a
 * burst; 20 deliveries per publish is a broadcast fan-out.
 */
export const DESIGN_THRESHOLDS = {
  burstRatio: 2,
  fanOut: 20,
} as const;
