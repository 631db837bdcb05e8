import { extname } from 'node:path';
import { CR, type Dialect, isAsciiLetter, LBRACE, LF, LT, MarkupTokenizer, SLASH, type StartTag } from './tokenizer.js';
import type { ExtractResult, ScriptBlock, ScriptLang } from './types.js';

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

/**
 * Server-side templates (Mustache, Handlebars, EJS, Nunjucks, Laravel's Blade): pages a server renders,
 * whose `<script>` blocks run in the browser like an HTML page's. Template tags inside a script
 * (`'presence-game-{{ gameId }}'`) read as text; one outside a string is a syntax error the parser
 * tolerates.
 */
export const TEMPLATE_EXTENSIONS = ['.mustache', '.hbs', '.handlebars', '.ejs', '.njk', '.blade.php'] as const;

/** Whether a path names a server-side template (see TEMPLATE_EXTENSIONS). */
export function isServerTemplate(path: string): boolean {
  const lower = path.toLowerCase();
  return TEMPLATE_EXTENSIONS.some((e) => lower.endsWith(e));
}

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
  // By suffix, not extension: `.blade.php` alone says PHP.
  const dialect = MARKUP_DIALECT.get(ext) ?? (isServerTemplate(path) ? 'html' : undefined);
  if (dialect === undefined) return { blocks: [], scriptSrcs: [] };
  return new MarkupExtractor(text, dialect).run();
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

class MarkupExtractor extends MarkupTokenizer {
  private readonly blocks: ScriptBlock[] = [];
  private readonly scriptSrcs: string[] = [];
  // Blocks are found in document order, so line counting resumes where it stopped.
  private lineOffset = 0;
  private line = 1;
  private lineStart = 0;

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
