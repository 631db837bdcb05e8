import type { DiscoveryResult } from '../discovery/types.js';
import { ScanProject } from './project.js';
import type { ScanModel } from './rule.js';
import type { ScanError } from './types.js';
import { buildImportGraph } from '../inventory/imports.js';
import { ModuleResolver } from '../inventory/resolve.js';
import { classifyEnvironments } from '../inventory/environment.js';
import { buildInventory } from '../inventory/build.js';
import { createHash } from 'node:crypto';
import { filesForRules, selectForAnalysis } from './prefilter.js';
import { ReadLog, type ReadRecord } from './reads.js';
import type { ImportGraph } from '../inventory/imports.js';
import type { FileEnvironment } from '../inventory/types.js';
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
  /** The prefilter's selection: empty when no file of the tree says Pusher. */
  analysed: ReadonlySet<string>;
  /** What the analysis read of the files so far (reads.ts): ask once it is done. */
  reads: () => ReadRecord;
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

/**
 * What the scan derives from every file before anything is parsed: the import graph, each file's
 * environment and the prefilter's selection. Cheap once the files are lexed (and the cache keeps
 * what they lexed to), and all the analysis that follows knows of the files it did not read.
 */
export interface Structure {
  resolver: ModuleResolver;
  /** Lexes every source file on first use. */
  readonly graph: ImportGraph;
  /** Needs the graph. */
  readonly environments: Map<string, FileEnvironment>;
  selected: Set<string>;
  /** Whether anything has asked for the graph (or the environments) so far. */
  readonly graphBuilt: boolean;
}

export function buildStructure(discovery: DiscoveryResult, lexer: Lexer = lexFile): Structure {
  const files = discovery.files;
  const resolver = new ModuleResolver(files);
  const lexed = new Map<string, FileLex>();
  const lex: Lexer = (file) => {
    let hit = lexed.get(file.path);
    if (hit === undefined) lexed.set(file.path, (hit = lexer(file)));
    return hit;
  };
  // Built on first use: a tree where nothing says Pusher and no rule's sweep matches never needs
  // them, and lexing every file for them is most of what such a scan would cost.
  let graph: ImportGraph | undefined;
  let environments: Map<string, FileEnvironment> | undefined;
  const graphOf = (): ImportGraph => (graph ??= buildImportGraph(files, resolver, lex));
  return {
    resolver,
    get graph() {
      return graphOf();
    },
    get environments() {
      return (environments ??= classifyEnvironments(files, graphOf(), (file) => resolver.packageOf(file), lex));
    },
    get graphBuilt() {
      return graph !== undefined;
    },
    selected: selectForAnalysis(files, graphOf),
  };
}

/**
 * A digest of the structure as the analysis sees it (every file's path, kind and script blocks
 * without their code, every import edge, every environment, the selection): equal digests mean
 * the analysis got the same structure. `withGraph: false` leaves out the edges and environments,
 * for an analysis that never built them: lexing a whole tree only to compare a graph nothing
 * read made a re-scan of a tree without Pusher slower than a cold scan.
 */
export function structureDigest(discovery: DiscoveryResult, s: Structure, withGraph = true): string {
  // A re-scan after a change asks before its analysis and stores it after, for one structure:
  // hashing every edge and environment of a big tree twice was a tenth of that re-scan.
  const memo = withGraph ? digests : digestsWithoutGraph;
  let digest = memo.get(s);
  if (digest === undefined) {
    const hash = createHash('sha256');
    for (const f of discovery.files) {
      const structure = withGraph ? [s.graph.imports.get(f.path) ?? null, s.environments.get(f.path) ?? null] : [];
      hash.update(JSON.stringify([f.path, f.kind, f.blocks.map((b) => [b.lang, b.kind, b.startLine, b.startColumn]), f.scriptSrcs, ...structure, s.selected.has(f.path)]));
      hash.update('\n');
    }
    memo.set(s, (digest = hash.digest('hex')));
  }
  return digest;
}
const digests = new WeakMap<Structure, string>();
const digestsWithoutGraph = new WeakMap<Structure, string>();

/** `fields` with the structure's graph and environments as getters: handing them on builds neither. */
function withStructure<T extends object>(fields: T, structure: Structure): T & Pick<Structure, 'graph' | 'environments'> {
  return Object.defineProperties(fields, {
    graph: { get: () => structure.graph, enumerable: true },
    environments: { get: () => structure.environments, enumerable: true },
  }) as T & Pick<Structure, 'graph' | 'environments'>;
}

export function buildScanModel(discovery: DiscoveryResult, options: ModelOptions = {}, structure = buildStructure(discovery, options.lex)): ModelResult {
  // The graph and environments stay unbuilt until something reads them (see buildStructure).
  const { resolver, selected } = structure;
  // Everything from here on sees the files through the log (reads.ts).
  const log = new ReadLog(discovery.files);
  const files = log.files;
  const fileByPath = new Map(files.map((f) => [f.path, f]));
  const upFront = options.prefilter === false ? files.filter((f) => f.blocks.length > 0) : files.filter((f) => selected.has(f.path));
  const project = new ScanProject(
    upFront,
    resolver,
    (path) => fileByPath.get(path),
    () => filesForRules(log, options.ruleHints ?? []).filter((f) => !selected.has(f.path)),
  );
  const errors: ScanError[] = [];
  for (const script of project.scripts) {
    if (!selected.has(script.file.path)) continue;
    const problems = project.syntaxErrors(script);
    if (problems.length > 0) errors.push({ file: script.file.path, message: `syntax error, analysed what parsed (${problems.join('; ')})` });
  }

  const packageOf = (file: string) => resolver.packageOf(file);
  const built = buildInventory(withStructure({ files, project, analysed: selected, packageOf }, structure));
  errors.push(...built.errors);
  return {
    model: withStructure(
      {
        root: discovery.root,
        files,
        fileByPath,
        matching: (pattern: string | RegExp) => log.matching(pattern),
        project,
        inventory: built.inventory,
        packageOf,
        secrets: built.secrets,
        instanceOf: built.instanceOf,
      },
      structure,
    ),
    errors,
    parsed: upFront.length,
    analysed: selected,
    reads: () => log.record(),
  };
}
