import { close, fstat, open, read, type Dirent } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { UserError } from '../errors.js';
import { extractScripts, type ScriptBlock } from './extract.js';
import type { ScanError, SkippedFile } from './types.js';

export type FileKind = 'source' | 'component' | 'html' | 'env' | 'json' | 'yaml';

export interface DiscoveredFile {
  /** Repo-relative POSIX path (forward slashes), relative to the scanned root. */
  path: string;
  absPath: string;
  kind: FileKind;
  /** Decoded UTF-8 text, BOM stripped. */
  text: string;
  /** Size in bytes. */
  size: number;
  /** Script blocks for source, component and html files; [] for config files. */
  blocks: ScriptBlock[];
  /** `<script src>` URLs of html files; [] otherwise. */
  scriptSrcs: string[];
}

export interface DiscoveryOptions {
  /** Gitignore-style globs on repo-relative paths; when non-empty, only matching files are kept. */
  include?: string[];
  /** Extra gitignore-style globs to exclude, after `DEFAULT_EXCLUDES` and `.pusher-advisorignore`. */
  exclude?: string[];
  /** Default 1 MiB. */
  maxFileBytes?: number;
  /** Default true. Links are only followed to targets inside the root. */
  followSymlinks?: boolean;
}

export interface DiscoveryResult {
  root: string;
  files: DiscoveredFile[];
  skipped: SkippedFile[];
  errors: ScanError[];
}

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

const IGNORE_FILE = '.pusher-advisorignore';
const KIB = 1024;
const MIB = 1_048_576;
const DEFAULT_MAX_FILE_BYTES = MIB;
const BINARY_SNIFF_BYTES = 8 * KIB;
const MAX_LINE_LENGTH = 10_000;
const MINIFIED_MIN_BYTES = 20 * KIB;
const MINIFIED_AVG_LINE_LENGTH = 500;
const IO_CONCURRENCY = 32;

const KIND_BY_EXTENSION = new Map<string, FileKind>([
  ...['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'].map((e): [string, FileKind] => [e, 'source']),
  ['.vue', 'component'],
  ['.svelte', 'component'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.json', 'json'],
  ['.yml', 'yaml'],
  ['.yaml', 'yaml'],
]);

function fileKind(name: string): FileKind | undefined {
  const lower = name.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) return 'env';
  const dot = lower.lastIndexOf('.');
  return dot > 0 ? KIND_BY_EXTENSION.get(lower.slice(dot)) : undefined;
}

/**
 * A `.gitignore` and the root-relative directory its patterns are relative to ('' for the root).
 * Files above the root (see `outerIgnoreLayers`) have base '' and a `prefix`: the root's path
 * relative to their own directory, put back in front of each path before matching.
 */
interface IgnoreLayer {
  base: string;
  prefix?: string;
  ig: Ignore;
}

interface Candidate {
  rel: string;
  abs: string;
  kind: FileKind;
}

interface PendingDirLink {
  rel: string;
  abs: string;
  real: string;
  layers: readonly IgnoreLayer[];
}

type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((wake) => waiting.push(wake));
    try {
      return await task();
    } finally {
      // Hand the slot straight to a waiter, so a newcomer cannot overtake it and exceed `max`.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function describeError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no longer exists';
  return error instanceof Error ? error.message : String(error);
}

function formatSize(bytes: number): string {
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= KIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function formatLimit(bytes: number): string {
  return formatSize(bytes).replace('.0 ', ' ');
}

function looksMinified(text: string, bytes: number): boolean {
  let lines = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', lineStart)) {
    if (nl - lineStart > MAX_LINE_LENGTH) return true;
    lines++;
    lineStart = nl + 1;
  }
  if (text.length - lineStart > MAX_LINE_LENGTH) return true;
  return bytes > MINIFIED_MIN_BYTES && text.length / lines > MINIFIED_AVG_LINE_LENGTH;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function byPath<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

// The callback API, not FileHandle: on many small files FileHandle is several times slower.
const openFd = promisify(open);
const fstatFd = promisify(fstat);
const readFd = promisify(read);
const closeFd = promisify(close);

/**
 * Reads a regular file once, sizing it with fstat first so an oversized file is never read.
 * Returns `bytes` when read, only `size` when over the cap, and nothing when it is not a regular file.
 */
async function readRegularFile(path: string, maxBytes: number): Promise<{ bytes?: Buffer; size?: number }> {
  const fd = await openFd(path, 'r');
  try {
    const info = await fstatFd(fd);
    if (!info.isFile()) return {};
    if (info.size > maxBytes) return { size: info.size };
    const bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await readFd(fd, bytes, filled, bytes.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled) };
  } finally {
    await closeFd(fd).catch(() => undefined);
  }
}

class Discovery {
  private readonly candidates: Candidate[] = [];
  private readonly files: DiscoveredFile[] = [];
  private readonly skipped: SkippedFile[] = [];
  private readonly errors: ScanError[] = [];
  private readonly visitedDirs = new Set<string>();
  private readonly pendingDirLinks: PendingDirLink[] = [];
  private readonly limit = createLimiter(IO_CONCURRENCY);
  private readonly rootPrefix: string;

  constructor(
    private readonly root: string,
    private readonly rootReal: string,
    private readonly toolIgnore: Ignore,
    private readonly include: Ignore | undefined,
    private readonly maxFileBytes: number,
    private readonly followSymlinks: boolean,
    private readonly outerLayers: readonly IgnoreLayer[],
  ) {
    this.rootPrefix = rootReal.endsWith(sep) ? rootReal : rootReal + sep;
  }

  async run(): Promise<DiscoveryResult> {
    this.visitedDirs.add(this.rootReal);
    await this.walkDir(this.root, this.rootReal, '', this.outerLayers);
    // Linked directories are walked only after the real tree, and one at a time, so whether a
    // link counts as a loop never depends on timing.
    while (this.pendingDirLinks.length > 0) {
      this.pendingDirLinks.sort(byPath((l) => l.rel));
      const link = this.pendingDirLinks.shift()!;
      if (this.visitedDirs.has(link.real)) {
        this.skip(link.rel, 'symlink loop');
        continue;
      }
      this.visitedDirs.add(link.real);
      await this.walkDir(link.abs, link.real, link.rel, link.layers);
    }
    this.candidates.sort(byPath((c) => c.rel));
    await this.readCandidates();
    this.files.sort(byPath((f) => f.path));
    this.skipped.sort(byPath((s) => s.file));
    this.errors.sort(byPath((e) => e.file ?? ''));
    return { root: this.root, files: this.files, skipped: this.skipped, errors: this.errors };
  }

  private skip(file: string, reason: string): void {
    this.skipped.push({ file, reason });
  }

  private fail(file: string, what: string, error: unknown): void {
    this.errors.push({ file, message: `${what}: ${describeError(error)}` });
  }

  private isExcluded(rel: string, isDir: boolean, layers: readonly IgnoreLayer[]): boolean {
    const path = isDir ? `${rel}/` : rel;
    if (this.toolIgnore.ignores(path)) return true;
    // Deeper .gitignore files take precedence, as in git: the last layer with an opinion wins.
    let ignored = false;
    for (const { base, prefix, ig } of layers) {
      const inLayer = base === '' ? path : path.slice(base.length + 1);
      const result = ig.test(prefix === undefined ? inLayer : `${prefix}/${inLayer}`);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private async walkDir(abs: string, real: string, rel: string, parentLayers: readonly IgnoreLayer[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await this.limit(() => readdir(abs, { withFileTypes: true }));
    } catch (error) {
      if (rel === '') throw new UserError(`cannot read ${this.root}: ${describeError(error)}`);
      this.fail(rel, 'cannot read directory', error);
      return;
    }
    const layers = await this.withGitignore(abs, rel, entries, parentLayers);
    const pending: Promise<void>[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (name === '.git') continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const childAbs = join(abs, name);
      if (entry.isDirectory()) {
        const childReal = join(real, name);
        if (this.visitedDirs.has(childReal) || this.isExcluded(childRel, true, layers)) continue;
        this.visitedDirs.add(childReal);
        pending.push(this.walkDir(childAbs, childReal, childRel, layers));
      } else if (entry.isFile()) {
        this.considerFile(childRel, childAbs, name, layers);
      } else if (entry.isSymbolicLink() && this.followSymlinks) {
        pending.push(this.visitLink(childAbs, childRel, name, layers));
      }
    }
    await Promise.all(pending);
  }

  private async withGitignore(
    abs: string,
    rel: string,
    entries: readonly Dirent[],
    layers: readonly IgnoreLayer[],
  ): Promise<readonly IgnoreLayer[]> {
    const entry = entries.find((e) => e.name === '.gitignore');
    if (entry === undefined || entry.isDirectory()) return layers;
    const file = rel === '' ? '.gitignore' : `${rel}/.gitignore`;
    try {
      const patterns = await this.limit(() => readFile(join(abs, '.gitignore'), 'utf8'));
      // Case-sensitive, as git is on the case-sensitive file systems CI runs on.
      return [...layers, { base: rel, ig: ignore({ ignorecase: false }).add(patterns) }];
    } catch (error) {
      this.fail(file, 'cannot read .gitignore', error);
      return layers;
    }
  }

  private considerFile(rel: string, abs: string, name: string, layers: readonly IgnoreLayer[]): void {
    const kind = fileKind(name);
    if (kind === undefined || this.isExcluded(rel, false, layers)) return;
    if (this.include !== undefined && !this.include.ignores(rel)) return;
    this.candidates.push({ rel, abs, kind });
  }

  private async visitLink(abs: string, rel: string, name: string, layers: readonly IgnoreLayer[]): Promise<void> {
    let real: string;
    try {
      real = await this.limit(() => realpath(abs));
    } catch (error) {
      if (this.isExcluded(rel, false, layers)) return;
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') this.skip(rel, 'broken symlink');
      else if (code === 'ELOOP') this.skip(rel, 'symlink loop');
      else this.fail(rel, 'cannot resolve symlink', error);
      return;
    }
    let isDir: boolean;
    try {
      const target = await this.limit(() => stat(real));
      if (!target.isDirectory() && !target.isFile()) return;
      isDir = target.isDirectory();
    } catch (error) {
      this.fail(rel, 'cannot resolve symlink', error);
      return;
    }
    if (this.isExcluded(rel, isDir, layers)) return;
    if (!isDir && fileKind(name) === undefined) return;
    if (real !== this.rootReal && !real.startsWith(this.rootPrefix)) {
      this.skip(rel, 'symlink outside the scanned root');
      return;
    }
    if (isDir) this.pendingDirLinks.push({ rel, abs, real, layers });
    else this.considerFile(rel, abs, name, layers);
  }

  private async readCandidates(): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < this.candidates.length) {
        const candidate = this.candidates[next++]!;
        await this.readCandidate(candidate);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IO_CONCURRENCY, this.candidates.length) }, worker));
  }

  private async readCandidate({ rel, abs, kind }: Candidate): Promise<void> {
    try {
      const read = await readRegularFile(abs, this.maxFileBytes);
      if (read.bytes !== undefined) this.accept(rel, abs, kind, read.bytes);
      else if (read.size !== undefined) {
        this.skip(rel, `larger than ${formatLimit(this.maxFileBytes)} (${formatSize(read.size)})`);
      }
    } catch (error) {
      this.fail(rel, 'cannot read file', error);
    }
  }

  private accept(rel: string, abs: string, kind: FileKind, bytes: Buffer): void {
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      this.skip(rel, 'binary');
      return;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      this.skip(rel, 'not valid UTF-8');
      return;
    }
    if (looksMinified(text, bytes.length)) {
      this.skip(rel, 'minified or generated');
      return;
    }
    const hasScripts = kind === 'source' || kind === 'component' || kind === 'html';
    let extracted = { blocks: [] as ScriptBlock[], scriptSrcs: [] as string[] };
    if (hasScripts) {
      try {
        extracted = extractScripts(rel, text);
      } catch (error) {
        this.fail(rel, 'cannot extract scripts', error);
      }
    }
    this.files.push({
      path: rel,
      absPath: abs,
      kind,
      text,
      size: bytes.length,
      blocks: extracted.blocks,
      scriptSrcs: kind === 'html' ? extracted.scriptSrcs : [],
    });
  }
}

/** Command-line globs often start with `./`, which gitignore syntax would never match. */
function normalizePatterns(patterns: readonly string[]): string[] {
  return patterns.map((p) => p.replace(/^(!?)\.\//, '$1'));
}

async function readOptionalIgnoreFile(path: string, errors: ScanError[]): Promise<string> {
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
async function outerIgnoreLayers(rootReal: string): Promise<IgnoreLayer[]> {
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

/**
 * Lists the files of a project worth analysing, read and decoded, with their script blocks.
 * Honours `.gitignore` files at every level, a root `.pusher-advisorignore` and
 * `DEFAULT_EXCLUDES`; files that cannot be analysed go to `skipped` with a short reason, and I/O
 * failures to `errors`. Throws `UserError` only when `root` is not a readable directory.
 */
export async function discoverFiles(root: string, options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const rootAbs = resolve(root);
  let rootReal: string;
  try {
    const info = await stat(rootAbs);
    if (!info.isDirectory()) throw new UserError(`not a directory: ${root}`);
    rootReal = await realpath(rootAbs);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`path not found: ${root}`);
    throw new UserError(`cannot read ${root}: ${describeError(error)}`);
  }
  const errors: ScanError[] = [];
  const toolIgnore = ignore()
    .add(DEFAULT_EXCLUDES)
    .add(await readOptionalIgnoreFile(join(rootAbs, IGNORE_FILE), errors))
    .add(normalizePatterns(options.exclude ?? []));
  const include = options.include !== undefined && options.include.length > 0 ? ignore().add(normalizePatterns(options.include)) : undefined;
  const discovery = new Discovery(
    rootAbs,
    rootReal,
    toolIgnore,
    include,
    options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    options.followSymlinks ?? true,
    await outerIgnoreLayers(rootReal),
  );
  const result = await discovery.run();
  if (errors.length > 0) result.errors = [...errors, ...result.errors].sort(byPath((e) => e.file ?? ''));
  return result;
}
