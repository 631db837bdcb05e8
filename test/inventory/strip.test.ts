import { describe, expect, it } from 'vitest';
import { stripComments, stripCommentsAndStrings } from '../../src/inventory/imports.js';

describe('stripCommentsAndStrings', () => {
  it('blanks comments and string text, keeping quotes, offsets and lines', () => {
    const code = "const a = 'window.x'; // document.y\nconst b = \"navigator.z\";\n/* localStorage.k */ window.real = 1;\n";
    const out = stripCommentsAndStrings(code);
    expect(out).toHaveLength(code.length);
    expect(out.split('\n')).toHaveLength(code.split('\n').length);
    expect(out).not.toMatch(/window\.x|document\.y|navigator\.z|localStorage\.k/);
    expect(out).toContain('window.real = 1;');
    expect(out).toContain("const a = '        ';");
  });

  it('keeps the code inside template expressions and blanks the template text around it', () => {
    const code = 'res.send(`<script>window.APP = ${JSON.stringify(cfg)}; document.title = `);\nconst t = `a ${`nested ${document.cookie}`} b`;\n';
    const out = stripCommentsAndStrings(code);
    expect(out).not.toContain('window.APP');
    expect(out).not.toContain('document.title');
    expect(out).toContain('JSON.stringify(cfg)');
    expect(out).toContain('document.cookie');
  });

  it('reads a regular expression with a quote in it as a regex, not the start of a string', () => {
    const out = stripCommentsAndStrings("const quote = /'/g;\nwindow.addEventListener('load', start);\n");
    expect(out).toContain('window.addEventListener(');
  });

  it('does not take // in template text after an expression for a comment', () => {
    const code = 'const url = `${base}//api`; window.go(url);\n';
    expect(stripComments(code)).toBe(code);
    expect(stripCommentsAndStrings(code)).toContain('window.go(url);');
  });
});
