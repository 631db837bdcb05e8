/**
 * Prices and limits, each with where it comes from. Every number here is copied from
 * `shared/pusher-facts.md` (§1 plans, §8 alternatives); confidence tags are the facts file's:
 * P = provider's own docs, S = third party, G = generated dataset without provider provenance.
 */

export type Confidence = 'P' | 'S' | 'G' | 'user';

export interface PlanEntry {
  id: string;
  name: string;
  /** Null for Enterprise: custom pricing, "contact sales". */
  monthlyUsd: number | null;
  maxConnections: number | null;
  messagesPerDay: number | null;
  /** Connections are refused above this share of the limit (1.2 on paid plans, 1.0 on Sandbox). */
  connectionHardCap: number;
  confirmed: boolean;
  confidence: Confidence;
  source: string;
  asOf: string | null;
}

const LADDER = 'https://raw.githubusercontent.com/api-evangelist/pusher/refs/heads/main/plans/pusher-plans-pricing.yml (commit 04f1eae1, "written by the API Evangelist bulk sweep dated 2026-05-08, not harvested from the provider")';
const LADDER_DATE = '2026-05-08';
/** Paid plans: connections hard-limited at 120 % of the plan (facts §1.2 [P]). */
const PAID_CAP = 1.2;

export const PUSHER_PLANS: readonly PlanEntry[] = [
  {
    id: 'sandbox', name: 'Sandbox', monthlyUsd: 0, maxConnections: 100, messagesPerDay: 200_000, connectionHardCap: 1,
    confirmed: true, confidence: 'P',
    source: `Pusher KB example "100 concurrent connections and 200000 messages" (https://docs.bird.com/pusher/account-billing/account-billing/plans/how-does-my-channels-plan-level-affect-the-limits-of-my-apps); free-for-dev PR #777 (2017-09-21); ${LADDER}`,
    asOf: LADDER_DATE,
  },
  {
    id: 'startup', name: 'Startup', monthlyUsd: 49, maxConnections: 500, messagesPerDay: 1_000_000, connectionHardCap: PAID_CAP,
    confirmed: true, confidence: 'S',
    source: `soketi README "$49 plan on Pusher: 500 connections, 30M messages" (https://github.com/soketi/soketi/blob/5d188786/README.md); https://blog.mattheworiordan.com/p/transparent-pricing-that-rewards; ${LADDER}`,
    asOf: LADDER_DATE,
  },
  ladder('pro', 'Pro', 99, 2_000, 4_000_000),
  ladder('business', 'Business', 299, 5_000, 10_000_000),
  ladder('premium', 'Premium', 499, 10_000, 20_000_000),
  ladder('growth', 'Growth', 699, 15_000, 40_000_000),
  ladder('plus', 'Plus', 899, 20_000, 60_000_000),
  ladder('growth-plus', 'Growth Plus', 1_199, 30_000, 90_000_000),
  {
    id: 'enterprise', name: 'Enterprise', monthlyUsd: null, maxConnections: null, messagesPerDay: null, connectionHardCap: PAID_CAP,
    confirmed: false, confidence: 'G',
    source: `${LADDER}; overage and tiered pricing for Enterprise: https://pusher.com/blog/making-it-easier-to-outgrow-usage-limits-in-your-channels-plan/`,
    asOf: LADDER_DATE,
  },
];

function ladder(id: string, name: string, monthlyUsd: number, maxConnections: number, messagesPerDay: number): PlanEntry {
  return { id, name, monthlyUsd, maxConnections, messagesPerDay, connectionHardCap: PAID_CAP, confirmed: false, confidence: 'G', source: LADDER, asOf: LADDER_DATE };
}

/** Ably (ably/docs c20d2c4f, 2026-08-03, `src/pages/docs/platform/pricing/` [P]). */
export const ABLY = {
  source: 'https://github.com/ably/docs/blob/c20d2c4f/src/pages/docs/platform/pricing/ (index.mdx, message-counting.mdx, free.mdx, standard.mdx, pro.mdx)',
  asOf: '2026-08-03',
  confirmed: true,
  confidence: 'P' as Confidence,
  /** List prices; volume discounts (down to $0.50/M messages, $0.20/M minutes) are not applied. */
  usdPerMillionMessages: 2.5,
  usdPerMillionConnectionMinutes: 1,
  usdPerMillionChannelMinutes: 1,
  chunkBytes: 5 * 1024,
  packages: [
    { id: 'free', name: 'Free', monthlyUsd: 0, maxConnections: 200, maxChannels: 200, maxMessagesPerMonth: 6_000_000 as number | null, metered: false },
    { id: 'standard', name: 'Standard', monthlyUsd: 29, maxConnections: 10_000, maxChannels: 10_000, maxMessagesPerMonth: null, metered: true },
    { id: 'pro', name: 'Pro', monthlyUsd: 399, maxConnections: 50_000, maxChannels: 50_000, maxMessagesPerMonth: null, metered: true },
  ],
} as const;

/** AWS API Gateway WebSocket APIs (facts §8): metering [P], us-east-1 rates [S]. */
export const AWS_APIGW_WEBSOCKET = {
  source: 'https://aws.amazon.com/api-gateway/pricing/ (metering, 32 KB units); rates from https://amnic.com/blogs/aws-api-gateway-pricing and https://awsforengineers.com/blog/aws-api-gateway-pricing-explained',
  asOf: null,
  confirmed: false,
  confidence: 'S' as Confidence,
  usdPerMillionMessages: 1,
  usdPerMillionConnectionMinutes: 0.25,
  unitBytes: 32 * 1024,
  /** The $1.00/M rate is for the first billion messages; the rate above it is not confirmed. */
  firstTierMessages: 1_000_000_000,
} as const;

/** Soketi (soketi/soketi 5d188786, 2024-03-25; docs.soketi.app/benchmarks). */
export const SOKETI = {
  source: 'https://docs.soketi.app/benchmarks (t3.small: 500 idle users receiving 1 msg/s + 500 users connecting/disconnecting every 5 s); https://github.com/soketi/soketi/blob/5d188786/README.md ("a $5-10 VM")',
  asOf: '2024-03-25',
  confidence: 'P' as Confidence,
  /** The benchmark's 500 + 500 users on one t3.small: the lowest capacity the sources show. */
  connectionsPerInstance: 1_000,
  /** Upper end of the README's "$5–10 VM"; set your own price with the plans file. */
  instanceMonthlyUsd: 10,
} as const;

/** Days in an average month (365 / 12), for per-day ⇄ per-month conversions. */
export const DAYS_PER_MONTH = 365 / 12;
export const MINUTES_PER_MONTH = DAYS_PER_MONTH * 24 * 60;
