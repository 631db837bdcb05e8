/**
 * What the input readers hand to the model: usage already aggregated per UTC day (time series)
 * or a set of usage assumptions. Plain data, JSON-serialisable, so `scan --usage` can pass it on.
 */

/** Optional per-interval breakdown of messages, named after Pusher's Datadog metrics. */
export const BREAKDOWN_FIELDS = [
  'api_requests',
  'deliveries',
  'client_events',
  'client_events_sent',
  'client_events_received',
  'presence_events',
  'webhooks',
] as const;
export type BreakdownField = (typeof BREAKDOWN_FIELDS)[number];
export type Breakdown = Partial<Record<BreakdownField, number>>;

export const WARNING_CODES = [
  'rows-sorted',
  'gaps',
  'coarse-interval',
  'day-alignment',
  'partial-days',
  'short-window',
  'no-forecast',
  'connection-metric-guessed',
  'null-points',
  'ignored-metrics',
  'unconfirmed-plan',
  'corroborated-plan',
  'outlier-day',
  'at-limit',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface UsageWarning {
  code: WarningCode;
  message: string;
}

export interface DayUsage {
  /** UTC date, `YYYY-MM-DD`: Pusher counts the message limit per UTC day. */
  date: string;
  samples: number;
  /** Share of the day covered by samples (samples × interval / 24 h, at most 1). */
  coverage: number;
  /** Days covering less than 90 % of 24 h (first/last day of an export, long gaps) are partial. */
  complete: boolean;
  messages: number;
  peakConnections: number;
  meanConnections: number;
  breakdown: Breakdown;
  /** Message-weighted average size in bytes, when the export has it. */
  avgMessageSizeBytes: number | null;
}

export interface GapSummary {
  count: number;
  missingSeconds: number;
  /** The longest gaps, longest first (at most five). */
  longest: Array<{ from: string; to: string; seconds: number }>;
}

export interface Distribution {
  max: number;
  p95: number;
  p99: number;
  mean: number;
}

export interface SeriesUsage {
  kind: 'series';
  format: 'csv' | 'datadog';
  file: string;
  intervalSeconds: number;
  samples: number;
  start: string;
  end: string;
  days: DayUsage[];
  /** Over every sample of the window (not per day). */
  connections: Distribution;
  breakdownFields: BreakdownField[];
  avgMessageSizeBytes: number | null;
  gaps: GapSummary;
  warnings: UsageWarning[];
}

/** Usage described by hand, Infracost-style, for teams without telemetry. */
export interface UsageAssumptions {
  peakConcurrentUsers: number;
  connectionsPerUser: number;
  averageToPeakConnections: number;
  channels: number;
  subscribersPerChannel: number;
  publishesPerDay: number;
  channelsPerPublish: number;
  infoShare: number;
  clientEventsPerDay: number;
  clientEventRecipients: number;
  presenceJoinsLeavesPerDay: number;
  presenceMembersPerChannel: number;
  webhooksPerDay: number;
  restQueriesPerDay: number;
  messageSizeBytes: number;
  monthlyGrowthPct: number;
}

export interface AssumedUsage {
  kind: 'assumptions';
  file: string | null;
  profile: string | null;
  assumptions: UsageAssumptions;
  warnings: UsageWarning[];
}

export type UsageData = SeriesUsage | AssumedUsage;
