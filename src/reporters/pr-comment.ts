import { SEVERITIES, type Severity } from '../engine/types.js';
import type { ReportDelta } from '../gate/compare.js';
import { formatCount, formatUsd } from './format.js';
import { template, type TemplatedOptions } from './handlebars.js';
import { repoPathOf } from './locations.js';

/**
 * The pull-request comment: what a change does to findings and to the modelled Pusher bill, the
 * way Infracost's comment shows a cost diff. The first line is a fixed marker so a workflow finds
 * and updates its previous comment instead of adding one. Pure.
 */

export const PR_COMMENT_MARKER = '<!-- pusher-advisor:pr-comment -->';

export interface PrCommentOptions {
  /** The cost gate's outcome, when `--fail-on-cost-increase` was given. */
  costGate?: { limit: string; exceeded: boolean | null };
}

const signed = (v: number, format: (n: number) => string): string => (v > 0 ? `+${format(v)}` : v < 0 ? `−${format(-v)}` : '±0');

function severityList(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

export function prCommentMarkdown(delta: ReportDelta, options: PrCommentOptions & TemplatedOptions): string {
  const where = repoPathOf({ root: delta.headRoot });
  const whereBase = repoPathOf({ root: delta.baseRoot });
  const row = (f: ReportDelta['added'][number], path: (file: string) => string) => ({ severity: f.severity, ruleId: f.ruleId, where: `${path(f.file)}:${f.line}`, message: f.message });
  const c = delta.cost;
  const cost =
    c === null
      ? null
      : {
          rows: [
            { what: 'Peak connections', base: formatCount(c.base.peakConnections), head: formatCount(c.head.peakConnections), change: signed(Math.round(c.head.peakConnections - c.base.peakConnections), formatCount) },
            { what: 'Messages a day (busiest)', base: formatCount(c.base.messagesPerDay), head: formatCount(c.head.messagesPerDay), change: signed(Math.round(c.head.messagesPerDay - c.base.messagesPerDay), formatCount) },
            { what: 'Recommended plan', base: c.base.planName ?? 'Enterprise (contact sales)', head: c.head.planName ?? 'Enterprise (contact sales)', change: c.base.planId === c.head.planId ? 'unchanged' : 'changed' },
            {
              what: 'Monthly cost',
              base: formatUsd(c.base.monthlyUsd),
              head: formatUsd(c.head.monthlyUsd),
              change: c.monthlyUsdChange === null ? 'unknown' : `${signed(c.monthlyUsdChange, (n) => formatUsd(n))}${c.monthlyPctChange === null ? '' : ` (${signed(c.monthlyPctChange, (n) => `${n} %`)})`}`,
            },
          ],
          headline:
            c.monthlyUsdChange === null
              ? 'The monthly cost cannot be compared: one side needs a plan without a published price.'
              : c.monthlyUsdChange > 0
                ? `Monthly cost will increase by ${formatUsd(c.monthlyUsdChange)}${c.monthlyPctChange === null ? '' : ` (+${c.monthlyPctChange} %)`} 📈`
                : c.monthlyUsdChange < 0
                  ? `Monthly cost will decrease by ${formatUsd(-c.monthlyUsdChange)}${c.monthlyPctChange === null ? '' : ` (−${-c.monthlyPctChange} %)`} 📉`
                  : 'Monthly cost will not change.',
        };
  const text = template(options.templates, 'pr-comment.md')({
    marker: PR_COMMENT_MARKER,
    added: delta.added.map((f) => row(f, where)),
    fixed: delta.fixed.map((f) => row(f, whereBase)),
    addedSummary: severityList(delta.addedBySeverity),
    fixedSummary: severityList(delta.fixedBySeverity),
    unchanged: delta.unchanged,
    cost,
    costGate: options.costGate ?? null,
  });
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
