import { posix } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { ts as TS } from 'ts-morph';
import { ts } from '../morph.js';
import { scanTrivia } from './lexer.js';
import type { DiscoveredFile } from '../engine/discovery.js';

/**
 * A cheap import graph over every discovered source file, built from text without parsing, so the
 * scanner can tell which files ship to the browser and which files to parse at all.
 */

export interface ImportEdge {
  from: string;
  specifier: string;
  /** Repo-relative path of the imported file when it is in the scanned tree. */
  to?: string;
  /** `import type`, `export type … from` and imports whose specifiers are all `type`: erased at build time. */
  typeOnly: boolean;
}

export interface ImportGraph {
  imports: Map<string, ImportEdge[]>;
  importers: Map<string, ImportEdge[]>;
}

const IMPORT_FROM = /\b(import|export)\s+(type\s+)?([^;'"`]*?)\s*from\s*['"]([^'"\n]+)['"]/g;
const SIDE_EFFECT_IMPORT = /(?:^|[;\n])\s*import\s*['"]([^'"\n]+)['"]/g;
const REQUIRE_OR_DYNAMIC = /\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

export interface RawImport {
  specifier: string;
  typeOnly: boolean;
}

/**
 * Import specifiers of one script, from text. Comments are blanked first so examples in them don't count.
 * `typed` says the script is TypeScript, whose compilers (tsc, SWC, Babel, esbuild) drop an import whose
 * bindings are all used only as types even without the `type` keyword.
 */
export function scanImports(code: string, typed = false): RawImport[] {
  return importsIn(stripComments(code), typed);
}

/** `scanImports` for a block lexed once for the graph and the environments alike. */
export function scanBlockImports(block: { code: string }, typed = false): RawImport[] {
  return importsIn(blankedOf(block).comments, typed);
}

function importsIn(text: string, typed: boolean): RawImport[] {
  const out: RawImport[] = [];
  let typeUses: TypeUseIndex | undefined;
  let uses: WordUses | undefined;
  for (const m of text.matchAll(IMPORT_FROM)) {
    const clause = m[3] ?? '';
    // Only `export … from` and `import … from` forms reach here; a plain `export const x = …` has no `from`.
    if (m[1] === 'export' && !/^(\*|\{)/.test(clause.trim())) continue;
    let typeOnly = Boolean(m[2]) || allSpecifiersAreTypes(clause);
    if (!typeOnly && typed && m[1] === 'import') {
      const names = importedNames(clause);
      uses ??= new WordUses(text);
      const found = names.map((n) => uses!.of(n, m.index!, m.index! + m[0].length));
      // A name never used outside its import is not "only types" either; no parse needed to say so.
      if (names.length > 0 && found.every((u) => u === 'unclear')) {
        typeUses ??= new TypeUseIndex(text);
        typeOnly = typeUses.onlyTypes(names);
      }
    }
    out.push({ specifier: m[4]!, typeOnly });
  }
  for (const m of text.matchAll(SIDE_EFFECT_IMPORT)) out.push({ specifier: m[1]!, typeOnly: false });
  for (const m of text.matchAll(REQUIRE_OR_DYNAMIC)) out.push({ specifier: m[1]!, typeOnly: false });
  return out;
}

function allSpecifiersAreTypes(clause: string): boolean {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const items = braces[1]!.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length > 0 && items.every((s) => s.startsWith('type '));
}

/** Local names an import clause binds at runtime (`type` specifiers excluded): `A`, `* as B`, `{ c, d as e }`. */
function importedNames(clause: string): string[] {
  const m = /^\s*([A-Za-z_$][\w$]*)?\s*,?\s*(?:\*\s*as\s+([A-Za-z_$][\w$]*)|\{([^}]*)\})?\s*$/.exec(clause);
  if (!m) return [];
  const names: string[] = [];
  if (m[1]) names.push(m[1]);
  if (m[2]) names.push(m[2]);
  for (const item of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item.startsWith('type ')) continue;
    const local = /(?:\bas\s+)?([A-Za-z_$][\w$]*)$/.exec(item)?.[1];
    if (!local) return [];
    names.push(local);
  }
  return names;
}

/**
 * A quick text test that settles most imports without a parse: a name that is called, constructed or
 * has a member read (`x(`, `new X`, `x.y`) outside its import is used as a value; a name that does not
 * occur outside its import at all is not used only as a type. Only the names left unclear are checked
 * on the syntax tree. Uses are found with `indexOf`: a regular expression per imported name, and then
 * an index of every word of every file, were each a large share of a big tree's scan.
 */
const CALL_OR_MEMBER = /\s*[(.]/y;
const WORD_CHAR = /[\w$]/;

class WordUses {
  constructor(private readonly text: string) {}

  /** Where `name` occurs as a whole word (as `/[\w$]+/g` would match it): indexOf, no index of every word. */
  private *occurrences(name: string): Generator<number> {
    const text = this.text;
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      if (at > 0 && WORD_CHAR.test(text[at - 1]!)) continue;
      const after = text[at + name.length];
      if (after !== undefined && WORD_CHAR.test(after)) continue;
      yield at;
    }
  }

  of(name: string, importStart: number, importEnd: number): 'value' | 'unused' | 'unclear' {
    const text = this.text;
    let seen = false;
    for (const at of this.occurrences(name)) {
      // `new X`: the use starts at `new` (a word of its own, followed by white space).
      let start = at;
      let k = at - 1;
      while (k >= 0 && /\s/.test(text[k]!)) k--;
      const constructed = k < at - 1 && k >= 2 && text.startsWith('new', k - 2) && !/[\w$]/.test(text[k - 3] ?? '');
      if (constructed) start = k - 2;
      if (start >= importStart && start < importEnd) continue;
      seen = true;
      // `obj.name` or `Ns.Name` (which may be a type) is no value use of the import.
      if (text[start - 1] === '.') continue;
      CALL_OR_MEMBER.lastIndex = at + name.length;
      if (constructed || CALL_OR_MEMBER.test(text)) return 'value';
    }
    return seen ? 'unclear' : 'unused';
  }
}

/**
 * How often each identifier of a TypeScript script occurs in a type position and elsewhere, from one
 * parse without a type checker.
 */
class TypeUseIndex {
  private readonly uses = new Map<string, { type: number; value: number }>();

  constructor(code: string) {
    const sf = ts.createSourceFile('x.tsx', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const visit = (node: TS.Node): void => {
      if (ts.isImportDeclaration(node)) return;
      if (ts.isIdentifier(node)) {
        const count = this.uses.get(node.text) ?? { type: 0, value: 0 };
        // TypeScript's own test: annotations, type arguments, `implements`, interface `extends`.
        if (ts.isPartOfTypeNode(node)) count.type++;
        else count.value++;
        this.uses.set(node.text, count);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  /** True when every name occurs, and only in type positions: the compiler drops the import. */
  onlyTypes(names: readonly string[]): boolean {
    return names.every((n) => {
      const c = this.uses.get(n);
      return c !== undefined && c.type > 0 && c.value === 0;
    });
  }
}

/** Replaces comments with spaces (keeping offsets and newlines) using TypeScript's scanner. */
export function stripComments(code: string): string {
  if (!code.includes('/*') && !code.includes('//')) return code;
  return blank(code).comments;
}

/**
 * The code with comments and the text of string and template literals blanked (lines kept), for
 * text checks about what code does: `res.send(\`window.APP = …\`)` on a server mentions `window`
 * but does not use it.
 */
export function stripCommentsAndStrings(code: string): string {
  if (!/['"`]|\/[/*]/.test(code)) return code;
  return blank(code).commentsAndStrings;
}

export interface Blanked {
  /** Comments blanked. */
  comments: string;
  /** Comments and the text of string and template literals blanked. */
  commentsAndStrings: string;
}

/**
 * Both blanked forms of a script block, from one scan, kept for as long as the block lives: the
 * import graph and the environment checks each need them, and scanning every file of a big tree
 * once instead of three times is a large share of a scan.
 */
const blankedByBlock = new WeakMap<object, Blanked>();

export function blankedOf(block: { code: string }): Blanked {
  let hit = blankedByBlock.get(block);
  if (hit === undefined) {
    const code = block.code;
    const comments = code.includes('/*') || code.includes('//');
    hit = comments || /['"`]/.test(code) ? blank(code) : { comments: code, commentsAndStrings: code };
    if (!comments) hit.comments = code;
    blankedByBlock.set(block, hit);
  }
  return hit;
}

/** Spaces for every character but line breaks, so offsets and lines stay put. */
function spaces(text: string): string {
  return /[\n]/.test(text) ? text.replace(/[^\n]/g, ' ') : ' '.repeat(text.length);
}

function blank(code: string): Blanked {
  const comments: string[] = [];
  const both: string[] = [];
  let lastComment = 0;
  let lastBoth = 0;
  scanTrivia(code, (kind, start, end) => {
    const comment = kind === 'comment';
    // Strings keep their delimiters, so the text around them still parses the same way.
    const from = comment ? start : start + 1;
    const to = comment ? end : end - 1;
    if (to <= from) return;
    const blanked = spaces(code.slice(from, to));
    if (comment) {
      comments.push(code.slice(lastComment, from), blanked);
      lastComment = to;
    }
    both.push(code.slice(lastBoth, from), blanked);
    lastBoth = to;
  });
  comments.push(code.slice(lastComment));
  both.push(code.slice(lastBoth));
  return { comments: comments.join(''), commentsAndStrings: both.join('') };
}

/** Offsets of every comment in a script, found by the same scan (template- and regex-aware). */
export function commentRanges(code: string): Array<{ pos: number; end: number }> {
  const out: Array<{ pos: number; end: number }> = [];
  if (!code.includes('/*') && !code.includes('//')) return out;
  scanTrivia(code, (kind, pos, end) => {
    if (kind === 'comment') out.push({ pos, end });
  });
  return out;
}

// ---- Resolution ----

interface PathsConfig {
  dir: string;
  baseUrl: string;
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

export class ModuleResolver {
  private readonly known: Set<string>;
  private readonly configs: PathsConfig[];
  /** Folders holding a package.json, deepest first: where a framework's default aliases point. */
  private readonly packageDirs: string[];
  private readonly cache = new Map<string, string | undefined>();

  constructor(files: readonly DiscoveredFile[]) {
    this.known = new Set(files.map((f) => f.path));
    this.configs = files
      .filter((f) => /(^|\/)(tsconfig|jsconfig)(\.[\w-]+)?\.json$/.test(f.path))
      .map((f) => parsePathsConfig(f))
      .filter((c): c is PathsConfig => c !== undefined)
      // Deepest first, so the nearest config to a file wins.
      .sort((a, b) => b.dir.length - a.dir.length || a.dir.localeCompare(b.dir));
    this.packageDirs = files
      .filter((f) => posix.basename(f.path) === 'package.json')
      .map((f) => posix.dirname(f.path).replace(/^\.$/, ''))
      .sort((a, b) => b.length - a.length || a.localeCompare(b));
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
      if (config.paths.length > 0 && config.baseUrl) {
        const hit = this.probe(posix.join(config.baseUrl, specifier));
        if (hit) return hit;
      }
    }
    // `@/` and `~/` mean the app's own folder: the nearer of its tsconfig and its package.json, so an
    // app scanned from a parent folder (a monorepo, several checkouts) resolves as it does on its own.
    const pkg = this.packageOf(from);
    const base = [config?.dir, pkg].filter((d): d is string => d !== undefined).sort((a, b) => b.length - a.length)[0] ?? '';
    for (const [prefix, targets] of DEFAULT_ALIASES) {
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

function parsePathsConfig(file: DiscoveredFile): PathsConfig | undefined {
  // tsconfig.json allows comments and trailing commas.
  const options = (parseJsonc(file.text, [], { allowTrailingComma: true }) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined)?.compilerOptions;
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
  return { dir, baseUrl: baseUrl === '.' ? '' : baseUrl, paths };
}

export function buildImportGraph(files: readonly DiscoveredFile[], resolver: ModuleResolver): ImportGraph {
  const imports = new Map<string, ImportEdge[]>();
  const importers = new Map<string, ImportEdge[]>();
  for (const file of files) {
    if (file.blocks.length === 0) continue;
    const edges: ImportEdge[] = [];
    for (const block of file.blocks) {
      for (const raw of scanBlockImports(block, (block.lang === 'ts' || block.lang === 'tsx') && block.kind === 'module')) {
        const to = resolver.resolve(file.path, raw.specifier);
        edges.push({ from: file.path, specifier: raw.specifier, typeOnly: raw.typeOnly, ...(to ? { to } : {}) });
      }
    }
    imports.set(file.path, edges);
    for (const edge of edges) {
      if (!edge.to) continue;
      let list = importers.get(edge.to);
      if (!list) importers.set(edge.to, (list = []));
      list.push(edge);
    }
  }
  return { imports, importers };
}
