import type { z } from 'zod';
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
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new InputError({ file, ...(line !== undefined ? { line } : {}) }, `not valid JSON: ${clip(msg, 100)}`);
  }
}
