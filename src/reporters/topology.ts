import type { DiagramSpec } from './diagram.js';
import type { ScanReport } from '../report/schema.js';

/**
 * The boxes and arrows of the architecture diagrams, read from the inventory and (when the report
 * has advice) its architecture facts: today's topology, and the recommended pattern's topology as
 * the changes that pattern makes to it. Names only; `diagram.ts` lays them out.
 */

type Inventory = ScanReport['inventory'];
type ValueRef = Inventory['clients'][number]['key'];
type Advice = NonNullable<ScanReport['advice']>;
type Facts = Advice['architecture']['facts'];
type PatternId = Advice['architecture']['recommended'];
type Node = DiagramSpec['columns'][number]['nodes'][number];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const filesOf = (items: Array<{ location: { file: string } }>): number => new Set(items.map((i) => i.location.file)).size;

/** A literal, or the literal fallback of an environment variable: what a cluster option resolves to. */
function literal(v: ValueRef | undefined): string | null {
  if (!v) return null;
  if (v.kind === 'literal') return v.value === null ? null : String(v.value);
  if (v.kind === 'env') return v.fallback ? literal(v.fallback) : null;
  return null;
}

/** Column indexes: browsers and apps, (1) Pusher and channels, your servers. */
const CLIENTS = 0;
const SERVERS = 2;

interface Topology {
  columns: [Node[], Node[], Node[]];
  edges: DiagramSpec['edges'];
}

function toSpec(t: Topology): DiagramSpec {
  const labels = ['Browsers and apps', 'Pusher and channels', 'Your servers'];
  return { columns: t.columns.map((nodes, i) => ({ label: labels[i]!, nodes })), edges: t.edges };
}

const has = (t: Topology, id: string): boolean => t.columns.some((c) => c.some((n) => n.id === id));

function current(inv: Inventory, facts: Facts | null): Topology {
  const cdn = (facts?.cdnScripts.length ?? 0) > 0 || inv.clients.some((c) => c.via === 'global');
  const clients: Node[] = [...new Set(inv.clients.map((c) => c.library))].sort().map((library) => {
    const mine = inv.clients.filter((c) => c.library === library);
    return { id: `client:${library}`, title: library, detail: [`${plural(mine.length, 'client')} in ${plural(filesOf(mine), 'file')}`, ...(cdn && library === 'pusher-js' ? ['loaded from a CDN <script>'] : [])], kind: 'client' };
  });

  const ops = (kinds: string[]) => inv.operations.filter((o) => o.side === 'server' && kinds.includes(o.kind));
  const publishing = ops(['trigger', 'triggerBatch', 'sendToUser']);
  const auth = ops(['authorizeChannel', 'authenticate', 'authenticateUser']);
  const webhooks = ops(['webhook']);
  const serverless = facts?.serverless ?? [];
  const servers: Node[] = [];
  if (publishing.length > 0) {
    const inFunctions = serverless.filter((s) => s.publishes).length;
    servers.push({
      id: 'server:publish',
      title: inFunctions > 0 ? 'Serverless publishing' : 'Publishing',
      detail: [`${plural(publishing.length, 'publish call')} in ${plural(filesOf(publishing), 'file')}`, ...(inFunctions > 0 ? [`${plural(inFunctions, 'function')} publish`] : [])],
      kind: 'server',
    });
  } else if (inv.servers.length > 0) {
    servers.push({ id: 'server:publish', title: 'Server SDK', detail: [`${plural(inv.servers.length, 'instance')} in ${plural(filesOf(inv.servers), 'file')}`], kind: 'server' });
  }
  for (const m of facts?.middleware ?? []) {
    if (!has({ columns: [[], [], servers], edges: [] }, `server:mw:${m.kind}`)) servers.push({ id: `server:mw:${m.kind}`, title: m.kind === 'rate-limit' ? 'Rate limiting' : 'Auth middleware', detail: [m.library], kind: 'server' });
  }
  if (auth.length > 0) servers.push({ id: 'server:auth', title: 'Auth endpoint', detail: [...new Set(auth.map((o) => o.location.file))].slice(0, 2), kind: 'server' });
  if (webhooks.length > 0) servers.push({ id: 'server:webhook', title: 'Webhook handler', detail: [...new Set(webhooks.map((o) => o.location.file))].slice(0, 2), kind: 'server' });
  for (const kind of [...new Set((facts?.brokers ?? []).map((b) => b.kind))].sort()) {
    const mine = facts!.brokers.filter((b) => b.kind === kind);
    servers.push({ id: `queue:${kind}`, title: kind, detail: [[...new Set(mine.flatMap((b) => b.roles))].sort().join(', ') || 'imported', `${plural(filesOf(mine), 'file')}`], kind: 'queue' });
  }
  const subscribers = facts?.serverSubscribers ?? [];
  if (subscribers.length > 0) servers.push({ id: 'server:subscribers', title: 'Backend subscribers', detail: [`${plural(subscribers.length, 'pusher-js client')} in Node`], kind: 'server' });

  const instances = [...inv.clients, ...inv.servers];
  const clusters = facts
    ? facts.clusters.map((c) => c.cluster)
    : [...new Set(instances.map((i) => literal(i.options['cluster'])).filter((c): c is string => c !== null))];
  const hosts = facts
    ? facts.hosts.filter((h) => h.selfHosted).map((h) => h.host)
    : [...new Set(instances.map((i) => literal(i.options['wsHost'] ?? i.options['host'])).filter((h): h is string => h !== null))];
  const pusher: Node[] = [
    ...[...new Set(clusters)].sort().map((c) => ({ id: `pusher:${c}`, title: `Pusher cluster ${c}`, detail: ['Channels WebSocket + HTTP API'], kind: 'pusher' })),
    ...[...new Set(hosts)].sort().map((h) => ({ id: `pusher:host:${h}`, title: 'Self-hosted server', detail: [h], kind: 'pusher' })),
  ];
  if (pusher.length === 0 && instances.length > 0) pusher.push({ id: 'pusher:unknown', title: 'Pusher Channels', detail: ['cluster not resolved'], kind: 'pusher' });
  const pusherIds = pusher.map((p) => p.id);

  const channelTypes = ['public', 'private', 'presence', 'private-encrypted', 'server-to-user', 'unknown'] as const;
  for (const type of channelTypes) {
    const patterns = new Set(inv.operations.flatMap((o) => o.channels.filter((c) => c.type === type).map((c) => c.pattern)));
    if (patterns.size > 0) pusher.push({ id: `channel:${type}`, title: type === 'unknown' ? 'unresolved channels' : `${type} channels`, detail: [plural(patterns.size, 'name pattern'), [...patterns].sort()[0]!], kind: 'channel' });
  }

  const t: Topology = { columns: [clients, pusher, servers], edges: [] };
  for (const p of pusherIds) {
    for (const c of clients) t.edges.push({ from: c.id, to: p, label: 'WebSocket' });
    if (has(t, 'server:publish')) t.edges.push({ from: 'server:publish', to: p, label: 'HTTP API' });
    if (has(t, 'server:webhook')) t.edges.push({ from: p, to: 'server:webhook', label: 'webhooks' });
    if (has(t, 'server:subscribers')) t.edges.push({ from: p, to: 'server:subscribers', label: 'WebSocket' });
  }
  if (has(t, 'server:auth')) for (const c of clients) t.edges.push({ from: c.id, to: 'server:auth', label: 'auth' });
  for (const q of servers.filter((n) => n.kind === 'queue')) if (has(t, 'server:publish')) t.edges.push({ from: q.id, to: 'server:publish', label: '' });
  return t;
}

/** Today's topology. */
export function currentTopology(inv: Inventory, facts: Facts | null = null): DiagramSpec {
  return toSpec(current(inv, facts));
}

const without = (edges: DiagramSpec['edges'], pred: (e: DiagramSpec['edges'][number]) => boolean) => edges.filter((e) => !pred(e));

/** The recommended pattern drawn as the changes it makes to today's topology. */
export function recommendedTopology(inv: Inventory, facts: Facts, pattern: PatternId): DiagramSpec {
  const t = current(inv, facts);
  const [clients, pusher, servers] = t.columns;
  const clusters = pusher.filter((n) => n.kind === 'pusher');
  const add = (column: number, node: Node, first = false): void => {
    if (!has(t, node.id)) (first ? t.columns[column]!.unshift(node) : t.columns[column]!.push(node));
  };
  switch (pattern) {
    case 'gateway':
      add(SERVERS, { id: 'server:gateway', title: 'Gateway', detail: ['rate limit + authorization', 'in front of auth and publishing'], kind: 'gateway' }, true);
      t.edges = without(t.edges, (e) => e.to === 'server:auth');
      for (const c of clients) t.edges.push({ from: c.id, to: 'server:gateway', label: 'auth, API' });
      if (has(t, 'server:auth')) t.edges.push({ from: 'server:gateway', to: 'server:auth', label: '' });
      if (has(t, 'server:publish')) t.edges.push({ from: 'server:gateway', to: 'server:publish', label: '' });
      break;
    case 'event-bus':
      add(SERVERS, { id: 'queue:bus', title: 'Queue or stream', detail: ['services enqueue events', 'absorbs bursts'], kind: 'queue' });
      add(SERVERS, { id: 'server:worker', title: 'Publisher worker', detail: ['batched triggers (10 a call)', 'retries, rate-aware'], kind: 'server' });
      t.edges = without(t.edges, (e) => e.from === 'server:publish' && e.to.startsWith('pusher:'));
      if (has(t, 'server:publish')) t.edges.push({ from: 'server:publish', to: 'queue:bus', label: 'enqueue' });
      t.edges.push({ from: 'queue:bus', to: 'server:worker', label: 'consume' });
      for (const p of clusters) t.edges.push({ from: 'server:worker', to: p.id, label: 'triggerBatch' });
      break;
    case 'multi-region': {
      if (clusters.length < 2) {
        const second = { id: 'pusher:second-region', title: 'Pusher cluster (2nd region)', detail: ['users near it connect here'], kind: 'pusher' };
        pusher.splice(clusters.length, 0, second);
        for (const c of clients) t.edges.push({ from: c.id, to: second.id, label: 'nearest region' });
        if (has(t, 'server:publish')) t.edges.push({ from: 'server:publish', to: second.id, label: 'publish to both' });
      }
      add(SERVERS, { id: 'server:region', title: 'Region routing', detail: ['cluster chosen per user', 'auth signs per cluster'], kind: 'gateway' }, true);
      break;
    }
    case 'cdn':
      add(CLIENTS, { id: 'client:cdn', title: 'CDN', detail: ['pusher-js at a pinned version', 'with Subresource Integrity'], kind: 'queue' }, true);
      for (const c of clients.filter((n) => n.kind === 'client')) t.edges.push({ from: 'client:cdn', to: c.id, label: '' });
      break;
    case 'hybrid-pubsub':
      add(SERVERS, { id: 'queue:backend', title: 'Redis or broker', detail: ['backend-to-backend events', 'off Pusher, not billed'], kind: 'queue' });
      t.edges = without(t.edges, (e) => e.to === 'server:subscribers');
      if (has(t, 'server:subscribers')) t.edges.push({ from: 'queue:backend', to: 'server:subscribers', label: 'subscribe' });
      if (has(t, 'server:publish')) t.edges.push({ from: 'server:publish', to: 'queue:backend', label: 'backend events' });
      break;
    case 'serverless': {
      const publish = servers.find((n) => n.id === 'server:publish');
      if (publish) {
        publish.title = 'Serverless publishing';
        publish.detail = ['SDK client at module scope', 'reused across invocations'];
      }
      break;
    }
    case 'direct':
      break;
  }
  return toSpec(t);
}
