/**
 * Prices and limits, each with where it comes from. Every number here is copied from
 * `shared/pusher-facts.md` (§1 plans, §8 alternatives); confidence tags are the facts file's:
 * P = provider's own docs, S = third party, G = generated dataset without provider provenance.
 */

export type Confidence = 'P' | 'S' | 'G' | 'user';
/** Days in an average month (365 / 12), for per-day ⇄ per-month conversions. */
export const DAYS_PER_MONTH = 365 / 12;
export const MINUTES_PER_MONTH = DAYS_PER_MONTH * 24 * 60;

/**
 * How far a plan's price and limits can be trusted: `confirmed` (Pusher's own material, or several
 * sources that agree, or the user's plans file), `corroborated` (independent dated transcriptions
 * of Pusher's pricing page agree with the ladder, but no copy of Pusher's own page was seen),
 * `not-confirmed` (only the generated ladder).
 */
export type PlanEvidence = 'confirmed' | 'corroborated' | 'not-confirmed';

export interface PlanEntry {
  id: string;
  name: string;
  /** Null for Enterprise: custom pricing, "contact sales". */
  monthlyUsd: number | null;
  maxConnections: number | null;
  messagesPerDay: number | null;
  /** Connections are refused above this share of the limit (1.2 on paid plans, 1.0 on Sandbox). */
  connectionHardCap: number;
  /** True only for `evidence: 'confirmed'`. */
  confirmed: boolean;
  evidence: PlanEvidence;
  confidence: Confidence;
  source: string;
  /** Date of the newest evidence. */
  asOf: string | null;
}

const LADDER = 'https://raw.githubusercontent.com/api-evangelist/pusher/refs/heads/main/plans/pusher-plans-pricing.yml (commit 04f1eae1, "written by the API Evangelist bulk sweep dated 2026-05-08, not harvested from the provider")';
const LADDER_DATE = '2026-05-08';
/**
 * Independent transcriptions of Pusher's pricing page, as shared/pusher-facts.md ("Corroboration,
 * 2026-12") names them; none is a copy of Pusher's own page.
 */
const TAKO = 'tako.sh blog post on self-hosted Pusher alternatives (2026-04-27, citing April 2026 pricing)';
const T3 = 'a T3-stack README pricing table';
const note = (...dates: string[]): string => `independent research note${dates.length > 1 ? 's' : ''} dated ${dates.join(' and ')}`;
const CALCULATOR = 'a c.-2020 Pusher cost calculator whose thresholds match the ladder';
/** Paid plans: connections hard-limited at 120 % of the plan (facts §1.2 [P]). */
const PAID_CAP = 1.2;

export const PUSHER_PLANS: readonly PlanEntry[] = [
  {
    id: 'sandbox', name: 'Sandbox', monthlyUsd: 0, maxConnections: 100, messagesPerDay: 200_000, connectionHardCap: 1,
    confirmed: true, evidence: 'confirmed', confidence: 'P',
    source: `Pusher KB example "100 concurrent connections and 200000 messages" (https://docs.bird.com/pusher/account-billing/account-billing/plans/how-does-my-channels-plan-level-affect-the-limits-of-my-apps); free-for-dev PR #777 (2017-09-21); ${TAKO}; ${note('2026-08-01', '2026-09-01')}; ${T3}; ${LADDER}`,
    asOf: '2026-09-01',
  },
  {
    id: 'startup', name: 'Startup', monthlyUsd: 49, maxConnections: 500, messagesPerDay: 1_000_000, connectionHardCap: PAID_CAP,
    confirmed: true, evidence: 'confirmed', confidence: 'S',
    source: `soketi README "$49 plan on Pusher: 500 connections, 30M messages" (https://github.com/soketi/soketi/blob/5d188786/README.md); https://blog.mattheworiordan.com/p/transparent-pricing-that-rewards; ${TAKO}; ${note('2026-09-01')}; ${T3}; ${LADDER}`,
    asOf: '2026-09-01',
  },
  corroborated('pro', 'Pro', 99, 2_000, 4_000_000, [note('2026-09-01', '2026-09-09'), T3], '2026-09-09'),
  corroborated('business', 'Business', 299, 5_000, 10_000_000, [note('2026-09-01', '2026-09-26'), `${TAKO}, whose table agrees but whose prose says $499`, T3], '2026-09-26'),
  corroborated('premium', 'Premium', 499, 10_000, 20_000_000, [note('2026-09-26'), T3], '2026-09-26'),
  corroborated('growth', 'Growth', 699, 15_000, 40_000_000, [T3, 'two cost notes pricing "Pusher Growth $699" for 10,000-15,000 peak connections'], null),
  {
    id: 'plus', name: 'Plus', monthlyUsd: 899, maxConnections: 20_000, messagesPerDay: 60_000_000, connectionHardCap: PAID_CAP,
    confirmed: false, evidence: 'not-confirmed', confidence: 'G',
    source: `${LADDER}; the only other trace is ${CALCULATOR}, and it prices Plus at $699 (apparently a copy error)`,
    asOf: LADDER_DATE,
  },
  corroborated('growth-plus', 'Growth Plus', 1_199, 30_000, 90_000_000, [note('2026-09-09'), CALCULATOR], '2026-09-09'),
  {
    id: 'enterprise', name: 'Enterprise', monthlyUsd: null, maxConnections: null, messagesPerDay: null, connectionHardCap: PAID_CAP,
    confirmed: false, evidence: 'not-confirmed', confidence: 'G',
    source: `${LADDER}; overage and tiered pricing for Enterprise: https://pusher.com/blog/making-it-easier-to-outgrow-usage-limits-in-your-channels-plan/`,
    asOf: LADDER_DATE,
  },
];

/** A ladder plan that independent transcriptions of Pusher's pricing page agree with. */
function corroborated(id: string, name: string, monthlyUsd: number, maxConnections: number, messagesPerDay: number, sources: string[], asOf: string | null): PlanEntry {
  return {
    id, name, monthlyUsd, maxConnections, messagesPerDay, connectionHardCap: PAID_CAP,
    confirmed: false, evidence: 'corroborated', confidence: 'S',
    source: `corroborated, not from Pusher's own page: ${sources.join('; ')}; ${LADDER}`,
    asOf: asOf ?? LADDER_DATE,
  };
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
  /**
   * New accounts are quoted per monthly active user; the per-minute prices above are for accounts
   * created before the switch (ably/docs c20d2c4f and ably.com docs pages, facts "Corroboration, 2026-12").
   */
  mau: { usdPerMau: 0.05, lowestUsdPerMau: 0.01, messagesPerUser: 20_000, connectionMinutesPerUser: 2_000 },
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

/** AWS t3.small on demand (2 vCPU, 2 GB): the machine of Soketi's benchmark (facts "Corroboration, 2026-12" [P/S]). */
const T3_SMALL_HOURLY_USD = 0.024;
const HOURS_PER_MONTH = DAYS_PER_MONTH * 24;

/** Soketi (soketi/soketi 5d188786, 2024-03-25; docs.soketi.app/benchmarks). */
export const SOKETI = {
  source: 'https://docs.soketi.app/benchmarks (t3.small, 2 vCPU, 2 GB: 500 idle users receiving 1 msg/s + 500 users connecting/disconnecting every 5 s); t3.small on demand about $0.024 an hour; https://github.com/soketi/soketi/blob/5d188786/README.md',
  asOf: '2024-03-25',
  confidence: 'P' as Confidence,
  /** The benchmark's 500 + 500 users on one t3.small: the lowest capacity the sources show. */
  connectionsPerInstance: 1_000,
  /**
   * The benchmark's own machine, so capacity and price describe one instance. The README's
   * "$5-10 VM" is another, unbenchmarked machine; set your own price with the plans file.
   */
  instanceMonthlyUsd: Math.round(T3_SMALL_HOURLY_USD * HOURS_PER_MONTH * 100) / 100,
  instanceHourlyUsd: T3_SMALL_HOURLY_USD,
  instance: 't3.small',
} as const;
