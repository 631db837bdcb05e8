import { posix } from 'node:path';
import { createRequire } from 'node:module';
import type * as Jsonc from 'jsonc-parser';
import type { DiscoveredFile } from '../discovery/types.js';

/**
 * Module resolution for the import graph: relative paths, tsconfig/jsconfig `paths` and `baseUrl`,
 * framework aliases, and JS-to-TS extension swaps, over the files the scan discovered (never the disk).
 */

interface PathsConfig {
  dir: string;
  baseUrl: string;
  /** Whether `baseUrl` is set: TypeScript then resolves every bare specifier against it too (`src/users/users.service` in a NestJS app). */
  explicitBase: boolean;
  paths: Array<{ prefix: string; suffix: string; targets: string[] }>;
}

const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte'];
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
/** Framework aliases that work without any tsconfig entry (SvelteKit, Nuxt, Next's default). */
const DEFAULT_ALIASES: Array<[string, string[]]> = [
  ['$lib/', ['src/lib/']],
  ['@/', ['src/', '']],
  ['~/', ['src/', '']],
  ['~~/', ['']],
  ['@@/', ['']],
];

/**
 * Quasar CLI's own aliases (quasar.dev, "Handling Webpack" / "Handling Vite"): a boot file is
 * imported as `boot/pusher` with no tsconfig entry. Only in a package that depends on Quasar,
 * where a bare `pages/…` cannot mean an npm package.
 */
const QUASAR_ALIASES: Array<[string, string[]]> = [
  ['src/', ['src/']],
  ['app/', ['']],
  ['components/', ['src/components/']],
  ['layouts/', ['src/layouts/']],
  ['pages/', ['src/pages/']],
  ['assets/', ['src/assets/']],
  ['boot/', ['src/boot/']],
  ['stores/', ['src/stores/']],
];
const WITH_QUASAR = [...DEFAULT_ALIASES, ...QUASAR_ALIASES];
const QUASAR_DEPENDENCY = /"(?:quasar|@quasar\/app(?:-webpack|-vite)?)"\s*:/;

export class ModuleResolver {
  private readonly known: Set<string>;
  private readonly configs: PathsConfig[];
  /** Folders holding a package.json, deepest first: where a framework's default aliases point. */
  private readonly packageDirs: string[];
  /** Package folders whose package.json depends on Quasar. */
  private readonly quasarDirs: Set<string>;
  private readonly cache = new Map<string, string | undefined>();

  constructor(files: readonly DiscoveredFile[]) {
    this.known = new Set(files.map((f) => f.path));
    this.configs = files
      .filter((f) => /(^|\/)(tsconfig|jsconfig)(\.[\w-]+)?\.json$/.test(f.path))
      .map((f) => parsePathsConfig(f))
      .filter((c): c is PathsConfig => c !== undefined)
      // Deepest first, so the nearest config to a file wins.
      .sort((a, b) => b.dir.length - a.dir.length || a.dir.localeCompare(b.dir));
    const manifests = files.filter((f) => posix.basename(f.path) === 'package.json');
    const dirOf = (f: DiscoveredFile) => posix.dirname(f.path).replace(/^\.$/, '');
    this.packageDirs = manifests.map(dirOf).sort((a, b) => b.length - a.length || a.localeCompare(b));
    this.quasarDirs = new Set(manifests.filter((f) => QUASAR_DEPENDENCY.test(f.text)).map(dirOf));
  }

  /**
   * The folder of the package.json nearest above `file` ('' for the scan root, also when there is
   * none): one app of a monorepo or of a folder holding several checkouts.
   */
  packageOf(file: string): string {
    return this.packageDirs.find((d) => d !== '' && file.startsWith(`${d}/`)) ?? '';
  }

  /** The repo-relative path `specifier` resolves to from `from`, or undefined when external or missing. */
  resolve(from: string, specifier: string): string | undefined {
    const key = `${posix.dirname(from)}\0${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.resolveUncached(from, specifier);
    this.cache.set(key, result);
    return result;
  }

  private resolveUncached(from: string, specifier: string): string | undefined {
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      return this.probe(posix.join(posix.dirname(from), specifier));
    }
    if (specifier.startsWith('/')) return this.probe(specifier.slice(1));
    const config = this.configs.find((c) => c.dir === '' || from.startsWith(`${c.dir}/`));
    if (config) {
      for (const p of config.paths) {
        if (!specifier.startsWith(p.prefix) || !specifier.endsWith(p.suffix)) continue;
        const star = specifier.slice(p.prefix.length, specifier.length - p.suffix.length);
        for (const target of p.targets) {
          const hit = this.probe(posix.join(config.baseUrl, target.replace('*', star)));
          if (hit) return hit;
        }
      }
      if (config.explicitBase) {
        const hit = this.probe(posix.join(config.baseUrl, specifier));
        if (hit) return hit;
      }
    }
    // `@/` and `~/` mean the app's own folder: the nearer of its tsconfig and its package.json, so an
    // app scanned from a parent folder (a monorepo, several checkouts) resolves as it does on its own.
    const pkg = this.packageOf(from);
    const base = [config?.dir, pkg].filter((d): d is string => d !== undefined).sort((a, b) => b.length - a.length)[0] ?? '';
    for (const [prefix, targets] of this.quasarDirs.has(pkg) ? WITH_QUASAR : DEFAULT_ALIASES) {
      if (!specifier.startsWith(prefix)) continue;
      for (const target of targets) {
        const hit = this.probe(posix.join(base, target, specifier.slice(prefix.length)));
        if (hit) return hit;
      }
    }
    return undefined;
  }

  private probe(path: string): string | undefined {
    const p = posix.normalize(path).replace(/^\.\//, '');
    if (p.startsWith('../')) return undefined;
    if (this.known.has(p) && RESOLVE_EXTENSIONS.includes(posix.extname(p))) return p;
    const ext = posix.extname(p);
    for (const alt of JS_TO_TS[ext] ?? []) {
      const swapped = p.slice(0, -ext.length) + alt;
      if (this.known.has(swapped)) return swapped;
    }
    for (const e of RESOLVE_EXTENSIONS) if (this.known.has(p + e)) return p + e;
    for (const e of RESOLVE_EXTENSIONS) if (this.known.has(`${p}/index${e}`)) return `${p}/index${e}`;
    return undefined;
  }
}

// jsonc-parser's UMD build is a dozen files required one by one: loaded when the first tsconfig is
// read, not by every scan (a tree without Pusher builds no resolver).
const require = createRequire(import.meta.url);
let jsonc: typeof Jsonc | undefined;

function parsePathsConfig(file: DiscoveredFile): PathsConfig | undefined {
  jsonc ??= require('jsonc-parser') as typeof Jsonc;
  // tsconfig.json allows comments and trailing commas.
  const options = (jsonc.parse(file.text, [], { allowTrailingComma: true }) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined)?.compilerOptions;
  if (!options) return undefined;
  const dir = posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path);
  const baseUrl = posix.join(dir, typeof options.baseUrl === 'string' ? options.baseUrl : '.');
  const paths: PathsConfig['paths'] = [];
  if (options.paths && typeof options.paths === 'object') {
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (!Array.isArray(targets)) continue;
      const star = pattern.indexOf('*');
      paths.push({
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? '' : pattern.slice(star + 1),
        targets: targets.filter((t): t is string => typeof t === 'string'),
      });
    }
  }
  if (paths.length === 0 && typeof options.baseUrl !== 'string') return undefined;
  return { dir, baseUrl: baseUrl === '.' ? '' : baseUrl, explicitBase: typeof options.baseUrl === 'string', paths };
}
