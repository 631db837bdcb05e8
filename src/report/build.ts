import type * as z from 'zod';
import type { CostReport } from '../cost/index.js';
import type { ScanResult } from '../engine/scan.js';
import type { SuppressedFinding } from '../engine/suppress.js';
import { CATEGORIES, SEVERITIES, type Category, type Finding, type Severity } from '../engine/types.js';
import type { ProbeReport } from '../probe/index.js';
import type { Advice } from '../recommend/schema.js';
import { SCAN_SCHEMA_VERSION } from '../version.js';
import type { findingSchema, GateSection, ScanReport, suppressedFindingSchema } from './schema.js';

/** The scan report assembled from a scan result and what the CLI adds (cost, probe, gate, advice): data only, rendered by src/reporters/. */

export interface ReportExtras {
  tool: { name: string; version: string };
  cost?: CostReport;
  probe?: ProbeReport;
  gate?: GateSection;
  advice?: Advice;
}

/** Key order is fixed here, field by field, so the JSON is byte-identical for identical scans. */
function findingJson(f: Finding): z.infer<typeof findingSchema> {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    category: f.category,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    snippet: f.snippet,
    fingerprint: f.fingerprint,
  };
}

function suppressedJson(f: SuppressedFinding): z.infer<typeof suppressedFindingSchema> {
  return { ...findingJson(f), suppression: { kind: f.suppression.kind, justification: f.suppression.justification } };
}

function count<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v]++;
  return out;
}

/** Assembles the report from a scan result; timing is left out so reruns are byte-identical. */
export function buildScanReport(result: ScanResult, extras: ReportExtras): ScanReport {
  return {
    schemaVersion: SCAN_SCHEMA_VERSION,
    kind: 'scan',
    tool: { name: extras.tool.name, version: extras.tool.version },
    root: result.root,
    summary: {
      total: result.findings.length,
      bySeverity: count<Severity>(SEVERITIES, result.findings.map((f) => f.severity)),
      byCategory: count<Category>(CATEGORIES, result.findings.map((f) => f.category)),
      suppressed: result.suppressed.length,
      files: result.stats.files,
      skipped: result.skipped.length,
      errors: result.errors.length,
    },
    findings: result.findings.map(findingJson),
    suppressed: result.suppressed.map(suppressedJson),
    inventory: result.inventory,
    skipped: result.skipped.map((s) => ({ file: s.file, reason: s.reason })),
    errors: result.errors.map((e) => ({
      ...(e.file !== undefined ? { file: e.file } : {}),
      ...(e.ruleId !== undefined ? { ruleId: e.ruleId } : {}),
      message: e.message,
    })),
    ...(extras.cost !== undefined ? { cost: extras.cost } : {}),
    ...(extras.probe !== undefined ? { probe: extras.probe } : {}),
    ...(extras.gate !== undefined ? { gate: { ...extras.gate, unchanged: extras.gate.unchanged.map(findingJson) } } : {}),
    ...(extras.advice !== undefined ? { advice: extras.advice } : {}),
  };
}
