import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanError } from '../engine/types.js';
import { describeError, errorCode } from './read.js';

/** What is never scanned: the built-in excludes, `.pusher-advisorignore`, and git's ignore files above the root. */

/**
 * Gitignore-style patterns never scanned: dependencies, build output, bundles, lock files and
 * declaration files. A negation in `.pusher-advisorignore` (say `!vendor/`) brings one back.
 */
export const DEFAULT_EXCLUDES: readonly string[] = Object.freeze([
  'node_modules/',
  'bower_components/',
  'vendor/',
  'dist/',
  'build/',
  'out/',
  '.next/',
  '.nuxt/',
  '.svelte-kit/',
  '.output/',
  '.yarn/',
  'coverage/',
  // The VS Code Local History extension's timestamped snapshot of every saved file: copies that run
  // nowhere, committed by accident (one real app had 150 critical findings in them, each a copy of
  // one in the live file). A secret in them is the live file's, found there.
  '.history/',
  '*.min.js',
  '*.min.mjs',
  '*.bundle.js',
  '*.chunk.js',
  '*.map',
  '*.d.ts',
  '*.d.mts',
  '*.d.cts',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'composer.lock',
]);

export const IGNORE_FILE = '.pusher-advisorignore';

/**
 * A `.gitignore` and the root-relative directory its patterns are relative to ('' for the root).
 * Files above the root (see `outerIgnoreLayers`) have base '' and a `prefix`: the root's path
 * relative to their own directory, put back in front of each path before matching.
 */
export interface IgnoreLayer {
  base: string;
  prefix?: string;
  ig: Ignore;
}

/** Command-line globs often start with `./`, which gitignore syntax would never match. */
export function normalizePatterns(patterns: readonly string[]): string[] {
  return patterns.map((p) => p.replace(/^(!?)\.\//, '$1'));
}

export async function readOptionalIgnoreFile(path: string, errors: ScanError[]): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') errors.push({ file: IGNORE_FILE, message: `cannot read ${IGNORE_FILE}: ${describeError(error)}` });
    return '';
  }
}

/**
 * The ignore rules git applies to the root from outside it: `.git/info/exclude` and the
 * `.gitignore` of each directory from the work tree's top down to the root's parent. Scanning
 * `apps/web` of a monorepo then skips what `git status` would; outside a git work tree, a
 * `.gitignore` above the root means nothing to git and is not read.
 */
export async function outerIgnoreLayers(rootReal: string): Promise<IgnoreLayer[]> {
  const chain: string[] = [];
  for (let dir = rootReal; ; ) {
    chain.unshift(dir);
    const git = await stat(join(dir, '.git')).catch(() => undefined);
    if (git !== undefined) {
      const layers: IgnoreLayer[] = [];
      const toRoot = (from: string): string | undefined => (from === rootReal ? undefined : relative(from, rootReal).split(sep).join('/'));
      const addLayer = (patterns: string, prefix: string | undefined): void => {
        if (patterns.trim() === '') return;
        const ig = ignore({ ignorecase: false }).add(patterns);
        // A root the user named explicitly is scanned even if git ignores it (as ripgrep does);
        // a file that ignores the root itself would otherwise hide everything under it.
        if (prefix !== undefined && ig.ignores(`${prefix}/`)) return;
        layers.push({ base: '', prefix, ig });
      };
      // A `.git` file (worktree, submodule) points elsewhere; only a `.git` directory has info/exclude here.
      if (git.isDirectory()) {
        const exclude = await readFile(join(dir, '.git', 'info', 'exclude'), 'utf8').catch(() => '');
        addLayer(exclude, toRoot(dir));
      }
      // The root's own .gitignore is read by the walk itself.
      for (const above of chain.slice(0, -1)) {
        const patterns = await readFile(join(above, '.gitignore'), 'utf8').catch(() => '');
        addLayer(patterns, toRoot(above));
      }
      return layers;
    }
    const parent = dirname(dir);
    if (parent === dir) return [];
    dir = parent;
  }
}
