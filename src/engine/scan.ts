import { isAbsolute, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DiscoveryResult } from '../discovery/types.js';
import { discoverFiles } from '../discovery/walk.js';
import { buildArchitectureFacts, noArchitectureFacts } from '../inventory/architecture/facts.js';
import type { ArchitectureFacts } from '../inventory/architecture-schema.js';
import { toInventoryJson } from '../inventory/json.js';
import type { InventoryJson } from '../inventory/types.js';
import { TOOL_VERSION } from '../version.js';
import type { ScanCache, StoredFile } from './cache.js';
import { rememberingLexer, type FileLex } from '../inventory/lexed.js';
import { untouchedBy, type ReadRecord } from './reads.js';
import { buildScanModel, buildStructure, structureDigest, type Structure } from './model.js';
import type { AnyRule } from './rule.js';
import { configureRules, runRules } from './runner.js';
import { applySuppressions, DIRECTIVE_PREFIX, type SuppressedFinding } from './suppress.js';
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
  /**
   * Reuse the analysis of an identical earlier scan (same tool version, rules, options and file
   * contents) from this cache file or directory (see cache.ts). Never changes a result.
   */
  cacheLocation?: string;
  /** Problems that do not stop the scan (an unusable cache file); the CLI prints them. */
  onWarning?: (message: string) => void;
  /** Progress notes ("scanning 120 files"); the CLI decides whether anyone sees them. */
  onProgress?: (message: string) => void;
}

export interface ScanStats {
  files: number;
  parsed: number;
  /** Whether the analysis came from the cache (`parsed` is then that of the scan that stored it). */
  cached?: boolean;
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

/** Everything the scan derives from the files: what the cache stores. */
interface Analysis {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  inventory: InventoryJson;
  architecture: ArchitectureFacts;
  errors: ScanError[];
  parsed: number;
  /** What the analysis depended on (with a cache only): see `analyseChanged`. */
  depends?: { structure: string; graph: boolean } & ReadRecord;
}

function analyse(discovery: DiscoveryResult, options: ScanOptions, configured: ReturnType<typeof configureRules>, structure?: Structure): Analysis {
  const { model, errors: modelErrors, parsed, analysed, reads } = buildScanModel(
    discovery,
    {
      ...(options.prefilter === false ? { prefilter: false } : {}),
      ruleHints: options.rules.flatMap((r) => (r.meta.prefilter !== undefined ? [r.meta.prefilter] : [])),
    },
    structure,
  );
  const run = runRules(model, configured);
  const activeRuleIds = new Set(options.rules.map((r) => r.meta.id));
  // Only files holding a directive can suppress anything: a sweep, not a read of every file.
  const { findings, suppressed } = applySuppressions(model.matching(DIRECTIVE_PREFIX), run.findings, {
    knownRuleIds: new Set(options.knownRuleIds ?? activeRuleIds),
    activeRuleIds,
  });
  const inventory = toInventoryJson(model.inventory);
  // A tree where no file says Pusher has no app around Pusher to describe; the passes over every
  // backend file (brokers, serverless handlers, middleware) would build the import graph only to
  // describe an app the advice is not about.
  const architecture = analysed.size > 0 ? buildArchitectureFacts(model) : noArchitectureFacts();
  return {
    findings,
    suppressed,
    inventory,
    architecture,
    errors: [...modelErrors, ...run.errors],
    parsed,
    ...(structure !== undefined ? { depends: { structure: structureDigest(discovery, structure, structure.graphBuilt), graph: structure.graphBuilt, ...reads() } } : {}),
  };
}

/**
 * With a cache, after a change: files whose content is unchanged are not lexed again, and when
 * every changed file is one the stored analysis never read (reads.ts) and the structure it saw
 * (graph, environments, selection) is the same, the stored analysis is the analysis of this tree.
 */
function analyseChanged(discovery: DiscoveryResult, options: ScanOptions, configured: ReturnType<typeof configureRules>, cache: ScanCache<Analysis, FileLex>, hashes: ReadonlyMap<string, string>): { analysis: Analysis; lexed: Map<string, StoredFile<FileLex>>; reused: boolean } {
  const stored = cache.storedFiles();
  const lexed = new Map<string, StoredFile<FileLex>>();
  const structure = buildStructure(discovery, rememberingLexer(stored, (path) => hashes.get(path), lexed));
  const prior = cache.storedAnalysis();
  if (prior?.depends !== undefined && stored.size === discovery.files.length) {
    const changed = discovery.files.filter((f) => stored.get(f.path)?.hash !== hashes.get(f.path));
    // A file added, removed or renamed, or a changed config file or component, is a full analysis.
    // An analysis that never built the graph is compared without it: it read nothing of it.
    if (changed.every((f) => stored.has(f.path) && f.kind === 'source') && untouchedBy(prior.depends, changed) && structureDigest(discovery, structure, prior.depends.graph) === prior.depends.structure) {
      return { analysis: prior, lexed, reused: true };
    }
  }
  return { analysis: analyse(discovery, options, configured, structure), lexed, reused: false };
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const configured = configureRules(options.rules, options.ruleOptions);
  // The cache's code (a zod schema, file hashing) is loaded only by a scan that uses one.
  const caching = options.cacheLocation !== undefined ? await import('./cache.js') : undefined;
  const cacheFile = caching !== undefined && options.cacheLocation !== undefined ? await caching.cacheFilePath(options.cacheLocation) : undefined;
  // A cache file inside the tree is the tool's own output, never part of what it scans.
  const inRoot = cacheFile !== undefined ? relative(resolve(options.root), cacheFile).split(sep).join('/') : undefined;
  const exclude = [...(options.exclude ?? []), ...(inRoot !== undefined && !inRoot.startsWith('../') && !isAbsolute(inRoot) ? [`/${inRoot}`] : [])];
  const discovery = await discoverFiles(options.root, {
    ...(options.include !== undefined ? { include: options.include } : {}),
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  });
  options.onProgress?.(`scanning ${discovery.files.length} file${discovery.files.length === 1 ? '' : 's'}…`);
  const warn = options.onWarning ?? (() => undefined);
  const cache =
    cacheFile !== undefined && caching !== undefined
      ? await caching.ScanCache.open<Analysis, FileLex>(
          cacheFile,
          caching.configKey({
            toolVersion: TOOL_VERSION,
            code: caching.analysingCodeDigest(),
            ruleIds: options.rules.map((r) => r.meta.id),
            ruleOptions: options.ruleOptions ?? {},
            knownRuleIds: options.knownRuleIds ?? [],
            prefilter: options.prefilter !== false,
          }),
          warn,
        )
      : undefined;
  const hashes = cache !== undefined ? caching?.fileHashes(discovery) : undefined;
  const tree = hashes !== undefined ? caching?.treeDigest(discovery, hashes) : undefined;
  const hit = tree !== undefined ? cache?.lookup(tree) : undefined;
  let analysis = hit;
  if (analysis === undefined && cache !== undefined && hashes !== undefined && tree !== undefined) {
    const changed = analyseChanged(discovery, options, configured, cache, hashes);
    analysis = changed.analysis;
    const problem = await cache.store(tree, analysis, hashes, changed.lexed);
    if (problem !== undefined) warn(problem);
  }
  analysis ??= analyse(discovery, options, configured);
  return {
    root: options.displayRoot ?? options.root,
    findings: analysis.findings,
    suppressed: analysis.suppressed,
    inventory: analysis.inventory,
    architecture: analysis.architecture,
    skipped: discovery.skipped,
    errors: [...discovery.errors, ...analysis.errors],
    stats: { files: discovery.files.length, parsed: analysis.parsed, ...(hit !== undefined ? { cached: true } : {}), durationMs: Math.round(performance.now() - started) },
  };
}
