import { LineCounter, parseDocument } from 'yaml';
import * as z from 'zod';
import { InputError } from '../../errors.js';
import type { AssumedUsage, UsageAssumptions } from '../usage.js';
import { clip, numberProblem } from './cells.js';
import { fieldOf, findYamlNode, jsonPath, parseJsonText } from './json-errors.js';

const count = z.number({ error: numberProblem }).nonnegative({ error: 'must not be negative' });
const share = count.max(1, { error: 'is a share between 0 and 1' });

export const PROFILE_NAMES = ['small', 'medium', 'large'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The usage-assumptions file, Infracost-style: describe the traffic, the model derives messages
 * with Pusher's counting rules. Keys are snake_case; unknown keys are refused so typos surface.
 */
export const assumptionsFileSchema = z.strictObject({
  version: z.union([z.literal('0.1'), z.literal(0.1)], { error: 'version must be 0.1' }).optional(),
  profile: z.enum(PROFILE_NAMES, { error: `profile must be one of ${PROFILE_NAMES.join(', ')}` }).optional(),
  peak_concurrent_users: count.optional(),
  connections_per_user: count.optional(),
  average_to_peak_connections: share.optional(),
  channels: count.optional(),
  subscribers_per_channel: count.optional(),
  publishes_per_day: count.optional(),
  // Pusher accepts at most 100 channels in one trigger (facts §2).
  channels_per_publish: count.min(1, { error: 'must be at least 1' }).max(100, { error: 'Pusher accepts at most 100 channels per trigger' }).optional(),
  info_share: share.optional(),
  client_events_per_day: count.optional(),
  client_event_recipients: count.optional(),
  presence: z
    .strictObject({
      joins_leaves_per_day: count.optional(),
      // Presence channels hold at most 100 members (facts §3.2).
      members_per_channel: count.max(100, { error: 'presence channels hold at most 100 members' }).optional(),
    })
    .optional(),
  webhooks_per_day: count.optional(),
  rest_queries_per_day: count.optional(),
  // Pusher refuses event data over 10 KB with HTTP 413 (facts §2).
  message_size_bytes: count.max(10_240, { error: 'Pusher refuses events over 10 KB' }).optional(),
  monthly_growth_pct: z.number({ error: numberProblem }).min(-100, { error: 'cannot shrink by more than 100 %' }).max(1000, { error: 'must be at most 1000' }).optional(),
});
export type AssumptionsFile = z.infer<typeof assumptionsFileSchema>;

/**
 * Built-in profiles: illustrative workloads (not measured data) sized so that `small` fits the
 * Sandbox plan, `medium` sits near the Startup plan's connection warning and `large` needs one
 * of the larger plans. Message size is a guess under Ably's 5 KiB chunk.
 */
export const PROFILES: Readonly<Record<ProfileName, UsageAssumptions>> = {
  small: {
    peakConcurrentUsers: 60, connectionsPerUser: 1.2, averageToPeakConnections: 1, channels: 20, subscribersPerChannel: 5,
    publishesPerDay: 15_000, channelsPerPublish: 1, infoShare: 0, clientEventsPerDay: 0, clientEventRecipients: 4,
    presenceJoinsLeavesPerDay: 2_000, presenceMembersPerChannel: 5, webhooksPerDay: 1_000, restQueriesPerDay: 0,
    messageSizeBytes: 512, monthlyGrowthPct: 0,
  },
  medium: {
    peakConcurrentUsers: 350, connectionsPerUser: 1.2, averageToPeakConnections: 1, channels: 150, subscribersPerChannel: 8,
    publishesPerDay: 60_000, channelsPerPublish: 1, infoShare: 0, clientEventsPerDay: 5_000, clientEventRecipients: 7,
    presenceJoinsLeavesPerDay: 10_000, presenceMembersPerChannel: 10, webhooksPerDay: 10_000, restQueriesPerDay: 0,
    messageSizeBytes: 1_024, monthlyGrowthPct: 3,
  },
  large: {
    peakConcurrentUsers: 6_000, connectionsPerUser: 1.5, averageToPeakConnections: 1, channels: 2_000, subscribersPerChannel: 20,
    publishesPerDay: 400_000, channelsPerPublish: 1, infoShare: 0, clientEventsPerDay: 50_000, clientEventRecipients: 19,
    presenceJoinsLeavesPerDay: 100_000, presenceMembersPerChannel: 20, webhooksPerDay: 100_000, restQueriesPerDay: 0,
    messageSizeBytes: 2_048, monthlyGrowthPct: 5,
  },
};

/** With no profile, counts not given are zero; these are the neutral multipliers. */
const EMPTY: UsageAssumptions = {
  peakConcurrentUsers: 0, connectionsPerUser: 1, averageToPeakConnections: 1, channels: 0, subscribersPerChannel: 0,
  publishesPerDay: 0, channelsPerPublish: 1, infoShare: 0, clientEventsPerDay: 0, clientEventRecipients: 0,
  presenceJoinsLeavesPerDay: 0, presenceMembersPerChannel: 0, webhooksPerDay: 0, restQueriesPerDay: 0,
  messageSizeBytes: 0, monthlyGrowthPct: 0,
};

export function assumedUsageFromProfile(profile: ProfileName): AssumedUsage {
  return { kind: 'assumptions', file: null, profile, assumptions: { ...PROFILES[profile] }, warnings: [] };
}

function resolve(file: AssumptionsFile): UsageAssumptions {
  const base = file.profile ? PROFILES[file.profile] : EMPTY;
  const subscribers = file.subscribers_per_channel ?? base.subscribersPerChannel;
  return {
    peakConcurrentUsers: file.peak_concurrent_users ?? base.peakConcurrentUsers,
    connectionsPerUser: file.connections_per_user ?? base.connectionsPerUser,
    averageToPeakConnections: file.average_to_peak_connections ?? base.averageToPeakConnections,
    channels: file.channels ?? base.channels,
    subscribersPerChannel: subscribers,
    publishesPerDay: file.publishes_per_day ?? base.publishesPerDay,
    channelsPerPublish: file.channels_per_publish ?? base.channelsPerPublish,
    infoShare: file.info_share ?? base.infoShare,
    clientEventsPerDay: file.client_events_per_day ?? base.clientEventsPerDay,
    // Client events are not echoed to the sender (facts §3.3), so by default the other subscribers.
    clientEventRecipients: file.client_event_recipients ?? (file.subscribers_per_channel !== undefined ? Math.max(0, subscribers - 1) : base.clientEventRecipients),
    presenceJoinsLeavesPerDay: file.presence?.joins_leaves_per_day ?? base.presenceJoinsLeavesPerDay,
    presenceMembersPerChannel: file.presence?.members_per_channel ?? base.presenceMembersPerChannel,
    webhooksPerDay: file.webhooks_per_day ?? base.webhooksPerDay,
    restQueriesPerDay: file.rest_queries_per_day ?? base.restQueriesPerDay,
    messageSizeBytes: file.message_size_bytes ?? base.messageSizeBytes,
    monthlyGrowthPct: file.monthly_growth_pct ?? base.monthlyGrowthPct,
  };
}

/** Parses a YAML or JSON assumptions file. YAML errors carry a line, JSON errors a JSON path. */
export function parseAssumptions(text: string, file: string, format: 'yaml' | 'json'): AssumedUsage {
  let data: unknown;
  let lineOf: ((path: PropertyKey[]) => number | undefined) | undefined;
  if (format === 'json') {
    data = parseJsonText(text, file);
  } else {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    const yamlErr = doc.errors[0];
    if (yamlErr) {
      const line = lc.linePos(yamlErr.pos[0]).line;
      throw new InputError({ file, line }, `not valid YAML: ${clip(yamlErr.message.split('\n')[0] ?? '', 100)}`);
    }
    data = doc.toJS();
    lineOf = (path) => {
      const node = findYamlNode(doc.contents, path);
      return node?.range ? lc.linePos(node.range[0]).line : undefined;
    };
  }
  if (data === null || data === undefined) {
    throw new InputError({ file }, 'empty file; expected usage assumptions such as "profile: medium" or "peak_concurrent_users: 500"');
  }
  const parsed = assumptionsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...issue.path] as PropertyKey[];
    if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
    const line = lineOf?.(path);
    const problem = issue.code === 'unrecognized_keys' ? 'unknown key; see the README for the usage-assumptions reference' : issue.message;
    throw new InputError({ file, ...(line !== undefined ? { line } : { path: jsonPath(path) }), field: fieldOf(path) }, problem);
  }
  if (parsed.data.profile === undefined && parsed.data.peak_concurrent_users === undefined) {
    throw new InputError({ file, field: 'peak_concurrent_users' }, 'missing; give it or start from a built-in profile (profile: small | medium | large)');
  }
  return { kind: 'assumptions', file, profile: parsed.data.profile ?? null, assumptions: resolve(parsed.data), warnings: [] };
}

