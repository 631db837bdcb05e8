import type { DiscoveredFile } from '../../discovery/types.js';
import type { ImportGraph } from '../imports.js';
import type { FileEnvironment, Inventory, SourceLocation } from '../types.js';
import { fileFacts, serverlessFacts, type FileFacts } from './text.js';

export interface ArchitectureInput {
  files: readonly DiscoveredFile[];
  graph: ImportGraph;
  environments: ReadonlyMap<string, FileEnvironment>;
  inventory: Inventory;
  packageOf(file: string): string;
  /** The files whose text contains a word (ScanModel.matching): a sweep, not a read of each file. */
  matching(pattern: string | RegExp): readonly DiscoveredFile[];
}

/** What every pass asks of the scan, each answer computed once. */
export interface Context {
  input: ArchitectureInput;
  fileByPath: ReadonlyMap<string, DiscoveredFile>;
  /** Server code, or code of unknown environment that does not ship to the browser. */
  backend(file: string): boolean;
  /** What the file's text says runs it (nothing for test and build files). */
  factsOf(path: string): FileFacts;
  /** `factsOf(path).serverless` without the triggers, which only publishing files need. */
  serverlessOf(path: string): FileFacts['serverless'];
  /** Files importing this one at run time, sorted. */
  importersOf(path: string): string[];
  /** The package a file belongs to, `.` for the root. */
  packageName(file: string): string;
}

const pkgName = (p: string): string => (p === '' ? '.' : p);

export function contextOf(input: ArchitectureInput): Context {
  // Read through `input` on each use: the graph and environments are built on first read (buildStructure),
  // and a tree with no Pusher in it never needs them.
  const envOf = (f: string) => input.environments.get(f)?.kind ?? 'unknown';
  const backend = (f: string): boolean => {
    const e = input.environments.get(f);
    return e !== undefined && (e.kind === 'server' || (e.kind === 'unknown' && !e.shipsToClient));
  };
  const fileByPath = new Map(input.files.map((f) => [f.path, f]));
  const facts = new Map<string, FileFacts>();
  const serverless = new Map<string, FileFacts['serverless']>();
  const analysable = (path: string): DiscoveredFile | undefined => {
    const file = fileByPath.get(path);
    return file && file.blocks.length > 0 && envOf(path) !== 'test' && envOf(path) !== 'build' ? file : undefined;
  };
  let serverlessWords: Set<string> | undefined;
  const saysServerlessWord = (path: string): boolean => {
    serverlessWords ??= new Set([...input.matching('use server'), ...input.matching('handler')].map((f) => f.path));
    return serverlessWords.has(path);
  };
  const serverlessOf = (path: string): FileFacts['serverless'] => {
    if (serverless.has(path)) return serverless.get(path);
    const file = analysable(path);
    const s = file !== undefined ? serverlessFacts(file, input.packageOf(path), saysServerlessWord(path)) : undefined;
    serverless.set(path, s);
    return s;
  };
  const factsOf = (path: string): FileFacts => {
    let f = facts.get(path);
    if (!f) {
      const file = analysable(path);
      f = file !== undefined ? fileFacts(file, input.packageOf(path), serverlessOf(path)) : { triggers: new Set() };
      facts.set(path, f);
    }
    return f;
  };
  const importersOf = (path: string): string[] => sortedUnique((input.graph.importers.get(path) ?? []).filter((e) => !e.typeOnly).map((e) => e.from));
  return { input, fileByPath, backend, factsOf, serverlessOf, importersOf, packageName: (file) => pkgName(input.packageOf(file)) };
}

export const loc = (l: SourceLocation): SourceLocation => ({ file: l.file, line: l.line, column: l.column });
export const sortedUnique = <T extends string>(xs: Iterable<T>): T[] => [...new Set(xs)].sort();
export const byLocation = <T extends { location: SourceLocation }>(a: T, b: T) =>
  a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column;
