/**
 * The public API of pusher-advisor: scan a project, read the rule registry, render reports, and
 * the report schema consumers validate against.
 */
export { scan, type ScanOptions, type ScanResult, type ScanStats } from './engine/scan.js';
export { configureRules, runRules, formatMessage, type ConfiguredRule, type RunResult } from './engine/runner.js';
export {
  applySuppressions,
  parseDirectives,
  INVALID_DIRECTIVE,
  UNUSED_DIRECTIVE,
  type Directive,
  type SuppressedFinding,
  type Suppression,
} from './engine/suppress.js';
export { defineRule, type AnyRule, type Rule, type RuleContext, type RuleMeta, type ReportDescriptor, type ScanModel } from './engine/rule.js';
export {
  SEVERITIES,
  SEVERITY_RANK,
  CATEGORIES,
  COST_LEVERS,
  type Severity,
  type Category,
  type CostLever,
  type Finding,
  type Range,
  type ScanError,
  type SkippedFile,
} from './engine/types.js';
export { RULE_IDS, isRuleId, loadRule, loadRules } from '../rules/index.js';
export { toInventoryJson } from './inventory/json.js';
export type { InventoryJson } from './inventory/types.js';
export { scanReportSchema, findingSchema, SCAN_SCHEMA_VERSION, type ScanReport } from './report/schema.js';
export { buildScanReport, type ReportExtras } from './report/build.js';
export { renderJson } from './reporters/json.js';
export { renderText, type TextOptions } from './reporters/text.js';
export { estimateCost, costReportSchema, type CostReport } from './cost/index.js';
export { probeReportSchema, type ProbeReport } from './probe/index.js';
export { FORMAT_NAMES, loadReporter, type Reporter, type ReporterOptions, type FormatName } from './reporters/index.js';
export { reporters } from './reporters/all.js';
export { renderHtml, embedJson } from './reporters/html.js';
export { renderMarkdown } from './reporters/markdown.js';
export { readTemplates } from './cli/templates.js';
export type { TemplateSources } from './reporters/handlebars.js';
export type { ReportOptions, RuleDoc } from './reporters/view.js';
export { advise, adviceSchema, ADVICE_SCHEMA_VERSION, PATTERNS, MESSAGES, type Advice, type AdviceInput } from './recommend/index.js';
export { buildArchitectureFacts } from './inventory/architecture/facts.js';
export { architectureFactsSchema, type ArchitectureFacts } from './inventory/architecture-schema.js';
