import type { ScanReport } from '../report/schema.js';

/** The report as JSON: two-space indent and a trailing newline. Pure. */
export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
