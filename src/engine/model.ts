import type { DiscoveryResult } from '../discovery/types.js';
import { ScanProject } from './project.js';
import type { ScanModel } from './rule.js';
import type { ScanError } from './types.js';
import { buildImportGraph } from '../inventory/imports.js';
import { ModuleResolver } from '../inventory/resolve.js';
import { classifyEnvironments } from '../inventory/environment.js';
import { buildInventory } from '../inventory/build.js';
import { mayBeParsedByRules, selectForAnalysis } from './prefilter.js';
import { lexFile, type FileLex, type Lexer } from '../inventory/lexed.js';

/**
 * Builds the scan's shared model from discovered files: import graph, environments, the parsed
 * project and the Pusher inventory. Only the files the prefilter selects (see prefilter.ts) are
 * parsed up front; a rule may parse more lazily.
 */

export interface ModelResult {
  model: ScanModel;
  errors: ScanError[];
  /** Files parsed into the ts-morph project. */
  parsed: number;
}

export interface ModelOptions {
  /**
   * false: parse and inventory every source file instead of the prefilter's selection. Slow; it
   * exists so tests can prove the prefilter skips nothing that matters.
   */
  prefilter?: boolean;
  /** The running rules' `meta.prefilter`s: files worth parsing together if a rule asks for one. */
  ruleHints?: readonly RegExp[];
  /** Lexes a file for the graph and the environments; the cache passes one that remembers (lexed.ts). */
  lex?: Lexer;
}

export function buildScanModel(discovery: DiscoveryResult, options: ModelOptions = {}): ModelResult {
  const files = discovery.files;
  const resolver = new ModuleResolver(files);
  const lexed = new Map<string, FileLex>();
  const lexer = options.lex ?? lexFile;
  const lex: Lexer = (file) => {
    let hit = lexed.get(file.path);
    if (hit === undefined) lexed.set(file.path, (hit = lexer(file)));
    return hit;
  };
  const graph = buildImportGraph(files, resolver, lex);
  const environments = classifyEnvironments(files, graph, (file) => resolver.packageOf(file), lex);
  const selected = selectForAnalysis(files, graph);

  const fileByPath = new Map(files.map((f) => [f.path, f]));
  const upFront = options.prefilter === false ? files.filter((f) => f.blocks.length > 0) : files.filter((f) => selected.has(f.path));
  const project = new ScanProject(
    upFront,
    resolver,
    (path) => fileByPath.get(path),
    () => files.filter((f) => !selected.has(f.path) && mayBeParsedByRules(f, options.ruleHints ?? [])),
  );
  const errors: ScanError[] = [];
  for (const script of project.scripts) {
    if (!selected.has(script.file.path)) continue;
    const problems = project.syntaxErrors(script);
    if (problems.length > 0) errors.push({ file: script.file.path, message: `syntax error, analysed what parsed (${problems.join('; ')})` });
  }

  const packageOf = (file: string) => resolver.packageOf(file);
  const built = buildInventory({ files, project, graph, environments, analysed: selected, packageOf });
  errors.push(...built.errors);
  return {
    model: {
      root: discovery.root,
      files,
      fileByPath,
      project,
      graph,
      environments,
      inventory: built.inventory,
      packageOf,
      secrets: built.secrets,
    },
    errors,
    parsed: upFront.length,
  };
}
