import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { DiscoveryResult } from '../discovery/types.js';

/**
 * The scan cache (`scan --cache`): what the analysis produced for a tree, reused while nothing it
 * could have read has changed. The analysis is whole-program (the import graph decides which
 * files are client code, the inventory links instances across files, several rules sweep every
 * file's text), so the unit reused is the whole analysis, never a file's share of it: a result
 * pieced together from parts computed against different neighbours could differ from a cold scan,
 * and the cache must never change a finding. Files are still listed and read every time (that is
 * the floor), so a hit costs reading and hashing the tree, not parsing it.
 *
 * The key is the tool version, a hash of the code that produces the analysis (so a rebuilt or
 * locally patched tool never serves what an older build computed under the same version), the
 * rule set with its options, and the content hash of every file the scan considers (with its path
 * and kind). A cache file that is not ours, is truncated or was
 * edited is ignored with one warning and rewritten; it never fails a scan.
 */

/** Bump when the stored shape or what the analysis stores changes. */
const CACHE_VERSION = 3;
const FORMAT = 'pusher-advisor-cache';
/** The file written inside a `--cache-location` directory, as ESLint and Prettier name theirs. */
export const CACHE_FILE_NAME = '.pusher-advisor-cache.json';

const envelopeSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.number().int(),
  config: z.string(),
  tree: z.string(),
  /** sha256 of `analysis` and `lexed`: a truncated or edited file is caught before anything reads it. */
  checksum: z.string(),
  /** The analysis as JSON text, so the checksum covers exactly what is parsed. */
  analysis: z.string(),
  /**
   * Every file's content hash and a source file's lexed facts (lexed.ts), as JSON `[path, hash,
   * facts | null][]`: reused file by file when the tree changed, so a re-scan lexes only the files
   * whose content did, and knows which files changed.
   */
  lexed: z.string(),
});

/** What a file's content hash vouches for: its lexed facts (the cache stores them opaquely). */
export interface StoredFile<L> {
  hash: string;
  /** null for a file without script blocks (nothing to lex). */
  lex: L | null;
}

const checksumOf = (analysis: string, lexed: string): string => sha256(`${analysis}\0${lexed}`);

export interface CacheKeyInput {
  toolVersion: string;
  /** {@link analysingCodeDigest}: the version alone misses a rebuild or a patch between releases. */
  code: string;
  ruleIds: readonly string[];
  ruleOptions: Readonly<Record<string, unknown>>;
  knownRuleIds: readonly string[];
  prefilter: boolean;
}

/** JSON with object keys sorted, so the same options written in another order make the same key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What, besides the files, decides the analysis: the tool, the rules that run and their options. */
export function configKey(input: CacheKeyInput): string {
  return sha256(
    stableJson({
      cache: CACHE_VERSION,
      tool: input.toolVersion,
      code: input.code,
      rules: [...input.ruleIds].sort(),
      options: input.ruleOptions,
      known: [...input.knownRuleIds].sort(),
      prefilter: input.prefilter,
    }),
  );
}

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The folders holding the code as it runs: `src/` and `rules/` of `dist/` when built, of the
 * package root under tests; in the bundled CLI this module is part of `dist/bundle/main.js`, which
 * holds all of it (src/cli/bundle.ts).
 */
const bundled = !/[\\/]engine$/.test(here);
const codeRoot = bundled ? here : join(here, '..', '..');
const codeDirs = bundled ? [codeRoot] : ['src', 'rules'].map((top) => join(codeRoot, top));

function codeFiles(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    // Fixtures are rule tests' input, not code the scan runs (and never compiled to dist/).
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') codeFiles(path, out);
    } else if (/\.(?:js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path);
  }
}

let codeDigest: string | undefined;

/**
 * SHA-256 over the path and content of every module of the tool's own `src/` and `rules/` (the
 * engine, the inventory, every rule): computed once per process, and only when `--cache` is on
 * (a few hundred small files, milliseconds). Reporters and templates live there too and are
 * hashed with the rest: a false miss costs one full analysis, a false hit could serve stale findings.
 */
export function analysingCodeDigest(): string {
  if (codeDigest !== undefined) return codeDigest;
  const files: string[] = [];
  for (const dir of codeDirs) codeFiles(dir, files);
  files.sort();
  const hash = createHash('sha256');
  for (const f of files) {
    const content = readFileSync(f);
    hash.update(`${f.slice(codeRoot.length)}\0${content.length}\0`).update(content);
  }
  codeDigest = hash.digest('hex');
  return codeDigest;
}

/** The SHA-256 of every discovered file's text, by path. */
export function fileHashes(discovery: DiscoveryResult): Map<string, string> {
  return new Map(discovery.files.map((f) => [f.path, sha256(f.text)]));
}

/** Every file the analysis may read, by path, kind and content: any change to any of them is a miss. */
export function treeDigest(discovery: DiscoveryResult, hashes = fileHashes(discovery)): string {
  const hash = createHash('sha256');
  for (const f of discovery.files) hash.update(`${f.path}\0${f.kind}\0${hashes.get(f.path)}\n`);
  return hash.digest('hex');
}

/** `--cache-location` may name a directory (existing, or written with a trailing slash) or a file. */
export async function cacheFilePath(location: string): Promise<string> {
  const abs = resolve(location);
  if (/[\\/]$/.test(location)) return join(abs, CACHE_FILE_NAME);
  const info = await stat(abs).catch(() => undefined);
  return info?.isDirectory() ? join(abs, CACHE_FILE_NAME) : abs;
}

export class ScanCache<T, L = unknown> {
  private constructor(
    readonly file: string,
    private readonly config: string,
    private readonly stored: z.infer<typeof envelopeSchema> | undefined,
  ) {}

  /**
   * Opens the cache file. A missing file is an empty cache; one that is unreadable, not ours or
   * corrupt is one warning and an empty cache (it is overwritten after the scan).
   */
  static async open<T, L = unknown>(file: string, config: string, warn: (message: string) => void): Promise<ScanCache<T, L>> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read cache file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); scanning without it`);
      return new ScanCache<T, L>(file, config, undefined);
    }
    let envelope: z.infer<typeof envelopeSchema> | undefined;
    try {
      const parsed = envelopeSchema.safeParse(JSON.parse(text));
      if (parsed.success && checksumOf(parsed.data.analysis, parsed.data.lexed) === parsed.data.checksum) envelope = parsed.data;
    } catch {
      // Not JSON: handled below like any other file that is not a cache of ours.
    }
    if (envelope === undefined) warn(`ignoring cache file ${file}: not a ${FORMAT} file or corrupt; it will be rewritten`);
    return new ScanCache<T, L>(file, config, envelope);
  }

  /** The stored analysis when it was made by this configuration from exactly this tree. */
  lookup(tree: string): T | undefined {
    const s = this.ours();
    if (s === undefined || s.tree !== tree) return undefined;
    return JSON.parse(s.analysis) as T;
  }

  /**
   * The files an earlier scan by this configuration lexed, whatever the tree was then: each entry
   * is valid for a file whose content hash is still the one stored with it.
   */
  storedFiles(): Map<string, StoredFile<L>> {
    const s = this.ours();
    if (s === undefined) return new Map();
    return new Map((JSON.parse(s.lexed) as Array<[string, string, L | null]>).map(([path, hash, lex]) => [path, { hash, lex }]));
  }

  /** The analysis an earlier scan by this configuration stored, whatever tree it was of. */
  storedAnalysis(): T | undefined {
    const s = this.ours();
    return s === undefined ? undefined : (JSON.parse(s.analysis) as T);
  }

  private ours(): z.infer<typeof envelopeSchema> | undefined {
    const s = this.stored;
    return s !== undefined && s.version === CACHE_VERSION && s.config === this.config ? s : undefined;
  }

  /**
   * Writes the analysis for this tree, replacing the file in one rename so a scan interrupted
   * mid-write leaves the old cache or the new one, never half of each. Returns a warning instead
   * of throwing: a cache that cannot be written costs the next scan time, not this one its result.
   */
  async store(tree: string, analysis: T, hashes: ReadonlyMap<string, string>, files: ReadonlyMap<string, StoredFile<L>>): Promise<string | undefined> {
    const text = JSON.stringify(analysis);
    const lexed = JSON.stringify([...hashes].map(([path, hash]) => [path, hash, files.get(path)?.lex ?? null]));
    const envelope: z.infer<typeof envelopeSchema> = { format: FORMAT, version: CACHE_VERSION, config: this.config, tree, checksum: checksumOf(text, lexed), analysis: text, lexed };
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(temp, JSON.stringify(envelope));
      await rename(temp, this.file);
      return undefined;
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      return `cannot write cache file ${this.file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
}
