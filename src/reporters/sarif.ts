import { compareFindings } from '../engine/findings.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Severity } from '../engine/types.js';
import type { ScanReport } from '../report/schema.js';
import { repoPathOf } from './locations.js';

/**
 * SARIF 2.1.0 for GitHub code scanning and any other SARIF consumer. Pure: the rule documentation
 * (README text, links) arrives as data, so the reporter never reads a file.
 *
 * What GitHub reads, and where it comes from:
 * - `tool.driver.rules[]` from rule meta: the title is the short description, the meta description
 *   the full one, the README the help; `security-severity` marks security rules.
 * - one location per result with a repo-relative, percent-encoded URI under `%SRCROOT%`;
 * - `partialFingerprints.primaryLocationLineHash` from the engine's fingerprint, which hashes the
 *   flagged code rather than its line, so alerts survive code moving (GitHub would otherwise
 *   compute a hash from the line's surroundings, and the REST upload does not compute one at all);
 * - suppressed findings as results with an `inSource` suppression and its justification, which
 *   GitHub shows as dismissed rather than open.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What the SARIF `rules[]` entry of one rule is made of: its meta, plus its README as help. */
export type SarifRule = Pick<RuleMeta<unknown>, 'id' | 'title' | 'description' | 'category' | 'severity' | 'precision'> & {
  /** The rule's README (Markdown). */
  help: string;
  helpUri?: string;
};

export interface SarifOptions {
  /** Every rule that can appear (the registry plus the suppression-directive checks), any order. */
  rules: readonly SarifRule[];
  /** The tool's home page. */
  informationUri: string;
  /**
   * Prepended to each finding's path so URIs are relative to the repository root, not to the
   * scanned folder. Defaults to the report's `root` (the path as given), which is right when the
   * scan runs from the repository root, as it does in CI.
   */
  uriPrefix?: string;
}

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/**
 * GitHub maps `security-severity` to its own labels: over 9.0 critical, 7.0–8.9 high, 4.0–6.9
 * medium, 0.1–3.9 low. Each value sits inside its band.
 */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };

/** GitHub's `problem.severity`. */
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
  info: 'recommendation',
};

/** GitHub rejects a `fullDescription` over 1024 characters. */
const MAX_FULL_DESCRIPTION = 1024;

/** Notification descriptors for what the run could not look at. */
const NOTIFICATIONS = [
  descriptor(
    'skipped-file',
    'A file was not analysed.',
    'Discovery skips binary, minified, oversized and non-UTF-8 files and symlinks that leave the scanned root; findings in them are not reported. `--max-file-size` raises the size limit.',
  ),
  descriptor('file-error', 'A file could not be read or parsed.', 'The scan went on without the file; its findings, if any, are missing from this run.'),
  descriptor('rule-error', 'A rule failed with an internal error.', 'The rule\'s results may be incomplete, so the run counts as unsuccessful (exit code 2). Please report it with the message.'),
];

function descriptor(id: string, short: string, full: string) {
  return { id, name: ruleName(id), shortDescription: { text: short }, fullDescription: { text: full }, help: { text: full } };
}
const NOTIFICATION_INDEX = new Map<string, number>(NOTIFICATIONS.map((n, i) => [n.id, i]));

/** `insecure-transport` → `InsecureTransport`; `pusher-advisor/unused-directive` → `UnusedDirective`. */
function ruleName(id: string): string {
  return (id.split('/').pop() ?? id)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A path as a relative URI reference: every segment percent-encoded (`[id]` → `%5Bid%5D`). */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function rulesEntry(doc: SarifRule): Record<string, unknown> {
  const securitySeverity = doc.category === 'security' ? SECURITY_SEVERITY[doc.severity] : undefined;
  return {
    id: doc.id,
    name: ruleName(doc.id),
    shortDescription: { text: doc.title },
    fullDescription: { text: truncate(doc.description, MAX_FULL_DESCRIPTION) },
    help: { text: doc.help, markdown: doc.help },
    ...(doc.helpUri !== undefined ? { helpUri: doc.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[doc.severity] },
    properties: {
      tags: doc.category === 'security' ? ['security', 'pusher'] : [doc.category, 'pusher'],
      ...(doc.precision !== undefined ? { precision: doc.precision } : {}),
      'problem.severity': PROBLEM_SEVERITY[doc.severity],
      ...(securitySeverity !== undefined ? { 'security-severity': securitySeverity } : {}),
    },
  };
}

interface AnyFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  snippet: string;
  fingerprint: string;
  suppression?: { kind: 'inSource'; justification: string };
}

function withPeriod(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text : `${text.trimEnd()}.`;
}

export function renderSarif(report: ScanReport, options: SarifOptions): string {
  const repoPath = repoPathOf(report, options.uriPrefix);
  const uriOf = (file: string): string => pathToUri(repoPath(file));

  const docs = [...options.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(docs.map((d, i) => [d.id, i]));
  // After a baseline or --diff-base, the held-back findings are still results, marked unchanged:
  // code scanning would otherwise close their alerts as fixed.
  const gated = report.gate !== undefined;
  const unchanged = new Set((report.gate?.unchanged ?? []).map((f) => f.fingerprint));

  const all: AnyFinding[] = [...report.findings, ...(report.gate?.unchanged ?? []), ...report.suppressed].sort(compareFindings);
  const results = all.map((f) => {
    const index = ruleIndex.get(f.ruleId);
    if (index === undefined) throw new Error(`SARIF: no rule documentation for ${f.ruleId}`);
    return {
      ruleId: f.ruleId,
      ruleIndex: index,
      level: LEVEL[f.severity],
      message: { text: withPeriod(f.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: f.snippet } },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: `${f.fingerprint.slice(0, 16)}:1`, 'pusherAdvisor/v1': f.fingerprint },
      ...(gated && f.suppression === undefined ? { baselineState: unchanged.has(f.fingerprint) ? 'unchanged' : 'new' } : {}),
      ...(f.suppression !== undefined ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppression.justification }] } : {}),
      properties: { severity: f.severity },
    };
  });

  const notification = (id: string, level: Level, text: string, file: string | undefined, ruleId?: string) => ({
    descriptor: { id, index: NOTIFICATION_INDEX.get(id)! },
    level,
    message: { text: withPeriod(text) },
    ...(file !== undefined ? { locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(file), uriBaseId: '%SRCROOT%' } } }] } : {}),
    ...(ruleId !== undefined && ruleIndex.has(ruleId) ? { associatedRule: { id: ruleId, index: ruleIndex.get(ruleId)! } } : {}),
  });
  const notifications = [
    ...report.skipped.map((s) => notification('skipped-file', 'note', `${s.file} was not analysed: ${s.reason}`, s.file)),
    ...report.errors.map((e) =>
      e.ruleId !== undefined
        ? notification('rule-error', 'error', `Rule ${e.ruleId} failed${e.file !== undefined ? ` on ${e.file}` : ''}: ${e.message}`, e.file, e.ruleId)
        : notification('file-error', 'warning', `${e.file !== undefined ? `${e.file}: ` : ''}${e.message}`, e.file),
    ),
  ];
  const ruleFailures = report.errors.some((e) => e.ruleId !== undefined);

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            semanticVersion: report.tool.version,
            version: report.tool.version,
            informationUri: options.informationUri,
            rules: docs.map(rulesEntry),
            notifications: NOTIFICATIONS,
          },
        },
        // Only a description: the absolute checkout path would make the file differ per machine.
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory pusher-advisor ran in: the repository root in CI.' } } },
        invocations: [{ executionSuccessful: !ruleFailures, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
