import type { CallExpression, Node, SourceFile } from 'ts-morph';
import { SyntaxKind } from '../morph.js';
import type { DiscoveredFile } from '../discovery/types.js';
import type { ScanProject } from '../engine/project.js';
import type { ScanError } from '../engine/types.js';
import type { ImportGraph } from './imports.js';
import { envVarsOf, InstanceCollector, locationOf } from './instances.js';
import { OperationClassifier } from './operations.js';
import { Receivers } from './receivers.js';
import { collectConfigSecrets, collectSecretLiterals } from './secrets.js';
import type { FileEnvironment, Instance, Inventory, Operation, SourceLocation } from './types.js';

/**
 * Builds the Pusher inventory from the parsed project: first every client and server instance
 * (instances.ts) and every secret (secrets.ts), then every call on them or on the channels they
 * return (operations.ts), with receivers traced across files (receivers.ts).
 */

export interface InventoryInput {
  files: readonly DiscoveredFile[];
  project: ScanProject;
  graph: ImportGraph;
  environments: ReadonlyMap<string, FileEnvironment>;
  analysed: ReadonlySet<string>;
  /** The package (nearest package.json folder) of a file: "the only instance" means the only one in it. */
  packageOf(file: string): string;
}

export interface InventoryResult {
  inventory: Inventory;
  secrets: Set<string>;
  errors: ScanError[];
  /** The instance an expression evaluates to, traced as call receivers are. */
  instanceOf(expr: Node): Instance | undefined;
}

/** The banner every pusher-js build starts with (`dist/web/pusher.js`, 2.x to 8.x): `Pusher JavaScript Library v…`. */
const PUSHER_JS_BANNER = /^\s*\/\*!?[\s*]*Pusher JavaScript Library v\d/;

/**
 * A copy of pusher-js kept in the app's tree (`require('./pusher')` next to a vendored `pusher.js`) is pusher-js:
 * recognised by its build banner, read only for the files something imports by a relative path.
 */
function vendoredPusherJs(files: readonly DiscoveredFile[], graphOf: () => ImportGraph): (file: string, specifier: string) => boolean {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const seen = new Map<string, boolean>();
  return (file, specifier) => {
    const to = graphOf().imports.get(file)?.find((e) => e.specifier === specifier)?.to;
    if (!to) return false;
    if (!seen.has(to)) seen.set(to, PUSHER_JS_BANNER.test(byPath.get(to)?.text.slice(0, 200) ?? ''));
    return seen.get(to)!;
  };
}

export function buildInventory(input: InventoryInput): InventoryResult {
  const errors: ScanError[] = [];
  const secrets = new Set<string>();
  const locate = (node: Node) => locationOf(input.project, node);
  const sourceFiles = input.project.scripts
    .map((s) => ({ sf: s.sourceFile, path: s.file.path }))
    .sort((a, b) => a.sf.getFilePath().localeCompare(b.sf.getFilePath()));

  const instances = new InstanceCollector(locate, secrets, vendoredPusherJs(input.files, () => input.graph));
  const receivers = new Receivers(
    instances,
    input.project,
    input.packageOf,
    sourceFiles.map((s) => s.sf),
    (call): Operation | undefined => operations.operationFor(call),
  );
  const operations = new OperationClassifier(instances, receivers, input.project, locate, errors);
  const guard = (file: string, fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      errors.push({ file, message: `inventory: could not analyse this file (${err instanceof Error ? err.message : String(err)})` });
    }
  };

  const calls = new Map<SourceFile, CallExpression[]>();
  for (const { sf, path } of sourceFiles) {
    guard(path, () => {
      const fileCalls = sf.getDescendantsOfKind(SyntaxKind.CallExpression);
      calls.set(sf, fileCalls);
      receivers.collectGlobals(sf, fileCalls);
      collectSecretLiterals(sf, secrets);
      instances.find(sf);
    });
  }
  collectConfigSecrets(input.files, secrets);
  // Operations need every instance first: a route may use an instance from a later file.
  for (const { sf, path } of sourceFiles) {
    guard(path, () => {
      for (const call of calls.get(sf) ?? []) operations.operationFor(call);
      operations.hookOperations(sf);
    });
  }

  const byLocation = (a: { location: SourceLocation; id: string }, b: { location: SourceLocation; id: string }) =>
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    a.id.localeCompare(b.id);
  const clients = instances.clients.sort(byLocation);
  const servers = instances.servers.sort(byLocation);
  const ops = operations.operations.sort(byLocation);

  // The files the analysis is about, not every file of the tree: listing a monorepo's thousands of
  // unrelated files cost the JSON megabytes, and their environments a lexing pass over all of them.
  const files = input.files
    .filter((f) => f.blocks.length > 0 && input.analysed.has(f.path))
    .map((f) => ({ file: f.path, environment: input.environments.get(f.path)! }));
  return { inventory: { files, clients, servers, operations: ops, envVars: envVarsOf(clients, servers) }, secrets, errors, instanceOf: (expr) => receivers.resolveInstance(expr) };
}
