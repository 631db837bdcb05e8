import { isMap, isPair, isScalar, type Node } from 'yaml';
import type * as z from 'zod';
import { InputError } from '../../errors.js';
import { clip } from './cells.js';

/** `["series", 0, "pointlist", 3, 1]` → `series[0].pointlist[3][1]`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The name a user sees for the value at `path`: its key, or `value` inside arrays. */
export function fieldOf(path: ReadonlyArray<PropertyKey>): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') return String(path[i]);
  }
  return 'value';
}

/** First zod issue as an `InputError`; later issues would only repeat the same fix. */
export function zodToInputError(file: string, error: z.ZodError, line?: (path: PropertyKey[]) => number | undefined): InputError {
  const issue = error.issues[0]!;
  const path = issue.path as PropertyKey[];
  const l = line?.(path);
  return new InputError(
    { file, ...(l !== undefined ? { line: l } : { path: jsonPath(path) }), field: fieldOf(path) },
    clip(issue.message, 200),
  );
}

/** Parses JSON text or throws an `InputError` with the line of the syntax error. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    // Node 20's messages often omit the position; find it ourselves then.
    const offset = pos ? Number(pos[1]) : jsonErrorOffset(text);
    const line = text.slice(0, offset).split('\n').length;
    throw new InputError({ file, ...(line !== undefined ? { line } : {}) }, `not valid JSON: ${clip(msg, 100)}`);
  }
}

/**
 * Offset of the first syntax error in JSON text (only called after `JSON.parse` failed), by a
 * small recursive-descent scan that follows the JSON grammar.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (ch === '"') return str();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const str = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

/** The YAML node at a path, or the deepest one that exists (for a missing key: its parent). */
export function findYamlNode(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  let last: Node | undefined = node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!pair) return last;
      last = pair.key as Node;
      node = (pair.value as Node | null) ?? undefined;
    } else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items) && typeof key === 'number') {
      node = (node as { items: Node[] }).items[key];
    } else return last;
    if (node) last = node;
  }
  return last;
}
