import type { ts as TS } from 'ts-morph';
import { ts } from '../morph.js';
import { scanTrivia } from './lexer.js';
import type { DiscoveredFile } from '../discovery/types.js';
import type { ModuleResolver } from './resolve.js';
import { EXPORTS_DATA_FETCHING, ServerDataUses } from './next-data.js';

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
  /** Kept in the server build, dropped from the browser's (see next-data.ts). */
  serverOnly?: boolean;
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
  /** The browser build drops it: a Next.js page imports it only for its data-fetching exports. */
  serverOnly?: boolean;
}

/**
 * Import specifiers of one script, from text. Comments are blanked first so examples in them don't count.
 * `typed` says the script is TypeScript, whose compilers (tsc, SWC, Babel, esbuild) drop an import whose
 * bindings are all used only as types even without the `type` keyword.
 */
export function scanImports(code: string, typed = false, jsx = false): RawImport[] {
  return importsIn(stripComments(code), typed, jsx);
}

/** `scanImports` for a block lexed once for the graph and the environments alike. */
export function scanBlockImports(block: { code: string }, typed = false, jsx = false, page = false): RawImport[] {
  const text = blankedOf(block).comments;
  const out = importsIn(text, typed, jsx);
  // JavaScript pages hold JSX whatever their extension, and TSX parsing reads plain JS the same.
  return page && EXPORTS_DATA_FETCHING.test(text) ? withServerOnly(out, text, jsx || !typed) : out;
}

/**
 * Each value import of a Next.js page that exports `getServerSideProps` & co. learns, when asked,
 * whether only those use it. Settled by one parse of the page, and only when reachability walks it.
 */
function withServerOnly(imports: RawImport[], text: string, jsx: boolean): RawImport[] {
  const clauses = new Map<string, string[]>();
  for (const m of text.matchAll(IMPORT_FROM)) if (m[1] === 'import' && !m[2]) clauses.set(m[4]!, [...(clauses.get(m[4]!) ?? []), ...importedNames(m[3] ?? '')]);
  let index: ServerDataUses | undefined;
  return imports.map((raw) => {
    const names = clauses.get(raw.specifier);
    if (!names || names.length === 0) return raw;
    let settled: boolean | undefined;
    // No spread: it would read, and so settle, a lazy `typeOnly`.
    const entry = { specifier: raw.specifier, get typeOnly() { return raw.typeOnly; } };
    return Object.defineProperty(entry, 'serverOnly', {
      enumerable: true,
      get: () => (settled ??= (index ??= new ServerDataUses(text, jsx)).onlyRemoved(names)),
    });
  });
}

function importsIn(text: string, typed: boolean, jsx: boolean): RawImport[] {
  const out: RawImport[] = [];
  let typeUses: TypeUseIndex | undefined;
  let uses: WordUses | undefined;
  for (const m of text.matchAll(IMPORT_FROM)) {
    const clause = m[3] ?? '';
    // Only `export … from` and `import … from` forms reach here; a plain `export const x = …` has no `from`.
    if (m[1] === 'export' && !/^(\*|\{)/.test(clause.trim())) continue;
    const specifier = m[4]!;
    const typeOnly = Boolean(m[2]) || allSpecifiersAreTypes(clause);
    if (!typeOnly && typed && m[1] === 'import') {
      const names = importedNames(clause);
      uses ??= new WordUses(text, jsx);
      const found = names.map((n) => uses!.of(n, m.index!, m.index! + m[0].length));
      // A name never used outside its import is not "only types" either; no parse needed to say so.
      if (names.length > 0 && found.every((u) => u === 'unclear')) {
        // Settled by a parse, and only when something asks: most edges of a big tree are never
        // walked for reachability, and parsing every file with such an import was a sixth of a scan.
        let settled: boolean | undefined;
        out.push({
          specifier,
          get typeOnly() {
            return (settled ??= (typeUses ??= new TypeUseIndex(text, jsx)).onlyTypes(names));
          },
        });
        continue;
      }
    }
    out.push({ specifier, typeOnly });
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
 * A quick text test that settles most imports without a parse: a name that is called, constructed,
 * has a member read or, in TSX, opens an element (`x(`, `new X`, `x.y`, `<X />`) outside its import
 * is used as a value; a name that does not
 * occur outside its import at all is not used only as a type. Only the names left unclear are checked
 * on the syntax tree. Uses are found with `indexOf`: a regular expression per imported name, and then
 * an index of every word of every file, were each a large share of a big tree's scan.
 */
const CALL_OR_MEMBER = /\s*[(.]/y;
const WORD_CHAR = /[\w$]/;

class WordUses {
  constructor(
    private readonly text: string,
    private readonly jsx: boolean,
  ) {}

  /**
   * `<X …>`, `<X/>`, `<X.Y>` in TSX: an element, so X is a value. A type argument follows a name
   * (`Array<X>`, `useState<X>()`), and TSX has no `<X>expr` casts; a component imported for JSX was
   * the commonest import this text test left to a parse.
   */
  private opensElement(at: number, end: number): boolean {
    const text = this.text;
    if (!this.jsx || text[at - 1] !== '<' || !/[\s/>.]/.test(text[end] ?? '')) return false;
    let k = at - 2;
    while (k >= 0 && /\s/.test(text[k]!)) k--;
    if (k < 0 || !/[\w$.)\]]/.test(text[k]!)) return true;
    // `return <X />`: a keyword, not a name taking type arguments.
    return /(?:^|[^\w$.])(?:return|yield|await|default|case)$/.test(text.slice(Math.max(0, k - 8), k + 1));
  }

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
      if (constructed || CALL_OR_MEMBER.test(text) || this.opensElement(at, at + name.length)) return 'value';
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

  /** `jsx` false parses as .ts, where `<X>expr` is a cast (a type use), not an element. */
  constructor(code: string, jsx: boolean) {
    const sf = ts.createSourceFile(jsx ? 'x.tsx' : 'x.ts', code, ts.ScriptTarget.Latest, true, jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: TS.Node): void => {
      if (ts.isImportDeclaration(node)) return;
      if (ts.isIdentifier(node)) {
        const count = this.uses.get(node.text) ?? { type: 0, value: 0 };
        // TypeScript's own test: annotations, type arguments, `implements`, interface `extends`.
        if (ts.isPartOfTypeNode(node) && !injected(node)) count.type++;
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

/**
 * The type of a constructor parameter of a decorated class: `constructor(private rooms: RoomsService)`
 * in a NestJS or Angular class. The decorator metadata both need for injection keeps the class as a
 * value, so the import stays, and the instance is how the class calls the module.
 */
function injected(id: TS.Identifier): boolean {
  const ref = id.parent;
  if (!ts.isTypeReferenceNode(ref) || ref.typeName !== id) return false;
  const param = ref.parent;
  if (!ts.isParameter(param) || param.type !== ref || !ts.isConstructorDeclaration(param.parent)) return false;
  const cls = param.parent.parent;
  return (ts.isClassDeclaration(cls) || ts.isClassExpression(cls)) && (ts.getDecorators(cls)?.length ?? 0) > 0;
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

/** `lex` gives each file's specifiers (lexed.ts); the model passes one that lexes each file once. */
export function buildImportGraph(files: readonly DiscoveredFile[], resolver: ModuleResolver, lex: (file: DiscoveredFile) => ReadonlyArray<{ imports: readonly RawImport[] }>): ImportGraph {
  const imports = new Map<string, ImportEdge[]>();
  const importers = new Map<string, ImportEdge[]>();
  for (const file of files) {
    if (file.blocks.length === 0) continue;
    const edges: ImportEdge[] = [];
    for (const block of lex(file)) {
      for (const raw of block.imports) {
        const to = resolver.resolve(file.path, raw.specifier);
        // `typeOnly` read through, so a lazily settled import stays unsettled until walked.
        edges.push({
          from: file.path,
          specifier: raw.specifier,
          get typeOnly() {
            return raw.typeOnly;
          },
          get serverOnly() {
            return raw.serverOnly === true;
          },
          ...(to ? { to } : {}),
        });
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
