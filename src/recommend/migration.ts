import { WARNING_SHARE } from '../pusher/billing.js';
import type { CostLever } from '../engine/types.js';
import { fmt, message, type MessageData, type MessageId } from './messages.js';
import type { Location } from '../inventory/architecture-schema.js';
import type { Benefit, Effort, Evidence, Message, MigrationStep, PatternId, Risk } from './schema.js';
import { findingEvidence, relayedSites, type AdviceInput, type SignalContext } from './signals.js';

/**
 * The step-by-step plan to reach a pattern, from this code's facts: each step names what to
 * change, where (file:line), effort, risk, and what it buys from the cost model. A step only
 * appears when the code needs it, so a pattern already in place with no gaps has no steps.
 */

/** Pusher API limits the steps cite (pusher-facts.md §2: 10 events per batch, 100 channels per trigger). */
const BATCH_EVENTS = 10;
const CHANNELS_PER_TRIGGER = 100;
const PRESENCE_MEMBERS = 100;
const CLIENT_EVENTS_PER_SECOND = 10;

interface Draft {
  id: string;
  text: Message;
  where: Location[];
  effort: Effort;
  risk: Risk;
  benefit: Benefit;
  evidence: Evidence[];
}

const at = (l: { file: string; line: number; column?: number }): Location => ({ file: l.file, line: l.line, column: l.column ?? 1 });
const uniqueLocations = (ls: Location[]): Location[] => {
  const seen = new Set<string>();
  return ls.filter((l) => (seen.has(`${l.file}:${l.line}`) ? false : (seen.add(`${l.file}:${l.line}`), true)));
};

function risk(what: string, level: Risk): Benefit {
  return { kind: 'risk-reduction', monthlyUsd: null, connections: null, messagesPerDay: null, text: message('benefit.risk', { risk: level, what }) };
}

/** The cost model's saving for a lever, when usage was given and a finding carries it. */
function saving(input: AdviceInput, lever: CostLever): Benefit | undefined {
  const item = input.cost?.savings.items.find((s) => s.lever === lever && s.quantified);
  if (!item || item.monthlySavingsUsd === null || item.monthlySavingsUsd <= 0) return undefined;
  const baseline = input.cost!.recommendation.choice.plan?.name ?? 'Enterprise';
  return {
    kind: 'saving',
    monthlyUsd: item.monthlySavingsUsd,
    connections: item.metric === 'connections' ? item.reduction : null,
    messagesPerDay: item.metric === 'messagesPerDay' ? item.reduction : null,
    text: message('benefit.saving', { usd: fmt(item.monthlySavingsUsd), plan: item.resulting.plan?.name ?? 'Enterprise', baseline }),
  };
}

/** The limit headroom the recommended plan keeps at the forecast. */
function headroom(input: AdviceInput): Benefit | undefined {
  const cost = input.cost;
  if (!cost) return undefined;
  const req = cost.recommendation.required;
  return {
    kind: 'headroom',
    monthlyUsd: null,
    connections: Math.round(req.connections),
    messagesPerDay: Math.round(req.messagesPerDay),
    text: message('benefit.headroom', { connections: fmt(Math.round(req.connections)), messages: fmt(Math.round(req.messagesPerDay)), plan: cost.recommendation.choice.plan?.name ?? 'Enterprise (contact sales)' }),
  };
}

function step(id: string, textId: MessageId, data: MessageData, where: Location[], effort: Effort, riskLevel: Risk, benefit: Benefit, evidence: Evidence[] = []): Draft {
  return { id, text: message(textId, data), where: uniqueLocations(where), effort, risk: riskLevel, benefit, evidence };
}

const brokerName = (input: AdviceInput): string => {
  const used = input.facts.brokers.find((b) => b.roles.length > 0) ?? input.facts.brokers[0];
  return used ? `${used.kind} (${used.library})` : 'a queue such as Redis Streams, BullMQ or SQS';
};

const STEPS: Record<PatternId, (input: AdviceInput, ctx: SignalContext) => Draft[]> = {
  direct: () => [],
  gateway: (input) => {
    const { facts, findings } = input;
    const out: Draft[] = [];
    const open = facts.authEndpoints.filter((a) => !a.rateLimited);
    if (open.length > 0) out.push(step('gateway.rate-limit-auth', 'step.gateway.rate-limit-auth', {}, open.map((a) => at(a.location)), 'S', 'low', risk('auth endpoint floods and signature farming', 'medium')));
    const weak = findings.filter((f) => f.ruleId === 'client-side-authorization');
    if (weak.length > 0) {
      out.push(step('gateway.fix-auth', 'step.gateway.fix-auth', { count: weak.length }, weak.map((f) => at(f)), 'M', 'medium', risk('anyone joining private and presence channels', 'high'),
        weak.map(findingEvidence)));
    }
    const relayed = relayedSites(input);
    const relayedAt = [...relayed.sites.map(({ p }) => at(p.location)), ...relayed.extra.map((f) => at(f))];
    if (relayedAt.length > 0) {
      out.push(step('gateway.stop-relay', 'step.gateway.stop-relay', { count: relayedAt.length }, relayedAt, 'M', 'medium', risk('callers publishing to channels they choose', 'high'),
        relayed.extra.map(findingEvidence)));
    }
    if (facts.publishingByModule.length > 1) {
      out.push(step('gateway.one-publisher', 'step.gateway.one-publisher', { count: facts.publishingByModule.length }, facts.publishing.map((p) => at(p.location)), 'M', 'low', risk('publishing without limits from new routes', 'medium')));
    }
    return out;
  },
  'event-bus': (input) => {
    const { facts } = input;
    const out: Draft[] = [];
    const direct = facts.publishing.filter((p) => !p.triggers.includes('queue-consumer'));
    if (direct.length > 0) {
      out.push(step('event-bus.queue', 'step.event-bus.queue', { broker: brokerName(input), count: direct.length }, direct.map((p) => at(p.location)), 'L', 'medium',
        headroom(input) ?? risk('publish bursts hitting Pusher\'s limits from every service at once', 'medium')));
    }
    const loops = facts.publishing.filter((p) => p.inLoop);
    out.push(step('event-bus.publisher', 'step.event-bus.publisher', { batch: BATCH_EVENTS, channels: CHANNELS_PER_TRIGGER }, loops.map((p) => at(p.location)), 'M', 'medium',
      saving(input, 'n-plus-one-triggers') ?? risk('one API call per recipient', 'medium')));
    const others = facts.sdkInstances.filter((s, i, all) => all.findIndex((x) => x.package === s.package) === i);
    if (others.length > 1) {
      out.push(step('event-bus.credentials', 'step.event-bus.credentials', { count: others.length - 1 }, others.slice(1).map((s) => at(s.location)), 'S', 'low', risk('the app secret in every service', 'medium')));
    }
    return out;
  },
  'multi-region': (input) => {
    const { facts, inventory } = input;
    const servers = facts.sdkInstances.map((s) => at(s.location));
    const clients = inventory.clients.filter((c) => c.options['cluster'] !== undefined).map((c) => at(c.location));
    const out: Draft[] = [];
    if (servers.length > 0) out.push(step('multi-region.publish-all', 'step.multi-region.publish-all', {}, servers, 'M', 'medium', risk('users on one cluster missing events published to another', 'high')));
    if (clients.length > 0) out.push(step('multi-region.client-cluster', 'step.multi-region.client-cluster', {}, clients, 'S', 'low', risk('clients on a far cluster', 'low')));
    if (facts.authEndpoints.length > 0) out.push(step('multi-region.auth', 'step.multi-region.auth', {}, facts.authEndpoints.map((a) => at(a.location)), 'M', 'medium', risk('subscriptions refused on the second cluster', 'medium')));
    return out;
  },
  cdn: (input) => {
    const { facts } = input;
    const out: Draft[] = [];
    const loose = facts.cdnScripts.filter((s) => !s.pinned || !s.integrity);
    if (loose.length > 0) out.push(step('cdn.pin', 'step.cdn.pin', { count: loose.length }, loose.map((s) => at(s)), 'S', 'low', risk('a changed or compromised CDN file running in every page', 'high')));
    const publicNoCache = facts.channelFamilies.filter((f) => f.type === 'public' && !/^cache-/.test(f.family) && f.publishers > 0);
    if (publicNoCache.length > 0) {
      const sites = facts.publishing.filter((p) => p.channels.some((c) => publicNoCache.some((f) => f.family === c.replace(/\$\{[^}]*\}/g, '{…}'))));
      out.push(step('cdn.cache', 'step.cdn.cache', {}, sites.map((p) => at(p.location)), 'S', 'low', risk('pages showing stale state until the next event', 'low')));
    }
    return out;
  },
  'hybrid-pubsub': (input) => {
    const subs = input.facts.serverSubscribers;
    if (subs.length === 0) return [];
    return [
      step('hybrid.move-backend', 'step.hybrid.move-backend', { broker: brokerName(input), count: subs.length }, subs.map((s) => at(s.location)), 'M', 'medium', risk('backend traffic billed as Pusher messages and connections', 'medium')),
      step('hybrid.remove-client', 'step.hybrid.remove-client', {}, subs.map((s) => at(s.location)), 'S', 'low', risk('backend services depending on browser connectivity semantics', 'low')),
    ];
  },
  serverless: (input) => {
    const { facts } = input;
    const out: Draft[] = [];
    const per = facts.sdkInstances.filter((s) => s.lifetime === 'per-call');
    if (per.length > 0) out.push(step('serverless.hoist', 'step.serverless.hoist', { count: per.length }, per.map((s) => at(s.location)), 'S', 'low', risk('a new client and TLS handshake on every invocation', 'low')));
    const edge = facts.serverless.filter((s) => s.edge && s.publishes);
    if (edge.length > 0) out.push(step('serverless.no-edge', 'step.serverless.no-edge', {}, edge.map((s) => at(s.location)), 'S', 'medium', risk('the Node SDK failing in the edge runtime', 'medium')));
    return out;
  },
};

export function migrationFor(pattern: PatternId, input: AdviceInput, ctx: SignalContext): MigrationStep[] {
  return STEPS[pattern](input, ctx).map((d, i) => ({ step: i + 1, ...d }));
}

/** What to keep an eye on under a pattern. */
export function watchFor(pattern: PatternId, input: AdviceInput, ctx: SignalContext): Message[] {
  const { facts, cost } = input;
  const out: Message[] = [];
  const plan = cost?.recommendation.choice.plan;
  if (pattern !== 'event-bus' && pattern !== 'multi-region') {
    const limit = plan?.maxConnections ?? ctx.limits.startupConnections;
    out.push(message('watch.connections', { warning: fmt(Math.round(limit * WARNING_SHARE)), plan: plan?.name ?? 'Startup', threshold: fmt(ctx.limits.premiumConnections) }));
  }
  if (facts.publishingByPackage.length <= 1 && pattern !== 'event-bus') out.push(message('watch.publishers'));
  if (facts.presence.channels.length > 0) out.push(message('watch.presence', { limit: PRESENCE_MEMBERS }));
  if (facts.presence.clientEvents > 0) out.push(message('watch.client-events', { limit: CLIENT_EVENTS_PER_SECOND }));
  const selfHosted = facts.hosts.filter((h) => h.selfHosted);
  if (selfHosted.length > 0) out.push(message('watch.self-hosted', { hosts: [...new Set(selfHosted.map((h) => h.host))].join(', ') }));
  const specific: Partial<Record<PatternId, MessageId>> = {
    'multi-region': 'watch.clusters',
    cdn: 'watch.cdn',
    serverless: 'watch.serverless',
    gateway: 'watch.gateway',
    'hybrid-pubsub': 'watch.hybrid',
    'event-bus': 'watch.event-bus',
  };
  const id = specific[pattern];
  if (id) out.push(message(id));
  return out;
}
