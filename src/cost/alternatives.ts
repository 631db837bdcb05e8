import { ABLY, AWS_APIGW_WEBSOCKET, MINUTES_PER_MONTH, SOKETI } from './catalogue.js';
import type { Alternative, CostLine } from './report.js';
import { fmt, money, qty } from './round.js';

/** The load priced elsewhere: the same as the recommended Pusher plan is sized for, without headroom. */
export interface Workload {
  peakConnections: number;
  meanConnections: number;
  monthlyMessages: number;
  avgMessageSizeBytes: number | null;
  channels: number | null;
}

export interface SoketiSettings {
  connectionsPerInstance: number;
  instanceMonthlyUsd: number;
  /** True when the user set the price in the plans file. */
  userPriced: boolean;
}

function line(item: string, quantity: number, unit: string, unitUsd: number, perUnits: number): CostLine {
  return { item, quantity: qty(quantity), unit, unitUsd, usd: money((quantity / perUnits) * unitUsd) };
}

function total(lines: CostLine[]): number {
  return money(lines.reduce((s, l) => s + l.usd, 0));
}

const MILLION = 1_000_000;

export function priceAbly(w: Workload): Alternative {
  const assumptions = [
    'List prices; Ably\'s volume discounts (down to $0.50 per million messages) are not applied.',
    'Ably counts a publish to N subscribers as N + 1 messages, as Pusher does, so Pusher\'s message count is reused.',
    `New Ably accounts are priced per monthly active user ($${ABLY.mau.usdPerMau.toFixed(2)} per MAU, down to $${ABLY.mau.lowestUsdPerMau.toFixed(2)}, including ${fmt(ABLY.mau.messagesPerUser)} messages and ${fmt(ABLY.mau.connectionMinutesPerUser)} connection minutes per user a month); the per-message and per-minute prices here apply to accounts created before that switch. The usage data has no user count, so the MAU price is not computed.`,
  ];
  let chunks = 1;
  if (w.avgMessageSizeBytes === null) {
    assumptions.push('Message size unknown: each message is taken as one 5 KiB chunk; messages over 5 KiB cost 2 or more.');
  } else {
    chunks = Math.max(1, Math.ceil(w.avgMessageSizeBytes / ABLY.chunkBytes));
    assumptions.push(`Average message size ${Math.round(w.avgMessageSizeBytes)} bytes = ${chunks} chunk(s) of 5 KiB; an average hides larger messages, so this may understate.`);
  }
  const messages = w.monthlyMessages * chunks;
  const pkg = ABLY.packages.find(
    (p) =>
      w.peakConnections <= p.maxConnections &&
      (w.channels === null || w.channels <= p.maxChannels) &&
      (p.maxMessagesPerMonth === null || messages <= p.maxMessagesPerMonth),
  );
  const base = {
    id: 'ably' as const,
    name: 'Ably',
    confirmed: ABLY.confirmed,
    confidence: ABLY.confidence,
    source: ABLY.source,
    asOf: ABLY.asOf,
  };
  if (!pkg) {
    return { ...base, package: 'Enterprise (contact sales)', monthlyUsd: null, lines: [], assumptions: [...assumptions, 'The load exceeds the Pro package limits (50,000 connections).'] };
  }
  if (!pkg.metered) {
    return { ...base, package: pkg.name, monthlyUsd: 0, lines: [line(`${pkg.name} package`, 1, 'month', pkg.monthlyUsd, 1)], assumptions: [...assumptions, 'Fits the Free package limits (200 connections, 200 channels, 6M messages a month).'] };
  }
  const lines = [
    line(`${pkg.name} package`, 1, 'month', pkg.monthlyUsd, 1),
    line('Messages', messages, 'messages', ABLY.usdPerMillionMessages, MILLION),
    line('Connection minutes', w.meanConnections * MINUTES_PER_MONTH, 'minutes', ABLY.usdPerMillionConnectionMinutes, MILLION),
  ];
  if (w.channels !== null) {
    lines.push(line('Channel minutes', w.channels * MINUTES_PER_MONTH, 'minutes', ABLY.usdPerMillionChannelMinutes, MILLION));
    assumptions.push('Every channel is taken as active all month (an upper bound on channel minutes).');
  } else {
    assumptions.push('Channel minutes are not included: the usage data has no channel count, so this understates Ably\'s bill.');
  }
  assumptions.push('Usage is charged on top of the package fee; any usage included in the package is not deducted.');
  return { ...base, package: pkg.name, monthlyUsd: total(lines), lines, assumptions };
}

export function priceAwsWebSocket(w: Workload): Alternative {
  const assumptions = [
    'Each message Pusher counts is taken as one API Gateway message (sent or received); server publishes are not WebSocket messages on AWS, so this slightly overstates.',
    'Free usage for new AWS customers is not applied (since 2025-07-15 up to $200 in credits instead of the 12-month free tier).',
    'Not included: the backend AWS needs to fan messages out (Lambda, a connection table), and data transfer.',
    'API Gateway closes connections after 2 h and after 10 min idle; clients must reconnect.',
  ];
  let units = 1;
  if (w.avgMessageSizeBytes !== null) units = Math.max(1, Math.ceil(w.avgMessageSizeBytes / AWS_APIGW_WEBSOCKET.unitBytes));
  const messages = w.monthlyMessages * units;
  if (messages > AWS_APIGW_WEBSOCKET.firstTierMessages) {
    assumptions.push('Above 1 billion messages a month AWS charges a lower rate that is not confirmed; the first-tier rate is used throughout.');
  }
  const lines = [
    line('Messages (32 KB units)', messages, 'messages', AWS_APIGW_WEBSOCKET.usdPerMillionMessages, MILLION),
    line('Connection minutes', w.meanConnections * MINUTES_PER_MONTH, 'minutes', AWS_APIGW_WEBSOCKET.usdPerMillionConnectionMinutes, MILLION),
  ];
  return {
    id: 'aws-apigw-websocket',
    name: 'AWS API Gateway WebSocket',
    package: 'us-east-1',
    monthlyUsd: total(lines),
    lines,
    confirmed: AWS_APIGW_WEBSOCKET.confirmed,
    confidence: AWS_APIGW_WEBSOCKET.confidence,
    source: AWS_APIGW_WEBSOCKET.source,
    asOf: AWS_APIGW_WEBSOCKET.asOf,
    assumptions,
  };
}

export function priceSoketi(w: Workload, headroom: number, s: SoketiSettings): Alternative {
  const instances = Math.max(1, Math.ceil((w.peakConnections * (1 + headroom)) / s.connectionsPerInstance));
  const lines = [line('Instances', instances, 'instances', s.instanceMonthlyUsd, 1)];
  return {
    id: 'soketi',
    name: 'Soketi (self-hosted)',
    package: `${instances} × ${s.connectionsPerInstance} connections`,
    monthlyUsd: total(lines),
    lines,
    confirmed: s.userPriced,
    confidence: s.userPriced ? 'user' : SOKETI.confidence,
    source: s.userPriced ? `${SOKETI.source}; instance price and capacity from the plans file` : SOKETI.source,
    asOf: SOKETI.asOf,
    assumptions: [
      `Instances sized for peak connections plus the same headroom as the Pusher plan, at ${s.connectionsPerInstance} connections each${s.userPriced ? '' : ` (the sources' benchmark: 1,000 users on one ${SOKETI.instance})`}.`,
      `$${s.instanceMonthlyUsd} per instance a month${s.userPriced ? ' (from the plans file)' : ` (an on-demand ${SOKETI.instance}, the benchmark's machine, at about $${SOKETI.instanceHourlyUsd} an hour; the soketi README's "$5-10 VM" is another, unbenchmarked machine; set yours in the plans file)`}.`,
      'Not included: redundancy, a load balancer, Redis for several instances, bandwidth, and the time to operate it. Soketi was last updated 2024-03-25.',
    ],
  };
}
