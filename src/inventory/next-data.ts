import type { ts as TS } from 'ts-morph';
import { ts } from '../morph.js';

/**
 * Next.js (pages router) compiles each page twice. For the browser it deletes the exported
 * `getServerSideProps`, `getStaticProps` and `getStaticPaths`, then every top-level declaration
 * and import binding that only they used (next-ssg-transform). An import a page needs only to
 * fetch its props therefore never ships, and the module behind it is server code.
 */

/** A page that exports a data-fetching function, from text: the only files worth a parse here. */
export const EXPORTS_DATA_FETCHING = /\bexport\s+(?:async\s+)?(?:function\*?|const|let|var)\s+(?:getServerSideProps|getStaticProps|getStaticPaths)\b/;
const DATA_FETCHING = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths']);

/** Whether a path is a pages-router page (not an API route), the files Next compiles this way. */
export function isPagesRouterPage(path: string): boolean {
  return /(^|\/)pages\//.test(path) && !/(^|\/)pages\/api\//.test(path) && /\.[cm]?[jt]sx?$/.test(path);
}

/** Which identifiers of one page survive only in the part Next removes from its browser build. */
export class ServerDataUses {
  /** Occurrences of each name in code the browser build keeps. */
  private readonly kept = new Map<string, number>();
  /** Occurrences of each name in the removed declarations. */
  private readonly removed = new Map<string, number>();

  constructor(code: string, jsx: boolean) {
    const sf = ts.createSourceFile(jsx ? 'x.tsx' : 'x.ts', code, ts.ScriptTarget.Latest, true, jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const declarations = sf.statements.flatMap((st) => declared(st).map((name) => ({ name, st })));
    const removed = new Set<TS.Statement>(declarations.filter((d) => DATA_FETCHING.has(d.name) && exported(d.st)).map((d) => d.st));
    // Each declaration's own name node is counted as a use, once per declaration of that name.
    const declaredCount = new Map<string, number>();
    for (const d of declarations) declaredCount.set(d.name, (declaredCount.get(d.name) ?? 0) + 1);
    // Then what only removed code used, until nothing more goes (a helper of a helper).
    for (let grew = removed.size > 0; grew; ) {
      grew = false;
      const { kept, removed: gone } = this.count(sf, removed);
      for (const d of declarations) {
        if (removed.has(d.st) || exported(d.st)) continue;
        // Its own name is its only mention in kept code, and removed code used it: Next drops it too.
        // One that nothing ever used stays, as it does in Next's transform.
        const names = declared(d.st);
        if (names.every((n) => (kept.get(n) ?? 0) <= (declaredCount.get(n) ?? 0)) && names.some((n) => (gone.get(n) ?? 0) > 0)) {
          removed.add(d.st);
          grew = true;
        }
      }
    }
    const counts = this.count(sf, removed);
    for (const [k, v] of counts.kept) this.kept.set(k, v);
    for (const [k, v] of counts.removed) this.removed.set(k, v);
  }

  /** True when each name is used in the removed code and nowhere else: its import is dropped. */
  onlyRemoved(names: readonly string[]): boolean {
    return names.length > 0 && names.every((n) => (this.removed.get(n) ?? 0) > 0 && (this.kept.get(n) ?? 0) === 0);
  }

  private count(sf: TS.SourceFile, removed: ReadonlySet<TS.Statement>): { kept: Map<string, number>; removed: Map<string, number> } {
    const kept = new Map<string, number>();
    const gone = new Map<string, number>();
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) continue;
      const into = removed.has(st) ? gone : kept;
      const visit = (node: TS.Node): void => {
        if (ts.isIdentifier(node)) into.set(node.text, (into.get(node.text) ?? 0) + 1);
        ts.forEachChild(node, visit);
      };
      visit(st);
    }
    return { kept, removed: gone };
  }
}

function exported(st: TS.Statement): boolean {
  return ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names a top-level function or variable statement binds (destructuring is left alone: kept). */
function declared(st: TS.Statement): string[] {
  if (ts.isFunctionDeclaration(st) && st.name) return [st.name.text];
  if (ts.isVariableStatement(st)) {
    const names = st.declarationList.declarations.map((d) => (ts.isIdentifier(d.name) ? d.name.text : undefined));
    return names.every((n) => n !== undefined) ? (names as string[]) : [];
  }
  return [];
}
