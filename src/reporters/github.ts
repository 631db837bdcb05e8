import type { Severity } from '../engine/types.js';
import type { ScanReport } from '../report/schema.js';
import { repoPathOf } from './locations.js';

/**
 * GitHub Actions workflow commands: one annotation per unsuppressed finding, shown on the pull
 * request's diff and in the run summary. Pure.
 */

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

/** The message part: `%`, CR and LF would otherwise end or corrupt the command (GitHub's `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which separate properties (GitHub's `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderGithub(report: ScanReport): string {
  const repoPath = repoPathOf(report);
  const lines = report.findings.map((f) => {
    const props = [
      `file=${escapeProperty(repoPath(f.file))}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      `col=${f.column}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`${f.ruleId} (${f.severity})`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  for (const e of report.errors) {
    const where = e.file !== undefined ? ` file=${escapeProperty(repoPath(e.file))},` : ' ';
    lines.push(`::warning${where}title=${escapeProperty(e.ruleId !== undefined ? `pusher-advisor rule ${e.ruleId} failed` : 'pusher-advisor could not read a file')}::${escapeData(e.message)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
