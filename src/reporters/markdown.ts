import type { DiagramView } from './diagram.js';
import { template, type TemplatedOptions } from './handlebars.js';
import type { ScanReport } from '../report/schema.js';
import { buildView, type ReportOptions } from './view.js';

/**
 * The report in Markdown: the HTML report's content, compact, for a pull-request comment or a wiki.
 * Every value is escaped by the template's helpers (`md`, `mdCode`, `prose`). Pure.
 */

/** The diagram as table rows: row r holds the r-th box of each column, or null. */
function topologyRows(diagram: DiagramView | null): Array<Array<DiagramView['nodes'][number] | null>> {
  if (!diagram) return [];
  const columns = diagram.columns.map((_, i) => diagram.nodes.filter((n) => n.column === i));
  const rows = Math.max(0, ...columns.map((c) => c.length));
  return Array.from({ length: rows }, (_, r) => columns.map((c) => c[r] ?? null));
}

export function renderMarkdown(report: ScanReport, options: ReportOptions & TemplatedOptions): string {
  const view = buildView(report, options);
  const text = template(options.templates, 'report.md')({ ...view, topologyRows: topologyRows(view.advice?.topology.current ?? view.topology) });
  // Blank-line runs come from optional blocks; Markdown treats one blank line the same.
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
