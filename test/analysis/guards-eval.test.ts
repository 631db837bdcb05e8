import { Node, Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { evaluate, literalList, UNKNOWN, type SymbolicValue } from '../../src/analysis/constant-eval.js';
import { pathGuards } from '../../src/analysis/path-guards.js';

function source(text: string): SourceFile {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile('handler.ts', text);
}

/** The `connect()` call in `handler` and the guards on the path to it, as condition text and whether it holds. */
function guardsOf(text: string): Array<string | { switchOn: string; labels: string[]; isDefault: boolean }> {
  const sf = source(text);
  const fn = sf.getFunctionOrThrow('handler');
  const site = fn.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => c.getExpression().getText().endsWith('connect'))!;
  return pathGuards(site, fn).map((g) =>
    'cond' in g ? `${g.holds ? '' : '!'}(${g.cond.getText()})` : { switchOn: g.caseOf.getText(), labels: g.labels.map((l) => l.getText()), isDefault: g.isDefault },
  );
}

/** `code` identifiers are the symbol. */
const code = (value: number): SymbolicValue => ({ matches: (n) => Node.isIdentifier(n) && n.getText() === 'code', value });

function evalExpr(text: string, value: number, prelude = ''): unknown {
  const sf = source(`${prelude}\nconst probe = ${text};`);
  return evaluate(sf.getVariableDeclarationOrThrow('probe').getInitializerOrThrow(), code(value));
}

describe('pathGuards', () => {
  it('collects if branches, && / || operands and ?: arms from the site up to the function', () => {
    expect(guardsOf('function handler(e) { if (e.ok) { if (!retry) {} else { ready && c.connect(); } } }')).toEqual(['(ready)', '!(!retry)', '(e.ok)']);
    expect(guardsOf('function handler(e) { const r = e.code > 4100 ? c.connect() : null; failed || c.connect(); }')).toEqual(['(e.code > 4100)']);
  });

  it('counts an earlier `if (x) return;` in an enclosing block as `x` not holding', () => {
    expect(guardsOf('function handler(e) { if (fatal(e)) return; log(e); c.connect(); }')).toEqual(['!(fatal(e))']);
    expect(guardsOf('function handler(e) { if (ok) { log(); } else { throw e; } c.connect(); }')).toEqual(['(ok)']);
  });

  it('gives a case its own label and the empty cases above it, and default every label', () => {
    expect(guardsOf('function handler(e) { switch (e.code) { case 4004: case 4009: c.connect(); break; case 4200: break; } }')).toEqual([
      { switchOn: 'e.code', labels: ['4009', '4004'], isDefault: false },
    ]);
    expect(guardsOf('function handler(e) { switch (e.code) { case 4004: return; default: c.connect(); } }')).toEqual([
      { switchOn: 'e.code', labels: ['4004'], isDefault: true },
    ]);
  });
});

describe('constant evaluation with one symbolic input', () => {
  it('evaluates comparisons, logic and const initialisers for the assumed value', () => {
    expect(evalExpr('code === 4004 || code === 4009', 4009)).toBe(true);
    expect(evalExpr('code >= 4000 && code < 4100', 4200)).toBe(false);
    expect(evalExpr('!(code === QUOTA)', 4004, 'const QUOTA = 4004;')).toBe(false);
  });

  it('evaluates membership in literal arrays and sets, also through a const', () => {
    expect(evalExpr('FATAL.includes(code)', 4009, 'const FATAL = [4004, 4009];')).toBe(true);
    expect(evalExpr('new Set([4004]).has(code)', 4200)).toBe(false);
    expect(evalExpr('FATAL.has(code)', 4200, 'const FATAL = new Set([4004, 4009]);')).toBe(false);
  });

  it('says UNKNOWN for what it cannot see, and short-circuits around it', () => {
    expect(evalExpr('isFatal(code)', 4004)).toBe(UNKNOWN);
    expect(evalExpr('code === 4004 && isFatal(code)', 4200)).toBe(false);
    expect(evalExpr('code === 4004 || isFatal(code)', 4004)).toBe(true);
  });

  it('reads literal lists, and refuses lists with a non-literal element', () => {
    const sf = source('const a = [4004, "x"];\nconst b = [4004, other];');
    expect(literalList(sf.getVariableDeclarationOrThrow('a').getInitializerOrThrow())).toEqual([4004, 'x']);
    expect(literalList(sf.getVariableDeclarationOrThrow('b').getInitializerOrThrow())).toBeUndefined();
  });
});
