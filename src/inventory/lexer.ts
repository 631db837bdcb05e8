/**
 * Finds comments and string/template-text tokens in a script without loading the TypeScript compiler
 * (which costs more than reading a big tree) and much faster than a general tokenizer (js-tokens was
 * measured at three times the TypeScript scanner's cost on the same files). It makes the decisions the
 * TypeScript scanner made when this scan used it, so the import graph and environments stay as they
 * were: a `/` starts a regular expression only after `(` `,` `=` `:` `[` `!` `&&` `||` `??` `?` `{`
 * `}` `;` `=>` `return` `typeof`; template expressions are tracked by brace depth; an unterminated
 * string or regex ends at the line break.
 */

const enum C {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Exclamation = 33,
  DoubleQuote = 34,
  Dollar = 36,
  Ampersand = 38,
  SingleQuote = 39,
  OpenParen = 40,
  Asterisk = 42,
  Comma = 44,
  Dot = 46,
  Slash = 47,
  Colon = 58,
  Semicolon = 59,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
  Question = 63,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  Backtick = 96,
  OpenBrace = 123,
  Bar = 124,
  CloseBrace = 125,
}

const isLineBreak = (c: number): boolean => c === C.LineFeed || c === C.CarriageReturn || c === 0x2028 || c === 0x2029;
const isIdentifierPart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === C.Dollar || c === C.Underscore || c > 127;

/** What the last token lets a `/` be. */
const enum Prev {
  Other,
  RegexAllowed,
}

export type TriviaKind = 'comment' | 'string';

export function scanTrivia(code: string, visit: (kind: TriviaKind, start: number, end: number) => void): void {
  const n = code.length;
  const templates: number[] = [];
  let depth = 0;
  let prev = Prev.Other;
  // A `#!` line is no token a `/` could follow, nor a comment.
  let i = code.startsWith('#!') ? lineEnd(code, 0) : 0;
  // Scans template text from just after "`" or "}" to its end ("`" or "${"); returns whether it was a head or middle.
  const templateText = (start: number): boolean => {
    let j = i;
    while (j < n) {
      const c = code.charCodeAt(j);
      if (c === C.Backtick) {
        i = j + 1;
        visit('string', start, i);
        return false;
      }
      if (c === C.Dollar && code.charCodeAt(j + 1) === C.OpenBrace) {
        i = j + 2;
        visit('string', start, i);
        return true;
      }
      j += c === C.Backslash ? 2 : 1;
    }
    i = n;
    visit('string', start, n);
    return false;
  };
  while (i < n) {
    const c = code.charCodeAt(i);
    if (c === C.Space || c === C.Tab || isLineBreak(c) || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    const start = i;
    if (c === C.Slash) {
      const next = code.charCodeAt(i + 1);
      if (next === C.Slash) {
        i = lineEnd(code, i + 2);
        visit('comment', start, i);
        continue;
      }
      if (next === C.Asterisk) {
        const close = code.indexOf('*/', i + 2);
        i = close === -1 ? n : close + 2;
        visit('comment', start, i);
        continue;
      }
      if (prev === Prev.RegexAllowed) {
        i++;
        let inClass = false;
        while (i < n) {
          const r = code.charCodeAt(i);
          if (isLineBreak(r)) break;
          if (r === C.Backslash) {
            i += 2;
            continue;
          }
          i++;
          if (r === C.OpenBracket) inClass = true;
          else if (r === C.CloseBracket) inClass = false;
          else if (r === C.Slash && !inClass) {
            while (i < n && isIdentifierPart(code.charCodeAt(i))) i++;
            break;
          }
        }
        prev = Prev.Other;
        continue;
      }
      // A division, or `/=`.
      i += next === C.Equals ? 2 : 1;
      prev = Prev.Other;
      continue;
    }
    if (c === C.SingleQuote || c === C.DoubleQuote) {
      i++;
      while (i < n) {
        const s = code.charCodeAt(i);
        if (s === c) {
          i++;
          break;
        }
        if (s === C.Backslash) {
          // A backslash before CR LF continues the line over both.
          i += code.charCodeAt(i + 1) === C.CarriageReturn && code.charCodeAt(i + 2) === C.LineFeed ? 3 : 2;
          continue;
        }
        if (s === C.LineFeed || s === C.CarriageReturn) break;
        i++;
      }
      visit('string', start, i);
      prev = Prev.Other;
      continue;
    }
    if (c === C.Backtick) {
      i++;
      if (templateText(start)) templates.push(depth);
      prev = Prev.Other;
      continue;
    }
    if (c === C.CloseBrace) {
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        i++;
        if (!templateText(start)) templates.pop();
        prev = Prev.Other;
        continue;
      }
      depth--;
      i++;
      prev = Prev.RegexAllowed;
      continue;
    }
    if (isIdentifierPart(c)) {
      // An identifier, keyword or number: only `return` and `typeof` let a regex follow.
      while (i < n && isIdentifierPart(code.charCodeAt(i))) i++;
      const word = i - start;
      prev = (word === 6 && code.startsWith('return', start)) || (word === 6 && code.startsWith('typeof', start)) ? Prev.RegexAllowed : Prev.Other;
      continue;
    }
    // A punctuator: maximal munch of the ones whose last character matters to a following `/`.
    i++;
    switch (c) {
      case C.OpenBrace:
        depth++;
        prev = Prev.RegexAllowed;
        break;
      case C.OpenParen:
      case C.Comma:
      case C.Colon:
      case C.OpenBracket:
      case C.Semicolon:
        prev = Prev.RegexAllowed;
        break;
      case C.Exclamation:
        // `!` yes; `!=` and `!==` no.
        if (code.charCodeAt(i) === C.Equals) {
          i += code.charCodeAt(i + 1) === C.Equals ? 2 : 1;
          prev = Prev.Other;
        } else prev = Prev.RegexAllowed;
        break;
      case C.Equals: {
        // `=` and `=>` yes; `==`, `===` no.
        const next = code.charCodeAt(i);
        if (next === C.GreaterThan) {
          i++;
          prev = Prev.RegexAllowed;
        } else if (next === C.Equals) {
          i += code.charCodeAt(i + 1) === C.Equals ? 2 : 1;
          prev = Prev.Other;
        } else prev = Prev.RegexAllowed;
        break;
      }
      case C.Ampersand:
      case C.Bar:
        // `&&` and `||` yes; `&`, `|`, `&=`, `&&=` no.
        if (code.charCodeAt(i) === c) {
          i++;
          if (code.charCodeAt(i) === C.Equals) {
            i++;
            prev = Prev.Other;
          } else prev = Prev.RegexAllowed;
        } else {
          if (code.charCodeAt(i) === C.Equals) i++;
          prev = Prev.Other;
        }
        break;
      case C.Question: {
        // `?` and `??` yes; `??=` and `?.` no.
        const next = code.charCodeAt(i);
        if (next === C.Question) {
          i++;
          if (code.charCodeAt(i) === C.Equals) {
            i++;
            prev = Prev.Other;
          } else prev = Prev.RegexAllowed;
        } else if (next === C.Dot && !isDigit(code.charCodeAt(i + 1))) {
          i++;
          prev = Prev.Other;
        } else prev = Prev.RegexAllowed;
        break;
      }
      case C.LessThan:
      case C.GreaterThan:
      case 43: // +
      case 45: // -
      case C.Asterisk:
      case 37: // %
      case 94: // ^
        // Compound forms (`<=`, `+=`, `**=`, `>>>=`) are one token, none of which lets a regex follow.
        while (i < n) {
          const p = code.charCodeAt(i);
          if (p === c || p === C.Equals || (c === C.LessThan && p === C.LessThan) || (c === C.GreaterThan && p === C.GreaterThan)) i++;
          else break;
          if (p === C.Equals) break;
        }
        prev = Prev.Other;
        break;
      default:
        prev = Prev.Other;
    }
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function lineEnd(code: string, from: number): number {
  let i = from;
  while (i < code.length && !isLineBreak(code.charCodeAt(i))) i++;
  return i;
}
