import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/**
 * The README's "may not" table, as data: for each part of the code (a folder under src/, the
 * rules), the imports it must not have. An import is a repo-relative module path (`src/cli`,
 * `src/engine/runner`) or a package name (`ts-morph`, `node:fs`).
 */

export interface Layer {
  /** Files of this part: repo-relative path prefix. */
  part: string;
  /** Forbidden imports: prefixes of repo-relative module paths or package names. */
  mayNot: readonly string[];
  /** Narrower prefixes `mayNot` covers that are allowed all the same (`src/core/` under `src/`). */
  may?: readonly string[];
}

/** Everything that sits above the engine: nothing below may reach up to it. */
const ABOVE_ENGINE = ['src/cli', 'src/config', 'src/gate', 'src/reporters', 'src/report', 'src/recommend', 'src/cost', 'src/probe', 'rules/index'];

export const LAYERS: readonly Layer[] = [
  // The leaf vocabulary every part may use: it imports nothing of ours and does no I/O.
  { part: 'src/core/', mayNot: ['src/', 'rules/', 'ts-morph', 'node:fs', 'node:fs/promises', 'node:child_process'] },
  { part: 'src/pusher/', mayNot: ['src/', 'rules/', 'ts-morph', 'node:fs', 'node:fs/promises', 'node:child_process'], may: ['src/core/'] },
  // Discovery lists and reads files: it knows no parser, no model, no rule. It may use the engine's vocabulary (types.ts).
  {
    part: 'src/discovery/',
    mayNot: [...ABOVE_ENGINE, 'src/engine/rule', 'src/engine/runner', 'src/engine/scan', 'src/engine/model', 'src/engine/project', 'src/engine/suppress', 'src/engine/findings', 'src/engine/prefilter', 'src/engine/cache', 'src/inventory/', 'src/analysis/', 'rules/', 'ts-morph', 'src/morph'],
  },
  { part: 'src/analysis/', mayNot: [...ABOVE_ENGINE, 'src/engine/runner', 'src/engine/scan', 'src/engine/findings', 'rules/', 'node:fs', 'node:fs/promises'] },
  { part: 'src/inventory/', mayNot: [...ABOVE_ENGINE, 'src/engine/runner', 'src/engine/scan', 'src/engine/rule', 'src/engine/findings', 'rules/', 'node:fs', 'node:fs/promises'] },
  { part: 'src/engine/', mayNot: [...ABOVE_ENGINE, 'rules/'] },
  {
    part: 'rules/',
    mayNot: ['src/cli', 'src/config', 'src/gate', 'src/reporters', 'src/recommend', 'src/cost', 'src/probe', 'src/engine/runner', 'src/engine/scan', 'src/engine/model', 'src/engine/suppress', 'src/engine/findings', 'src/engine/discovery', 'src/discovery/walk', 'src/discovery/read', 'src/discovery/ignore', 'src/discovery/extract', 'src/discovery/tokenizer', 'node:fs', 'node:fs/promises', 'node:child_process'],
  },
  { part: 'src/cost/', mayNot: ['src/cli', 'src/config', 'src/gate', 'src/report', 'src/reporters', 'src/engine/scan', 'src/engine/runner', 'rules/', 'ts-morph'] },
  { part: 'src/recommend/', mayNot: ['src/cli', 'src/config', 'src/gate', 'src/report', 'src/reporters', 'src/engine/scan', 'src/engine/runner', 'rules/', 'ts-morph'] },
  { part: 'src/probe/', mayNot: ['src/cli', 'src/config', 'src/gate', 'src/report', 'src/reporters', 'src/engine', 'rules/', 'ts-morph'] },
  // The canonical result: data and its schema, assembled from the scan; rendering is the reporters'.
  { part: 'src/report/', mayNot: ['src/cli', 'src/config', 'src/gate', 'src/reporters', 'src/engine/runner', 'src/engine/model', 'rules/', 'ts-morph', 'node:fs', 'node:fs/promises', 'node:child_process'] },
  { part: 'src/reporters/', mayNot: ['src/cli', 'src/config', 'src/engine/scan', 'src/engine/runner', 'src/engine/model', 'rules/', 'ts-morph', 'node:fs', 'node:fs/promises', 'node:child_process'] },
  { part: 'src/gate/', mayNot: ['src/cli', 'src/reporters', 'src/engine/scan', 'src/engine/runner', 'rules/', 'ts-morph'] },
  { part: 'src/config/', mayNot: ['src/cli', 'src/engine/scan', 'src/engine/runner', 'rules/', 'ts-morph'] },
];

/**
 * Edges the table forbids that the code still has, each with the step of issue #10 that removes
 * it. The list may only shrink: a new forbidden edge fails the test, and so does an entry here
 * that no longer occurs.
 */
export const KNOWN_EXCEPTIONS: Readonly<Record<string, string>> = {
};

export interface SourceText {
  /** Repo-relative POSIX path. */
  path: string;
  text: string;
}

/** A relative specifier resolved to a repo-relative module path without extension; a package name as is. */
export function resolveSpecifier(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return normalize(join(dirname(from), specifier)).split('\\').join('/').replace(/\.(js|ts|mjs|cjs|json)$/, '').replace(/\/index$/, '/index');
}

/** Every import, export-from, require and dynamic import specifier of a file (type-only ones too). */
export function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const forbids = (rule: string, target: string) => target === rule || target.startsWith(rule.endsWith('/') ? rule : `${rule}/`) || target === rule.replace(/\/$/, '') || (rule.endsWith('/') && target.startsWith(rule));

/** `file -> module` for every import the table forbids, sorted. */
export function forbiddenEdges(files: readonly SourceText[], layers: readonly Layer[] = LAYERS): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const layer = layers.find((l) => file.path.startsWith(l.part));
    // The registry is the one file that imports every rule.
    if (!layer || file.path === 'rules/index.ts') continue;
    for (const specifier of specifiersOf(file.text)) {
      const target = resolveSpecifier(file.path, specifier);
      // A rule may use its own folder's helpers, never another rule's.
      const ownRule = file.path.startsWith('rules/') && target.startsWith(file.path.split('/').slice(0, 2).join('/') + '/');
      if (ownRule) continue;
      const otherRule = file.path.startsWith('rules/') && target.startsWith('rules/') && target !== 'rules/index';
      // A part may always use its own files (a rule only its own folder's, above).
      if ((layer.part !== 'rules/' && target.startsWith(layer.part)) || layer.may?.some((allowed) => target.startsWith(allowed))) continue;
      if (otherRule || layer.mayNot.some((rule) => forbids(rule, target))) out.add(`${file.path} -> ${target}`);
    }
  }
  return [...out].sort();
}
