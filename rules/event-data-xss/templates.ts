import { markupOnly } from '../../src/analysis/markup.js';
import type { Range } from '../../src/engine/types.js';

/**
 * `v-html` and `{@html}` in the markup of a .vue or .svelte file. The scanner parses only script
 * blocks, so the markup is read as text: loop aliases of a tainted list (`v-for="m in messages"`,
 * `{#each messages as m}`) carry the data too, and an expression through a sanitizer does not.
 */

export interface TemplateSink {
  range: Range;
  label: string;
}

const KEYWORDS = new Set(['in', 'of', 'as', 'true', 'false', 'null', 'undefined', 'this', 'typeof', 'new', 'void', 'instanceof', 'index', 'key']);


/** Names an expression reads (not property names after a dot, not string contents). */
function namesIn(expr: string): string[] {
  const code = expr.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
  return [...code.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)].map((m) => m[0]).filter((n) => !KEYWORDS.has(n));
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function templateSinks(path: string, text: string, tainted: ReadonlySet<string>, sanitizer: RegExp, sanitizing: ReadonlySet<string>): TemplateSink[] {
  if (tainted.size === 0) return [];
  const markup = markupOnly(text);
  const vue = path.endsWith('.vue');
  const names = new Set(tainted);
  const loops = vue
    ? [...markup.matchAll(/\bv-for\s*=\s*(["'])(.*?)\1/gs)].map((m) => /^\s*\(?([^)]*?)\)?\s+(?:in|of)\s+(.+)$/s.exec(m[2]!))
    : [...markup.matchAll(/\{#each\s+(.+?)\s+as\s+([^}]+?)\s*(?:\([^)]*\))?\s*\}/gs)].map((m) => [m[0], m[2]!, m[1]!] as const);
  // Aliases of aliases (`v-for="r in m.reactions"`): repeat until nothing changes.
  for (let pass = 0; pass < 4; pass++) {
    const size = names.size;
    for (const loop of loops) {
      if (!loop) continue;
      const [alias, source] = [loop[1]!, loop[2]!];
      if (namesIn(source).some((n) => names.has(n))) for (const a of namesIn(alias)) names.add(a);
    }
    if (names.size === size) break;
  }
  const sinks: TemplateSink[] = [];
  const pattern = vue ? /\bv-html\s*=\s*(["'])(.*?)\1/gs : /\{@html\s+([^}]+)\}/g;
  for (const m of markup.matchAll(pattern)) {
    const expr = vue ? m[2]! : m[1]!;
    if (!namesIn(expr).some((n) => names.has(n))) continue;
    if (callees(expr).some((c) => sanitizer.test(c) || sanitizing.has(c))) continue;
    const start = position(text, m.index);
    const end = position(text, m.index + m[0].length);
    sinks.push({ range: { line: start.line, column: start.column, endLine: end.line, endColumn: end.column }, label: vue ? 'v-html' : '{@html}' });
  }
  return sinks;
}

/** Dotted callee names of the calls in an expression: `DOMPurify.sanitize(x)` → `DOMPurify.sanitize`. */
function callees(expr: string): string[] {
  return [...expr.matchAll(/([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\(/g)].map((m) => m[1]!.replace(/\s+/g, ''));
}
