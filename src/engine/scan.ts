import { performance } from 'node:perf_hooks';
import { buildArchitectureFacts } from '../inventory/architecture.js';
import type { ArchitectureFacts } from '../inventory/architecture-schema.js';
import { toInventoryJson } from '../inventory/json.js';
import type { InventoryJson } from '../inventory/types.js';
import { discoverFiles } from './discovery.js';
import { buildScanModel } from './model.js';
import type { AnyRule } from './rule.js';
import { configureRules, runRules } from './runner.js';
import { applySuppressions, type SuppressedFinding } from './suppress.js';
import type { Finding, ScanError, SkippedFile } from './types.js';

/**
 * One scan, start to finish: discover files, build the shared model (import graph, environments,
 * parsed project, Pusher inventory), run the rules, apply inline suppressions. Returns data only;
 * printing, exit codes and report formats belong to the CLI and the reporters.
 */

export interface ScanOptions {
  /** Directory to scan (resolved against the process's cwd when relative). */
  root: string;
  /** The root as the report shows it; defaults to `root`. Pass the path as the user typed it. */
  displayRoot?: string;
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  /** The rules to run. */
  rules: readonly AnyRule[];
  /** Raw options by rule id, validated here before any file is read (throws `UserError`). */
  ruleOptions?: Readonly<Record<string, unknown>>;
  /**
   * Every rule id the tool knows, when only some run (`--rule`): a suppression naming a known rule
   * that did not run is neither unknown nor unused. Defaults to the ids of `rules`.
   */
  knownRuleIds?: readonly string[];
  /**
   * false: analyse every source file, not just the prefilter's selection. For tests that prove
   * the prefilter changes nothing; never needed in use.
   */
  prefilter?: boolean;
  /** Progress notes ("scanning 120 files"); the CLI decides whether anyone sees them. */
  onProgress?: (message: string) => void;
}

export interface ScanStats {
  files: number;
  parsed: number;
  /** Wall time; varies run to run, so reports leave it out unless timing is asked for. */
  durationMs: number;
}

export interface ScanResult {
  root: string;
  /** Unsuppressed findings (including problems with suppression directives), sorted. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  inventory: InventoryJson;
  /** How the app around Pusher is built: what the architecture advice reasons from. */
  architecture: ArchitectureFacts;
  skipped: SkippedFile[];
  errors: ScanError[];
  stats: ScanStats;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const configured = configureRules(options.rules, options.ruleOptions);
  const discovery = await discoverFiles(options.root, {
    ...(options.include !== undefined ? { include: options.include } : {}),
    ...(options.exclude !== undefined ? { exclude: options.exclude } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  });
  options.onProgress?.(`scanning ${discovery.files.length} file${discovery.files.length === 1 ? '' : 's'}…`);
  const { model, errors: modelErrors, parsed } = buildScanModel(discovery, options.prefilter === false ? { prefilter: false } : {});
  const run = runRules(model, configured);
  const activeRuleIds = new Set(options.rules.map((r) => r.meta.id));
  const { findings, suppressed } = applySuppressions(model.files, run.findings, {
    knownRuleIds: new Set(options.knownRuleIds ?? activeRuleIds),
    activeRuleIds,
  });
  return {
    root: options.displayRoot ?? options.root,
    findings,
    suppressed,
    inventory: toInventoryJson(model.inventory),
    architecture: buildArchitectureFacts(model),
    skipped: discovery.skipped,
    errors: [...discovery.errors, ...modelErrors, ...run.errors],
    stats: { files: discovery.files.length, parsed, durationMs: Math.round(performance.now() - started) },
  };
}
