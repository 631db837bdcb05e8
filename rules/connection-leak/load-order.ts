import { posix } from 'node:path';
import type { ImportGraph } from '../../src/inventory/imports.js';

/**
 * The order an app reaches its files: depth-first from the files nothing imports (in path order),
 * following each file's imports as written (static, `require`, lazy route `import()`). Of two
 * clients for one app, the one reached first is the one the app opens first; the other is the
 * duplicate. Files no walk reaches are left out.
 */
export function loadOrder(graph: ImportGraph, files: ReadonlyArray<{ path: string; text: string }>): Map<string, number> {
  const known = new Set(files.map((f) => f.path));
  const next = new Map<string, string[]>();
  const imported = new Set<string>();
  for (const file of files) {
    const to = [...(graph.imports.get(file.path) ?? []).filter((e) => !e.typeOnly && e.to !== undefined).map((e) => e.to!), ...sfcScripts(file, known)];
    next.set(file.path, to);
    for (const t of to) imported.add(t);
  }
  const order = new Map<string, number>();
  const visit = (root: string): void => {
    const stack = [root];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (order.has(file)) continue;
      order.set(file, order.size);
      const to = (next.get(file) ?? []).filter((t) => !order.has(t));
      for (let i = to.length - 1; i >= 0; i--) stack.push(to[i]!);
    }
  };
  for (const file of [...known].sort()) if (!imported.has(file)) visit(file);
  return order;
}

/**
 * `<script src="./users.js">` of a Vue single-file component: that file is the component's script, loaded
 * with it. (The import graph has no edge for it yet; it belongs in buildImportGraph.)
 */
function sfcScripts(file: { path: string; text: string }, known: ReadonlySet<string>): string[] {
  if (!file.path.endsWith('.vue')) return [];
  const out: string[] = [];
  for (const m of file.text.matchAll(/<script\b[^>]*\bsrc\s*=\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = posix.normalize(posix.join(posix.dirname(file.path), m[1]!));
    if (known.has(target)) out.push(target);
  }
  return out;
}
