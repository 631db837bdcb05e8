import { type Dirent, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { UserError } from '../errors.js';
import type { ScanError, SkippedFile } from '../engine/types.js';
import { extractScripts, isServerTemplate } from './extract.js';
import { DEFAULT_EXCLUDES, IGNORE_FILE, type IgnoreLayer, normalizePatterns, outerIgnoreLayers, readOptionalIgnoreFile } from './ignore.js';
import { DEFAULT_MAX_FILE_BYTES, decodeSource, describeError, errorCode, formatLimit, formatSize, readRegularFile } from './read.js';
import type { DiscoveredFile, DiscoveryOptions, DiscoveryResult, FileKind, ScriptBlock } from './types.js';


const KIND_BY_EXTENSION = new Map<string, FileKind>([
  ...['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'].map((e): [string, FileKind] => [e, 'source']),
  ['.vue', 'component'],
  ['.svelte', 'component'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.json', 'json'],
  ['.yml', 'yaml'],
  ['.yaml', 'yaml'],
  // Read for the columns of whole records (analysis/prisma-schema.ts), never scanned as code.
  ['.prisma', 'prisma'],
]);

function fileKind(name: string): FileKind | undefined {
  const lower = name.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) return 'env';
  if (isServerTemplate(lower)) return 'html';
  const dot = lower.lastIndexOf('.');
  return dot > 0 ? KIND_BY_EXTENSION.get(lower.slice(dot)) : undefined;
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

function byPath<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

class Discovery {
  private readonly candidates: Candidate[] = [];
  private readonly files: DiscoveredFile[] = [];
  private readonly skipped: SkippedFile[] = [];
  private readonly errors: ScanError[] = [];
  private readonly visitedDirs = new Set<string>();
  private readonly pendingDirLinks: PendingDirLink[] = [];
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

  run(): DiscoveryResult {
    this.visitedDirs.add(this.rootReal);
    this.walkDir(this.root, this.rootReal, '', this.outerLayers);
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
      this.walkDir(link.abs, link.real, link.rel, link.layers);
    }
    this.candidates.sort(byPath((c) => c.rel));
    this.readCandidates();
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

  /**
   * Synchronous, like the reads: on a tree in the page cache a blocking readdir costs a fraction
   * of a thread-pool round trip, and the walk of 10,000 files is a tenth of the scan's time.
   */
  private walkDir(abs: string, real: string, rel: string, parentLayers: readonly IgnoreLayer[]): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      if (rel === '') throw new UserError(`cannot read ${this.root}: ${describeError(error)}`);
      this.fail(rel, 'cannot read directory', error);
      return;
    }
    const layers = this.withGitignore(abs, rel, entries, parentLayers);
    for (const entry of entries) {
      const name = entry.name;
      if (name === '.git') continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const childAbs = join(abs, name);
      if (entry.isDirectory()) {
        const childReal = join(real, name);
        if (this.visitedDirs.has(childReal) || this.isExcluded(childRel, true, layers)) continue;
        this.visitedDirs.add(childReal);
        this.walkDir(childAbs, childReal, childRel, layers);
      } else if (entry.isFile()) {
        this.considerFile(childRel, childAbs, name, layers);
      } else if (entry.isSymbolicLink() && this.followSymlinks) {
        this.visitLink(childAbs, childRel, name, layers);
      }
    }
  }

  private withGitignore(abs: string, rel: string, entries: readonly Dirent[], layers: readonly IgnoreLayer[]): readonly IgnoreLayer[] {
    const entry = entries.find((e) => e.name === '.gitignore');
    if (entry === undefined || entry.isDirectory()) return layers;
    const file = rel === '' ? '.gitignore' : `${rel}/.gitignore`;
    try {
      const patterns = readFileSync(join(abs, '.gitignore'), 'utf8');
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

  private visitLink(abs: string, rel: string, name: string, layers: readonly IgnoreLayer[]): void {
    let real: string;
    try {
      real = realpathSync(abs);
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
      const target = statSync(real);
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

  private readCandidates(): void {
    for (const candidate of this.candidates) this.readCandidate(candidate);
  }

  private readCandidate({ rel, abs, kind }: Candidate): void {
    try {
      const read = readRegularFile(abs, this.maxFileBytes);
      if (read.bytes !== undefined) this.accept(rel, abs, kind, read.bytes);
      else if (read.size !== undefined) {
        this.skip(rel, `larger than ${formatLimit(this.maxFileBytes)} (${formatSize(read.size)})`);
      }
    } catch (error) {
      this.fail(rel, 'cannot read file', error);
    }
  }

  private accept(rel: string, abs: string, kind: FileKind, bytes: Buffer): void {
    const decoded = decodeSource(bytes);
    if ('skip' in decoded) {
      this.skip(rel, decoded.skip);
      return;
    }
    const { text } = decoded;
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
  const result = discovery.run();
  if (errors.length > 0) result.errors = [...errors, ...result.errors].sort(byPath((e) => e.file ?? ''));
  return result;
}
