import { posix } from 'node:path';
import type { ScanReport } from '../report/schema.js';

/**
 * Findings carry paths relative to the scanned folder; GitHub wants them relative to the
 * repository. The report's `root` is the folder as given on the command line, which is the
 * repository-relative folder when the scan runs from the repository root, as it does in CI.
 */
export function repoPathOf(report: Pick<ScanReport, 'root'>, prefix?: string): (file: string) => string {
  const base = prefix ?? report.root;
  if (base === '' || base === '.') return (file) => file;
  return (file) => posix.join(base, file);
}
