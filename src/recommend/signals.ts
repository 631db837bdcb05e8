import { PUSHER_PLANS } from '../cost/catalogue.js';
import type { CostReport } from '../cost/report.js';
import type { Category, Finding, Severity } from '../engine/types.js';
import type { InventoryJson } from '../inventory/types.js';
import { fmt, message, type MessageData, type MessageId } from './messages.js';
import { DESIGN_THRESHOLDS, type SignalId } from './patterns.js';
import type { ArchitectureFacts, Evidence, Message, PatternId } from './schema.js';

/** A finding as the advice reads it: the scan report's finding fields it needs. */
export type AdviceFinding = Pick<Finding, 'ruleId' | 'messageId' | 'severity' | 'category' | 'message' | 'file' | 'line' | 'fingerprint'>;

export interface AdviceRule {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
}

export interface AdviceInput {
  facts: ArchitectureFacts;
  inventory: InventoryJson;
  /** Unsuppressed findings. */
  findings: readonly AdviceFinding[];
  /** The cost report of `scan --usage`, when usage was given. */
  cost?: CostReport;
  /** The rules that ran: a rule with no findings is a passed audit. */
  rules?: readonly AdviceRule[];
  /** Files skipped and errors during the scan (operability: what the review could not see). */
  scan?: { skipped: number; errors: number };
}

export interface SignalValue {
  strength: number;
  value: number | null;
  threshold: number | null;
  assumed: boolean;
  evidence: Evidence[];
  text: Message;
}

/** Plan limits the thresholds rest on: the report's catalogue (with the user's --plans) when there is one. */
export interface Limits {
  startupConnections: number;
  proConnections: number;
  premiumConnections: number;
}

export function limitsOf(cost: CostReport | undefined): Limits {
  const plans = cost?.catalogue.plans ?? PUSHER_PLANS;
  const conn = (id: string): number =>
    plans.find((p) => p.id === id)?.maxConnections ?? PUSHER_PLANS.find((p) => p.id === id)!.maxConnections!;
  return { startupConnections: conn('startup'), proConnections: conn('pro'), premiumConnections: conn('premium') };
}

const clamp = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface SignalContext {
  input: AdviceInput;
  limits: Limits;
  current: PatternId | null;
  /** Distinct clusters: literal values, or distinct environment variables on one side. */
  clusterCount: number;
}

function distinctClusters(facts: ArchitectureFacts): number {
  const literal = facts.clusters.filter((c) => c.source !== 'env').length;
  const envBySide = (side: 'client' | 'server') => facts.clusters.filter((c) => c.source === 'env' && c.sides.includes(side)).length;
  return Math.max(literal, envBySide('client'), envBySide('server'));
}

export function signalContext(input: AdviceInput, current: PatternId | null): SignalContext {
  return { input, limits: limitsOf(input.cost), current, clusterCount: distinctClusters(input.facts) };
}

export const findingEvidence = (f: AdviceFinding): Evidence => ({ kind: 'finding', ref: f.fingerprint, file: f.file, line: f.line });
const factEvidence = (ref: string, l: { file: string; line: number }): Evidence => ({ kind: 'fact', ref, file: l.file, line: l.line });
const costEvidence = (ref: string, value: number): Evidence => ({ kind: 'cost', ref, value });

function v(strength: number, id: MessageId, data: MessageData, evidence: Evidence[] = [], extra: Partial<SignalValue> = {}): SignalValue {
  return { strength: round2(clamp(strength)), value: null, threshold: null, assumed: false, evidence, text: message(id, data), ...extra };
}

const isRelayRule = (f: AdviceFinding) => /relay/.test(f.ruleId) || /relay/i.test(f.messageId);
const isBatchRule = (f: AdviceFinding) => /unbatched|n-plus-one|batch/.test(f.ruleId);

/**
 * Findings at publishing sites the facts did not mark, one per site: a rule may report one call
 * twice (its channel and its event both relayed), and that is still one site.
 */
function extraSites(found: readonly AdviceFinding[], sites: ReadonlyArray<{ p: ArchitectureFacts['publishing'][number] }>): AdviceFinding[] {
  const seen = new Set(sites.map(({ p }) => `${p.location.file}:${p.location.line}`));
  return found.filter((f) => {
    const at = `${f.file}:${f.line}`;
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
}

/** Publishing sites that publish what the request names: marked in the facts, or reported by a relay rule. */
export function relayedSites({ facts, findings }: Pick<AdviceInput, 'facts' | 'findings'>) {
  const sites = facts.publishing.map((p, i) => ({ p, i })).filter(({ p }) => p.relayed);
  return { sites, extra: extraSites(findings.filter(isRelayRule), sites) };
}

/** Every signal's producer: numbers and evidence only; the sentence comes from the message table. */
export const SIGNALS: Record<SignalId, (ctx: SignalContext) => SignalValue> = {
  'single-publisher': ({ input: { facts } }) => {
    const n = facts.publishingByPackage.length;
    return v(n <= 1 ? 1 : 0, 'signal.single-publisher', { packages: n }, facts.publishingByPackage.map((p, i) => factEvidence(`publishingByPackage[${i}]`, { file: p.package, line: 1 })), { value: n, threshold: 1 });
  },
  'many-publishing-services': ({ input: { facts } }) => {
    const n = facts.publishingByPackage.length;
    return v((n - 1) / 2, 'signal.many-publishing-services', { packages: n, sites: facts.publishing.length, modules: facts.publishingByModule.length },
      facts.publishing.map((p, i) => factEvidence(`publishing[${i}]`, p.location)), { value: n, threshold: 3 });
  },
  'connections-small': ({ input: { cost }, limits }) => {
    if (!cost) return v(1, 'signal.connections-small-assumed', { limit: fmt(limits.startupConnections) }, [], { assumed: true, threshold: limits.startupConnections });
    const peak = cost.summary.connections.max;
    const forecast = cost.recommendation.required.connections;
    return v((limits.proConnections - forecast) / (limits.proConnections - limits.startupConnections), 'signal.connections-small',
      { value: fmt(peak), forecast: fmt(Math.round(forecast)), limit: fmt(limits.startupConnections) },
      [costEvidence('summary.connections.max', peak), costEvidence('recommendation.required.connections', forecast)], { value: Math.round(forecast), threshold: limits.startupConnections });
  },
  'connections-high': ({ input: { cost }, limits }) => {
    if (!cost) return v(0, 'signal.connections-high-assumed', { limit: fmt(limits.proConnections) }, [], { assumed: true, threshold: limits.premiumConnections });
    const forecast = cost.recommendation.required.connections;
    return v((forecast - limits.proConnections) / (limits.premiumConnections - limits.proConnections), 'signal.connections-high',
      { value: fmt(Math.round(forecast)), threshold: fmt(limits.premiumConnections) },
      [costEvidence('recommendation.required.connections', forecast)], { value: Math.round(forecast), threshold: limits.premiumConnections });
  },
  bursts: ({ input: { cost } }) => {
    const d = cost?.summary.dailyMessages;
    if (!cost || !d || d.mean === null || d.mean === 0) return v(0, 'signal.bursts', { value: 'unknown' }, [], { assumed: !cost, threshold: DESIGN_THRESHOLDS.burstRatio });
    const ratio = round2(d.max / d.mean);
    return v((ratio - 1) / (DESIGN_THRESHOLDS.burstRatio - 1), 'signal.bursts', { value: fmt(ratio) },
      [costEvidence('summary.dailyMessages.max', d.max), costEvidence('summary.dailyMessages.mean', d.mean)], { value: ratio, threshold: DESIGN_THRESHOLDS.burstRatio });
  },
  'n-plus-one': ({ input: { facts, findings } }) => {
    const sites = facts.publishing.map((p, i) => ({ p, i })).filter(({ p }) => p.inLoop);
    const extra = extraSites(findings.filter(isBatchRule), sites);
    const n = sites.length + extra.length;
    return v(n / 2, 'signal.n-plus-one', { value: n }, [...sites.map(({ p, i }) => factEvidence(`publishing[${i}]`, p.location)), ...extra.map(findingEvidence)], { value: n, threshold: 2 });
  },
  'queue-fed-publishing': ({ input: { facts } }) => {
    const fed = facts.publishing.map((p, i) => ({ p, i })).filter(({ p }) => p.triggers.includes('queue-consumer'));
    const total = facts.publishing.length;
    return v(total === 0 ? 0 : fed.length / total, 'signal.queue-fed-publishing', { value: fed.length, total }, fed.map(({ p, i }) => factEvidence(`publishing[${i}]`, p.location)), { value: fed.length });
  },
  'broker-present': ({ input: { facts } }) => {
    const used = facts.brokers.map((b, i) => ({ b, i })).filter(({ b }) => b.roles.length > 0);
    return v(used.length > 0 ? 1 : 0, 'signal.broker-present', { brokers: [...new Set(used.map(({ b }) => `${b.kind} (${b.roles.join(', ')})`))].join('; ') || 'none' },
      used.map(({ b, i }) => factEvidence(`brokers[${i}]`, b.location)), { value: used.length });
  },
  'server-subscribers': ({ input: { facts } }) => {
    const n = facts.serverSubscribers.length;
    return v(n, 'signal.server-subscribers', { value: n, libraries: [...new Set(facts.serverSubscribers.map((s) => s.library))].join(', ') || 'pusher-js' },
      facts.serverSubscribers.map((s, i) => factEvidence(`serverSubscribers[${i}]`, s.location)), { value: n, threshold: 1 });
  },
  'several-clusters': ({ input: { facts }, clusterCount }) =>
    v(clusterCount >= 2 ? 1 : 0, clusterCount >= 2 ? 'signal.several-clusters' : 'signal.one-cluster', { value: clusterCount, clusters: facts.clusters.map((c) => c.cluster).join(', ') || 'none set' },
      facts.clusters.map((_c, i) => ({ kind: 'fact' as const, ref: `clusters[${i}]` })), { value: clusterCount, threshold: 2 }),
  'cdn-script': ({ input: { facts } }) => {
    const pages = new Set(facts.cdnScripts.map((s) => s.file)).size;
    return v(pages > 0 ? 1 : 0, 'signal.cdn-script', { value: pages }, facts.cdnScripts.map((s, i) => factEvidence(`cdnScripts[${i}]`, s)), { value: pages });
  },
  'public-broadcast': ({ input: { facts } }) => {
    const all = facts.channelFamilies.filter((f) => f.type !== 'unknown');
    const pub = all.filter((f) => f.type === 'public');
    return v(all.length === 0 ? 0 : pub.length / all.length, 'signal.public-broadcast', { public: pub.length, total: all.length },
      pub.map((f) => ({ kind: 'fact' as const, ref: `channelFamilies[${facts.channelFamilies.indexOf(f)}]` })), { value: pub.length });
  },
  'cache-channels': ({ input: { facts } }) => {
    const cached = facts.channelFamilies.filter((f) => /^(private-|presence-|private-encrypted-)?cache-/.test(f.family));
    return v(cached.length, 'signal.cache-channels', { value: cached.length }, cached.map((f) => ({ kind: 'fact' as const, ref: `channelFamilies[${facts.channelFamilies.indexOf(f)}]` })), { value: cached.length });
  },
  'fan-out': ({ input: { cost } }) => {
    const b = cost?.summary.breakdown;
    if (!cost || !b || !b.api_requests || b.deliveries === undefined) return v(0, 'signal.fan-out', { value: 'unknown' }, [], { assumed: !cost, threshold: DESIGN_THRESHOLDS.fanOut });
    const ratio = round2(b.deliveries / b.api_requests);
    return v(ratio / DESIGN_THRESHOLDS.fanOut, 'signal.fan-out', { value: fmt(ratio) },
      [costEvidence('summary.breakdown.deliveries', b.deliveries), costEvidence('summary.breakdown.api_requests', b.api_requests)], { value: ratio, threshold: DESIGN_THRESHOLDS.fanOut });
  },
  'private-heavy': ({ input: { facts } }) => {
    const all = facts.channelFamilies.filter((f) => f.type !== 'unknown');
    const priv = all.filter((f) => f.type === 'private' || f.type === 'presence' || f.type === 'private-encrypted' || f.type === 'server-to-user');
    return v(all.length === 0 ? 0 : priv.length / all.length, 'signal.private-heavy', { private: priv.length, total: all.length }, [], { value: priv.length });
  },
  'weak-auth': ({ input: { findings } }) => {
    const weak = findings.filter((f) => f.ruleId === 'client-side-authorization');
    return v(weak.length / 2, 'signal.weak-auth', { value: weak.length }, weak.map(findingEvidence), { value: weak.length, threshold: 2 });
  },
  'relayed-triggers': ({ input }) => {
    const { sites, extra } = relayedSites(input);
    const n = sites.length + extra.length;
    return v(n, 'signal.relayed-triggers', { value: n }, [...sites.map(({ p, i }) => factEvidence(`publishing[${i}]`, p.location)), ...extra.map(findingEvidence)], { value: n, threshold: 1 });
  },
  'auth-unprotected': ({ input: { facts } }) => {
    const open = facts.authEndpoints.map((a, i) => ({ a, i })).filter(({ a }) => !a.rateLimited);
    const total = facts.authEndpoints.length;
    return v(total === 0 ? 0 : open.length / total, 'signal.auth-unprotected', { value: open.length, total }, open.map(({ a, i }) => factEvidence(`authEndpoints[${i}]`, a.location)), { value: open.length });
  },
  'gateway-present': ({ input: { facts } }) => {
    const limiters = facts.middleware.map((m, i) => ({ m, i })).filter(({ m }) => m.kind === 'rate-limit' && m.covers.length > 0);
    const auth = limiters.some(({ m }) => m.covers.includes('auth-endpoint')) ? 0.5 : 0;
    const publish = facts.middleware.some((m) => m.covers.includes('publishing')) ? 0.5 : 0;
    return v(auth + publish, 'signal.gateway-present', { libraries: [...new Set(limiters.map(({ m }) => m.library))].join(', ') || 'none' },
      limiters.map(({ m, i }) => factEvidence(`middleware[${i}]`, m.location)));
  },
  'serverless-publishing': ({ input: { facts } }) => {
    const sl = facts.publishing.map((p, i) => ({ p, i })).filter(({ p }) => p.triggers.includes('serverless-function'));
    const total = facts.publishing.length;
    return v(total === 0 ? 0 : sl.length / total, 'signal.serverless-publishing', { value: sl.length, total }, sl.map(({ p, i }) => factEvidence(`publishing[${i}]`, p.location)), { value: sl.length });
  },
  'sdk-per-call': ({ input: { facts } }) => {
    const per = facts.sdkInstances.map((s, i) => ({ s, i })).filter(({ s }) => s.lifetime === 'per-call');
    return v(per.length, 'signal.sdk-per-call', { value: per.length }, per.map(({ s, i }) => factEvidence(`sdkInstances[${i}]`, s.location)), { value: per.length, threshold: 1 });
  },
  'long-running-server': ({ input: { facts } }) => {
    const lr = facts.publishing.map((p, i) => ({ p, i })).filter(({ p }) => p.triggers.length > 0 && !p.triggers.includes('serverless-function'));
    const total = facts.publishing.length;
    return v(total === 0 ? 0 : lr.length / total, 'signal.long-running-server', { value: lr.length }, lr.map(({ p, i }) => factEvidence(`publishing[${i}]`, p.location)), { value: lr.length });
  },
  'operational-cost': () => v(1, 'signal.operational-cost', {}),
  incumbent: () => v(1, 'signal.incumbent', {}),
};
