import { describe, expect, it } from 'vitest';
import { scanTrivia } from '../../src/inventory/lexer.js';

/** The comments and string texts the lexer finds, as the source text of each. */
function trivia(code: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  scanTrivia(code, (kind, start, end) => out.push([kind, code.slice(start, end)]));
  return out;
}

describe('lexer: comments and strings without the TypeScript compiler', () => {
  it('finds line and block comments, not comment markers inside strings', () => {
    expect(trivia("const url = 'https://x'; // note\n/* block */ f();")).toEqual([
      ['string', "'https://x'"],
      ['comment', '// note'],
      ['comment', '/* block */'],
    ]);
  });

  it('follows template literals through nested expressions and braces', () => {
    expect(trivia('const s = `a ${ { k: `in ${x}` }.k } b`;')).toEqual([
      ['string', '`a ${'],
      ['string', '`in ${'],
      ['string', '}`'],
      ['string', '} b`'],
    ]);
  });

  it('tells a regular expression from a division by the token before it', () => {
    // After `(`: a regex, whose quote and slashes are neither a string nor a comment.
    expect(trivia("s.replace(/'|\\/\\//g, '')")).toEqual([['string', "''"]]);
    expect(trivia("if (ok) return /'/.test(s);")).toEqual([]);
    // After an identifier or `)`: a division, so the quote after it starts a string.
    expect(trivia("const r = a / b + ' / '")).toEqual([['string', "' / '"]]);
  });

  it('ends an unterminated string or regex at the line break', () => {
    expect(trivia("const a = 'open\nconst b = \"ok\";")).toEqual([
      ['string', "'open"],
      ['string', '"ok"'],
    ]);
  });

  it('skips a #! line', () => {
    expect(trivia("#!/usr/bin/env node --title='x'\nconst a = 'b';")).toEqual([['string', "'b'"]]);
  });
});
