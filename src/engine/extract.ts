import { extname } from 'node:path';

export type ScriptLang = 'ts' | 'tsx' | 'js' | 'jsx';

export interface ScriptBlock {
  /** The script text exactly as in the file (no trimming), so positions map back. */
  code: string;
  lang: ScriptLang;
  /** 1-based line in the original file where `code` starts. */
  startLine: number;
  /** 1-based column (UTF-16 code units) in the original file of `code`'s first character. */
  startColumn: number;
  kind: 'module' | 'script' | 'script-setup' | 'svelte-module' | 'inline';
}

export interface ExtractResult {
  blocks: ScriptBlock[];
  /** `<script src>` URLs of an HTML file, in document order. */
  scriptSrcs: string[];
}

type Dialect = 'html' | 'vue' | 'svelte';

const WHOLE_FILE_LANG = new Map<string, ScriptLang>([
  ['.ts', 'ts'],
  ['.mts', 'ts'],
  ['.cts', 'ts'],
  ['.tsx', 'tsx'],
  ['.js', 'js'],
  ['.mjs', 'js'],
  ['.cjs', 'js'],
  ['.jsx', 'jsx'],
]);

const MARKUP_DIALECT = new Map<string, Dialect>([
  ['.vue', 'vue'],
  ['.svelte', 'svelte'],
  ['.html', 'html'],
  ['.htm', 'html'],
]);

/**
 * Splits a file into the script blocks the analyser parses. Pure (no I/O).
 *
 * TS/JS files are one block. In .vue, .svelte and .html files each `<script>` with inline code in
 * a JS or TS dialect is a block; whitespace-only scripts and scripts in other languages
 * (`lang="coffee"`, `type="application/json"`, …) are left out. Line numbers count line breaks
 * as TypeScript does (`\n`, `\r\n`, lone `\r`, U+2028, U+2029), so a position that ts-morph
 * reports inside `code` maps back by offsetting with `startLine`/`startColumn`.
 */
export function extractScripts(path: string, text: string): ExtractResult {
  const ext = extname(path).toLowerCase();
  const lang = WHOLE_FILE_LANG.get(ext);
  if (lang !== undefined) {
    return { blocks: [{ code: text, lang, startLine: 1, startColumn: 1, kind: 'module' }], scriptSrcs: [] };
  }
  const dialect = MARKUP_DIALECT.get(ext);
  if (dialect === undefined) return { blocks: [], scriptSrcs: [] };
  return new MarkupExtractor(text, dialect).run();
}

interface StartTag {
  name: string;
  /** Lower-cased attribute names; a valueless attribute maps to ''. The first of duplicates wins, as in HTML. */
  attrs: Map<string, string>;
  /** Offset just past the tag's `>`. */
  end: number;
  selfClosing: boolean;
}

/** Elements whose content the HTML tokenizer reads as text, so a `<script>` inside is not a script. */
const HTML_RAW_TEXT = new Set(['style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

/** The JavaScript MIME types of the HTML standard; a `type` with parameters is not one of them. */
const HTML_JS_TYPES = new Set([
  '',
  'module',
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

/** Not run by the browser, but by in-page Babel (common in CDN demos): JSX is likely. */
const HTML_JSX_TYPES = new Set(['text/babel', 'text/jsx']);

const COMPONENT_LANG = new Map<string, ScriptLang>([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['text/typescript', 'ts'],
  ['application/typescript', 'ts'],
  ['tsx', 'tsx'],
  ['js', 'js'],
  ['javascript', 'js'],
  ['jsx', 'jsx'],
]);

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === LF || c === CR || c === 0x0c;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const closeTagPatterns = new Map<string, RegExp>();

function closeTagPattern(name: string): RegExp {
  let re = closeTagPatterns.get(name);
  if (re === undefined) {
    re = new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s/>]`, 'gi');
    closeTagPatterns.set(name, re);
  }
  return re;
}

class MarkupExtractor {
  private readonly blocks: ScriptBlock[] = [];
  private readonly scriptSrcs: string[] = [];
  private readonly n: number;
  // Blocks are found in document order, so line counting resumes where it stopped.
  private lineOffset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly dialect: Dialect,
  ) {
    this.n = text.length;
  }

  run(): ExtractResult {
    const { text, n, dialect } = this;
    let pos = 0;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (dialect === 'svelte' && c === LBRACE) {
        pos = this.skipBraces(pos);
        continue;
      }
      if (c !== LT) {
        pos++;
        continue;
      }
      const next = text.charCodeAt(pos + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        pos = this.skipCommentLike(pos);
      } else if (next === SLASH && isAsciiLetter(text.charCodeAt(pos + 2))) {
        pos = this.skipEndTag(pos);
      } else if (isAsciiLetter(next)) {
        const tag = this.readStartTag(pos);
        pos = this.afterStartTag(tag);
      } else {
        pos++;
      }
    }
    return { blocks: this.blocks, scriptSrcs: this.scriptSrcs };
  }

  private afterStartTag(tag: StartTag): number {
    const selfClosed = tag.selfClosing && this.dialect !== 'html';
    if (tag.name === 'script') return this.script(tag, selfClosed);
    if (selfClosed) return tag.end;
    switch (this.dialect) {
      case 'html':
        if (tag.name === 'plaintext') return this.n;
        return HTML_RAW_TEXT.has(tag.name) ? this.skipRawText(tag.name, tag.end) : tag.end;
      case 'svelte':
        return tag.name === 'style' ? this.skipRawText('style', tag.end) : tag.end;
      case 'vue':
        // Every top-level SFC block but <template> is raw text to its end tag (custom blocks too).
        return tag.name === 'template' ? this.skipVueTemplate(tag.end) : this.skipRawText(tag.name, tag.end);
    }
  }

  private script(tag: StartTag, selfClosed: boolean): number {
    const contentEnd = selfClosed ? tag.end : this.findEndTag('script', tag.end);
    const after = selfClosed || contentEnd === this.n ? contentEnd : this.skipEndTag(contentEnd);
    const src = tag.attrs.get('src');
    if (src !== undefined) {
      const url = decodeEntities(src).trim();
      if (this.dialect === 'html' && url !== '') this.scriptSrcs.push(url);
      return after;
    }
    const code = this.text.slice(tag.end, contentEnd);
    if (code.trim() === '') return after;
    const typed = this.dialect === 'html' ? htmlScriptLang(tag) : componentScriptLang(tag);
    if (typed === undefined) return after;
    const { line, column } = this.position(tag.end);
    this.blocks.push({ code, lang: typed, startLine: line, startColumn: column, kind: this.scriptKind(tag) });
    return after;
  }

  private scriptKind(tag: StartTag): ScriptBlock['kind'] {
    switch (this.dialect) {
      case 'html':
        return 'inline';
      case 'vue':
        return tag.attrs.has('setup') ? 'script-setup' : 'script';
      case 'svelte':
        return tag.attrs.get('context')?.toLowerCase() === 'module' || tag.attrs.has('module') ? 'svelte-module' : 'script';
    }
  }

  private position(offset: number): { line: number; column: number } {
    const { text } = this;
    let { line, lineStart } = this;
    for (let i = this.lineOffset; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === 0x2028 || c === 0x2029 || (c === CR && text.charCodeAt(i + 1) !== LF)) {
        line++;
        lineStart = i + 1;
      }
    }
    this.lineOffset = offset;
    this.line = line;
    this.lineStart = lineStart;
    return { line, column: offset - lineStart + 1 };
  }

  /** `<!-- -->` comments, and `<!…>` / `<?…>` (doctype, CDATA, processing instructions) up to `>`. */
  private skipCommentLike(pos: number): number {
    const { text, n } = this;
    if (text.startsWith('<!--', pos)) {
      // `<!-->` and `<!--->` close at once in HTML.
      if (text.charCodeAt(pos + 4) === GT) return pos + 5;
      if (text.startsWith('->', pos + 4)) return pos + 6;
      const end = text.indexOf('-->', pos + 4);
      return end < 0 ? n : end + 3;
    }
    const end = text.indexOf('>', pos + 2);
    return end < 0 ? n : end + 1;
  }

  private skipEndTag(pos: number): number {
    // End tags may carry (ignored) attributes, whose quoted values can hold `>`.
    return this.readStartTag(pos + 1).end;
  }

  /** Where raw text ends: the offset of `</name`, or the end of the file. */
  private findEndTag(name: string, from: number): number {
    const re = closeTagPattern(name);
    re.lastIndex = from;
    const m = re.exec(this.text);
    return m === null ? this.n : m.index;
  }

  private skipRawText(name: string, from: number): number {
    const end = this.findEndTag(name, from);
    return end === this.n ? end : this.skipEndTag(end);
  }

  /** Skips a top-level Vue `<template>` block, counting nested `<template>`s. */
  private skipVueTemplate(from: number): number {
    const { text, n } = this;
    let depth = 1;
    let pos = from;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === LBRACE && text.charCodeAt(pos + 1) === LBRACE) {
        const end = text.indexOf('}}', pos + 2);
        pos = end < 0 ? n : end + 2;
        continue;
      }
      if (c !== LT) {
        pos++;
        continue;
      }
      const next = text.charCodeAt(pos + 1);
      if (next === 0x21 || next === 0x3f) {
        pos = this.skipCommentLike(pos);
      } else if (next === SLASH && isAsciiLetter(text.charCodeAt(pos + 2))) {
        const tag = this.readStartTag(pos + 1);
        pos = tag.end;
        if (tag.name === 'template' && --depth === 0) return pos;
      } else if (isAsciiLetter(next)) {
        const tag = this.readStartTag(pos);
        pos = tag.end;
        if (tag.selfClosing) continue;
        if (tag.name === 'template') depth++;
        else if (tag.name === 'script' || tag.name === 'style') pos = this.skipRawText(tag.name, pos);
      } else {
        pos++;
      }
    }
    return n;
  }

  /** Reads a tag from its `<` (or, for an end tag, from its `/`). */
  private readStartTag(pos: number): StartTag {
    const { text, n } = this;
    let i = pos + 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isWhitespace(c) || c === SLASH || c === GT) break;
      i++;
    }
    const name = text.slice(pos + 1, i).toLowerCase();
    const attrs = new Map<string, string>();
    let selfClosing = false;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      if (c === GT) return { name, attrs, end: i + 1, selfClosing };
      if (c === SLASH) {
        i++;
        selfClosing = text.charCodeAt(i) === GT;
        continue;
      }
      selfClosing = false;
      if (this.dialect === 'svelte' && c === LBRACE) {
        i = this.skipBraces(i);
        continue;
      }
      const nameStart = i;
      i++; // a leading `=` belongs to the name, per the HTML tokenizer
      while (i < n) {
        c = text.charCodeAt(i);
        if (isWhitespace(c) || c === SLASH || c === GT || c === EQUALS) break;
        i++;
      }
      const attrName = text.slice(nameStart, i).toLowerCase();
      while (i < n && isWhitespace(text.charCodeAt(i))) i++;
      let value = '';
      if (text.charCodeAt(i) === EQUALS) {
        i++;
        while (i < n && isWhitespace(text.charCodeAt(i))) i++;
        const q = text.charCodeAt(i);
        if (q === 0x22 || q === 0x27) {
          const end = text.indexOf(q === 0x22 ? '"' : "'", i + 1);
          const stop = end < 0 ? n : end;
          value = text.slice(i + 1, stop);
          i = stop + 1;
        } else if (this.dialect === 'svelte' && q === LBRACE) {
          const end = this.skipBraces(i);
          value = text.slice(i, end);
          i = end;
        } else {
          const start = i;
          while (i < n) {
            c = text.charCodeAt(i);
            if (isWhitespace(c) || c === GT) break;
            i++;
          }
          value = text.slice(start, i);
        }
      }
      if (!attrs.has(attrName)) attrs.set(attrName, value);
    }
    return { name, attrs, end: n, selfClosing: false };
  }

  /** Skips a Svelte `{…}` expression, minding nested braces and JS string literals. */
  private skipBraces(pos: number): number {
    const { text, n } = this;
    let depth = 0;
    let i = pos;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (--depth === 0) return i + 1;
      } else if (c === 0x22 || c === 0x27 || c === 0x60) {
        i = this.skipString(i, c);
        continue;
      }
      i++;
    }
    return n;
  }

  private skipString(pos: number, quote: number): number {
    const { text, n } = this;
    let i = pos + 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i += 2;
      else if (c === quote) return i + 1;
      // A quote or apostrophe string cannot span lines: stop there, so a stray apostrophe
      // (say, in a comment) does not swallow the rest of the file.
      else if (quote !== 0x60 && (c === LF || c === CR)) return i;
      else i++;
    }
    return n;
  }
}

function htmlScriptLang(tag: StartTag): ScriptLang | undefined {
  const type = tag.attrs.get('type');
  if (type === undefined) return 'js';
  const essence = type.trim().toLowerCase();
  if (HTML_JS_TYPES.has(essence)) return 'js';
  if (HTML_JSX_TYPES.has(essence)) return 'jsx';
  return undefined;
}

function componentScriptLang(tag: StartTag): ScriptLang | undefined {
  const lang = tag.attrs.get('lang');
  if (lang !== undefined) return COMPONENT_LANG.get(lang.trim().toLowerCase());
  const type = tag.attrs.get('type');
  if (type === undefined) return 'js';
  const essence = type.trim().toLowerCase();
  if (HTML_JS_TYPES.has(essence)) return 'js';
  return COMPONENT_LANG.get(essence);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|quot|apos|lt|gt));/g, (whole, dec?: string, hex?: string, named?: string) => {
    if (named !== undefined) return NAMED_ENTITIES[named] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
