import { scaleBand, scalePoint } from 'd3-scale';
import { linkHorizontal, linkVertical } from 'd3-shape';

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
  edges: Array<{ d: string; label: string; lx: number; ly: number; anchor: 'start' | 'middle' }>;
}

const COLUMN_WIDTH = 196;
const GAP = 64;
const NODE_HEIGHT = 62;
const ROW_GAP = 18;
const HEADER = 30;
const LINE = 15;
/** Characters that fit a box at the detail font size; longer text is cut in the middle. */
const MAX_CHARS = 30;

/** Keeps both ends, where file names and channel patterns differ (Infracost's truncateMiddle). */
function truncateMiddle(text: string, max = MAX_CHARS): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

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
        title: truncateMiddle(n.title, MAX_CHARS - 4),
        titleY: box.y + 20,
        detail: n.detail.slice(0, 2).map((text, k) => ({ text: truncateMiddle(text), y: box.y + 20 + LINE * (k + 1) + 2 })),
        cx: box.x + 12,
      });
    });
  });
  const across = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
  const down = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>();
  const edges: DiagramView['edges'] = [];
  for (const e of spec.edges) {
    const a = where.get(e.from);
    const b = where.get(e.to);
    if (!a || !b) continue;
    let d: string | null;
    let label: [number, number];
    if (a.x === b.x) {
      // Within a column: from the bottom of one box to the top of the other (or back up).
      const below = a.y < b.y;
      const source: [number, number] = [a.x + a.w / 2, below ? a.y + a.h : a.y];
      const target: [number, number] = [b.x + b.w / 2, below ? b.y : b.y + b.h];
      d = down({ source, target });
      label = [source[0] + 8, (source[1] + target[1]) / 2 + 4];
    } else {
      const forward = a.x < b.x;
      const source: [number, number] = [forward ? a.x + a.w : a.x, a.y + a.h / 2];
      const target: [number, number] = [forward ? b.x : b.x + b.w, b.y + b.h / 2];
      d = across({ source, target });
      label = [(source[0] + target[0]) / 2, (source[1] + target[1]) / 2 - 4];
    }
    edges.push({ d: d ?? '', label: e.label, lx: Math.round(label[0]), ly: Math.round(label[1]), anchor: a.x === b.x ? 'start' : 'middle' });
  }
  return { width, height, columns: columns.map((c, i) => ({ x: Math.round(x(i)! + x.bandwidth() / 2), label: c.label })), nodes, edges };
}
