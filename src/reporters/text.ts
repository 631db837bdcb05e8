import pc from 'picocolors';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { renderProbeText } from './sections/probe-text.js';
import type { ScanReport } from '../report/schema.js';
import { renderCostText } from './sections/cost-text.js';

/**
 * The scan report for people: findings grouped by file, each with its flagged line, then skipped
 * files, errors, the cost and probe sections when present, and a one-line summary. Pure: returns
 * the text and never looks at the terminal; the CLI decides on colour.
 */

export interface TextOptions {
  /** ANSI colours; the CLI turns them on only for a TTY without NO_COLOR or --no-color. */
  color: boolean;
  /** Only the summary line (and the cost/probe sections when present). */
  quiet?: boolean;
}

/** Long lists of skipped files are common (bundles, vendored code); the JSON report has them all. */
const MAX_SKIPPED_SHOWN = 10;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderText(report: ScanReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const out: string[] = [];

  if (!options.quiet) {
    let currentFile: string | undefined;
    for (const f of report.findings) {
      if (f.file !== currentFile) {
        if (currentFile !== undefined) out.push('');
        out.push(c.underline(f.file));
        currentFile = f.file;
      }
      const where = `${f.line}:${f.column}`.padEnd(8);
      out.push(`  ${c.dim(where)}  ${paint[f.severity](f.severity.padEnd(8))}  ${c.dim(f.ruleId)}  ${f.message}`);
      if (f.snippet !== '') out.push(`  ${' '.repeat(8)}  ${c.dim(`│ ${f.snippet}`)}`);
    }
    if (report.findings.length > 0) out.push('');

    if (report.skipped.length > 0) {
      out.push(c.bold(`Skipped ${plural(report.skipped.length, 'file')}:`));
      for (const s of report.skipped.slice(0, MAX_SKIPPED_SHOWN)) out.push(`  ${s.file}: ${s.reason}`);
      if (report.skipped.length > MAX_SKIPPED_SHOWN) out.push(`  … and ${report.skipped.length - MAX_SKIPPED_SHOWN} more (all are listed in --format json)`);
      out.push('');
    }
    if (report.errors.length > 0) {
      out.push(c.bold(c.yellow(`${plural(report.errors.length, 'error')} (the scan went on without them):`)));
      for (const e of report.errors) out.push(`  ${e.file !== undefined ? `${e.file}: ` : ''}${e.message}`);
      out.push('');
    }
  }

  const absent = report.gate?.baseline?.absent ?? [];
  if (!options.quiet && absent.length > 0) {
    out.push(c.bold(`No longer found, but still in ${report.gate!.baseline!.file} (${absent.length === 1 ? '1 entry' : `${absent.length} entries`}):`));
    for (const e of absent.slice(0, MAX_SKIPPED_SHOWN)) out.push(`  ${e.file}:${e.line}  ${c.dim(e.ruleId)}  ${e.snippet}`);
    if (absent.length > MAX_SKIPPED_SHOWN) out.push(`  … and ${absent.length - MAX_SKIPPED_SHOWN} more (all are listed in --format json)`);
    out.push('');
  }

  if (report.cost !== undefined) out.push(renderCostText(report.cost, { color: options.color }).trimEnd(), '');
  if (report.probe !== undefined) out.push(renderProbeText(report.probe, { color: options.color }).trimEnd(), '');

  out.push(summaryLine(report, paint, c.bold));
  return `${out.join('\n')}\n`;
}

function summaryLine(report: ScanReport, paint: Record<Severity, (s: string) => string>, bold: (s: string) => string): string {
  const { summary } = report;
  const severities = SEVERITIES.filter((s) => summary.bySeverity[s] > 0).map((s) => paint[s](`${summary.bySeverity[s]} ${s}`));
  const findings = summary.total === 0 ? 'No findings' : `${plural(summary.total, 'finding')} (${severities.join(', ')})`;
  const parts = [bold(findings)];
  if (summary.suppressed > 0) parts.push(`${summary.suppressed} suppressed`);
  const gate = report.gate;
  if (gate?.baseline !== undefined) parts.push(`${gate.baseline.known} in the baseline`);
  if (gate?.diffBase !== undefined) parts.push(`${gate.diffBase.outsideChangedLines} on lines unchanged since ${gate.diffBase.ref}`);
  parts.push(`${plural(summary.files, 'file')} scanned`);
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.errors > 0) parts.push(plural(summary.errors, 'error'));
  return parts.join(' · ');
}
