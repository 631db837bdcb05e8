import type { DiscoveryResult } from './discovery.js';
import { ScanProject } from './project.js';
import type { ScanModel } from './rule.js';
import type { ScanError } from './types.js';
import { buildImportGraph, ModuleResolver } from '../inventory/imports.js';
import { classifyEnvironments } from '../inventory/environment.js';
import { buildInventory } from '../inventory/build.js';

/**
 * Builds the scan's shared model from discovered files: import graph, environments, the parsed
 * project and the Pusher inventory. Only files that mention Pusher, and the files they import
 * from (to resolve constants and instances), are parsed up front; a rule may parse more lazily.
 */

export interface ModelResult {
  model: ScanModel;
  errors: ScanError[];
  /** Files parsed into the ts-morph project. */
  parsed: number;
}

/** A file is worth parsing when it names Pusher, Echo or the auth route, imports one that does, or is imported by one. */
const PUSHER_MENTION = /pusher|laravel-echo|\bEcho\b|\bsoketi\b|broadcasting\/auth/i;
/** How far imports are followed from a Pusher file to resolve constants and helpers. */
const IMPORT_DEPTH = 3;

export function buildScanModel(discovery: DiscoveryResult): ModelResult {
  const files = discovery.files;
  const resolver = new ModuleResolver(files);
  const graph = buildImportGraph(files, resolver);
  const environments = classifyEnvironments(files, graph);

  const selected = new Set<string>();
  let frontier: string[] = [];
  for (const f of files) {
    if (f.blocks.length === 0) continue;
    if (PUSHER_MENTION.test(f.text) || f.scriptSrcs.some((s) => /pusher/i.test(s))) {
      selected.add(f.path);
      frontier.push(f.path);
    }
  }
  // Code that uses an instance through a wrapper module may never say "pusher" itself.
  for (const seed of [...selected]) {
    for (const edge of graph.importers.get(seed) ?? []) {
      if (!edge.typeOnly && !selected.has(edge.from)) {
        selected.add(edge.from);
        frontier.push(edge.from);
      }
    }
  }
  for (let depth = 0; depth < IMPORT_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const edge of graph.imports.get(path) ?? []) {
        if (edge.to && !selected.has(edge.to)) {
          selected.add(edge.to);
          next.push(edge.to);
        }
      }
    }
    frontier = next;
  }

  const fileByPath = new Map(files.map((f) => [f.path, f]));
  const project = new ScanProject(
    files.filter((f) => selected.has(f.path)),
    resolver,
    (path) => fileByPath.get(path),
  );
  const errors: ScanError[] = [];
  for (const script of project.scripts) {
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
    parsed: selected.size,
  };
}
