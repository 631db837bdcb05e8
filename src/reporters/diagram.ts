import { scaleBand, scalePoint } from 'd3-scale';
import { linkHorizontal } from 'd3-shape';
import type { ScanReport } from './json.js';

/**
 * Architecture diagrams as SVG geometry: a diagram is columns of boxes and the arrows between them.
 * d3-scale places columns and rows, d3-shape draws the arrows; the template only draws what is here.
 */

export interface DiagramSpec {
  columns: Array<{ label: string; nodes: Array<{ id: string; title: string; detail: string[]; kind: string }> }>;
  edges: Array<{ from: string; to: string; label: string }>;
}

export interface DiagramView {
  width: number;
  height: number;
  columns: Array<{ x: number; label: string }>;
  nodes: Array<{ id: string; column: number; x: number; y: number; w: number; h: number; kind: string; title: string; titleY: number; detail: Array<{ text: string; y: number }>; cx: number }>;
  edges: Array<{ d: string; label: string; lx: number; ly: number }>;
}

const COLUMN_WIDTH = 196;
const GAP = 64;
const NODE_HEIGHT = 62;
const ROW_GAP = 18;
const HEADER = 30;
const LINE = 15;

export function layoutDiagram(spec: DiagramSpec): DiagramView {
  const columns = spec.columns.filter((c) => c.nodes.length > 0);
  const rows = Math.max(1, ...columns.map((c) => c.nodes.length));
  const width = columns.length * COLUMN_WIDTH + (columns.length + 1) * GAP;
  const height = HEADER + rows * (NODE_HEIGHT + ROW_GAP) + ROW_GAP;
  const x = scaleBand<number>().domain(columns.map((_, i) => i)).range([0, width]).paddingInner(GAP / (COLUMN_WIDTH + GAP)).paddingOuter(GAP / COLUMN_WIDTH / 2);
  const nodes: DiagramView['nodes'] = [];
  const where = new Map<string, { x: number; y: number; w: number; h: number }>();
  columns.forEach((column, i) => {
    // Each column is centred vertically, so a column of one box sits level with the middle of a tall one.
    const y = scalePoint<number>().domain(column.nodes.map((_, j) => j)).range([HEADER + ROW_GAP, height - ROW_GAP - NODE_HEIGHT]).padding((rows - column.nodes.length) / 2).align(0.5);
    column.nodes.forEach((n, j) => {
      const box = { x: Math.round(x(i)!), y: Math.round(column.nodes.length === 1 ? (HEADER + height - NODE_HEIGHT) / 2 : y(j)!), w: Math.round(x.bandwidth()), h: NODE_HEIGHT };
      where.set(n.id, box);
      nodes.push({
        id: n.id,
        column: i,
        ...box,
        kind: n.kind,
        title: n.title,
        titleY: box.y + 20,
        detail: n.detail.slice(0, 2).map((text, k) => ({ text, y: box.y + 20 + LINE * (k + 1) + 2 })),
        cx: box.x + 12,
      });
    });
  });
  const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
  const edges: DiagramView['edges'] = [];
  for (const e of spec.edges) {
    const a = where.get(e.from);
    const b = where.get(e.to);
    if (!a || !b) continue;
    const forward = a.x < b.x;
    const source: [number, number] = [forward ? a.x + a.w : a.x, a.y + a.h / 2];
    const target: [number, number] = [forward ? b.x : b.x + b.w, b.y + b.h / 2];
    edges.push({ d: link({ source, target }) ?? '', label: e.label, lx: Math.round((source[0] + target[0]) / 2), ly: Math.round((source[1] + target[1]) / 2) - 4 });
  }
  return { width, height, columns: columns.map((c, i) => ({ x: Math.round(x(i)! + x.bandwidth() / 2), label: c.label })), nodes, edges };
}

type Inventory = ScanReport['inventory'];
type ValueRef = Inventory['clients'][number]['key'];

/** A literal, or the literal fallback of an environment variable: what a cluster option resolves to. */
function literal(v: ValueRef | undefined): string | null {
  if (!v) return null;
  if (v.kind === 'literal') return v.value === null ? null : String(v.value);
  if (v.kind === 'env') return v.fallback ? literal(v.fallback) : null;
  return null;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const filesOf = (items: Array<{ location: { file: string } }>): number => new Set(items.map((i) => i.location.file)).size;

/** Today's topology, read from the inventory: who connects, who publishes, which cluster, which channels. */
export function currentTopology(inv: Inventory): DiagramSpec {
  const clientNodes = [...new Set(inv.clients.map((c) => c.library))].sort().map((library) => {
    const mine = inv.clients.filter((c) => c.library === library);
    const cdn = mine.some((c) => c.via === 'global');
    return { id: `client:${library}`, title: library, detail: [`${plural(mine.length, 'client')} in ${plural(filesOf(mine), 'file')}`, ...(cdn ? ['loaded from a CDN <script>'] : [])], kind: 'client' };
  });
  const ops = (kinds: string[]) => inv.operations.filter((o) => o.side === 'server' && kinds.includes(o.kind));
  const publishing = ops(['trigger', 'triggerBatch', 'sendToUser']);
  const auth = ops(['authorizeChannel', 'authenticate', 'authenticateUser']);
  const webhooks = ops(['webhook']);
  const serverNodes = [
    ...(publishing.length > 0 ? [{ id: 'server:publish', title: 'Publishing', detail: [`${plural(publishing.length, 'publish call')} in ${plural(filesOf(publishing), 'file')}`], kind: 'server' }] : []),
    ...(auth.length > 0 ? [{ id: 'server:auth', title: 'Auth endpoint', detail: [...new Set(auth.map((o) => o.location.file))].slice(0, 2), kind: 'server' }] : []),
    ...(webhooks.length > 0 ? [{ id: 'server:webhook', title: 'Webhook handler', detail: [...new Set(webhooks.map((o) => o.location.file))].slice(0, 2), kind: 'server' }] : []),
  ];
  if (serverNodes.length === 0 && inv.servers.length > 0) {
    serverNodes.push({ id: 'server:publish', title: 'Server SDK', detail: [`${plural(inv.servers.length, 'instance')} in ${plural(filesOf(inv.servers), 'file')}`], kind: 'server' });
  }
  const instances = [...inv.clients, ...inv.servers];
  const hosts = [...new Set(instances.map((i) => literal(i.options['wsHost'] ?? i.options['host'])).filter((h): h is string => h !== null))].sort();
  const clusters = [...new Set(instances.map((i) => literal(i.options['cluster'])).filter((c): c is string => c !== null))].sort();
  const pusherNodes = [
    ...clusters.map((c) => ({ id: `pusher:${c}`, title: `Pusher cluster ${c}`, detail: ['Channels WebSocket + HTTP API'], kind: 'pusher' })),
    ...hosts.map((h) => ({ id: `pusher:host:${h}`, title: 'Self-hosted server', detail: [h], kind: 'pusher' })),
  ];
  if (pusherNodes.length === 0 && instances.length > 0) pusherNodes.push({ id: 'pusher:unknown', title: 'Pusher Channels', detail: ['cluster not resolved'], kind: 'pusher' });

  const channelTypes = ['public', 'private', 'presence', 'private-encrypted', 'server-to-user', 'unknown'] as const;
  const channelNodes = channelTypes.flatMap((type) => {
    const patterns = new Set(inv.operations.flatMap((o) => o.channels.filter((c) => c.type === type).map((c) => c.pattern)));
    return patterns.size > 0 ? [{ id: `channel:${type}`, title: type === 'unknown' ? 'unresolved channels' : `${type} channels`, detail: [plural(patterns.size, 'name pattern'), [...patterns].sort()[0]!], kind: 'channel' }] : [];
  });

  const edges: DiagramSpec['edges'] = [];
  for (const p of pusherNodes) {
    for (const c of clientNodes) edges.push({ from: c.id, to: p.id, label: 'WebSocket' });
    if (serverNodes.some((s) => s.id === 'server:publish')) edges.push({ from: 'server:publish', to: p.id, label: 'HTTP API' });
    if (serverNodes.some((s) => s.id === 'server:webhook')) edges.push({ from: p.id, to: 'server:webhook', label: 'webhooks' });
  }
  if (serverNodes.some((s) => s.id === 'server:auth')) for (const c of clientNodes) edges.push({ from: c.id, to: 'server:auth', label: 'auth' });

  return {
    columns: [
      { label: 'Browsers and apps', nodes: clientNodes },
      { label: 'Pusher and channels', nodes: [...pusherNodes, ...channelNodes] },
      { label: 'Your servers', nodes: serverNodes },
    ],
    edges,
  };
}
