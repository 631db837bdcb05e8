import { escapeRegExp } from '../core/regexp.js';

/**
 * The part of the HTML tokenizer script extraction needs: start and end tags with their
 * attributes, comments, raw-text elements, and Svelte `{…}` expressions. It finds where things
 * end; what a script block is, is `extract.ts`'s business.
 */

export type Dialect = 'html' | 'vue' | 'svelte';


export interface StartTag {
  name: string;
  /** Lower-cased attribute names; a valueless attribute maps to ''. The first of duplicates wins, as in HTML. */
  attrs: Map<string, string>;
  /** Offset just past the tag's `>`. */
  end: number;
  selfClosing: boolean;
}

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
export const EQUALS = 0x3d;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const BACKSLASH = 0x5c;
export const LF = 0x0a;
export const CR = 0x0d;

export function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === LF || c === CR || c === 0x0c;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const closeTagPatterns = new Map<string, RegExp>();

function closeTagPattern(name: string): RegExp {
  let re = closeTagPatterns.get(name);
  if (re === undefined) {
    re = new RegExp(`</${escapeRegExp(name)}[\\s/>]`, 'gi');
    closeTagPatterns.set(name, re);
  }
  return re;
}

export abstract class MarkupTokenizer {
  protected readonly n: number;

  constructor(
    protected readonly text: string,
    protected readonly dialect: Dialect,
  ) {
    this.n = text.length;
  }

  /** `<!-- -->` comments, and `<!…>` / `<?…>` (doctype, CDATA, processing instructions) up to `>`. */
  protected skipCommentLike(pos: number): number {
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

  protected skipEndTag(pos: number): number {
    // End tags may carry (ignored) attributes, whose quoted values can hold `>`.
    return this.readStartTag(pos + 1).end;
  }

  /** Where raw text ends: the offset of `</name`, or the end of the file. */
  protected findEndTag(name: string, from: number): number {
    const re = closeTagPattern(name);
    re.lastIndex = from;
    const m = re.exec(this.text);
    return m === null ? this.n : m.index;
  }

  protected skipRawText(name: string, from: number): number {
    const end = this.findEndTag(name, from);
    return end === this.n ? end : this.skipEndTag(end);
  }

  /** Reads a tag from its `<` (or, for an end tag, from its `/`). */
  protected readStartTag(pos: number): StartTag {
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
  protected skipBraces(pos: number): number {
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

  protected skipString(pos: number, quote: number): number {
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
