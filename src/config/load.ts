import { dirname, extname, relative, resolve } from 'node:path';
import { lilconfig } from 'lilconfig';
import type { Node } from 'yaml';
import type { AnyRule } from '../engine/rule.js';
import { InputError, jsonPath } from '../errors.js';
import { yaml } from '../yaml.js';
import { CONFIG_FILES, configSchema, type PusherAdvisorConfig } from './schema.js';

/**
 * Finding and reading the config file: `--config <file>`, or the first of `CONFIG_FILES` found
 * from the scanned folder upwards (lilconfig). Errors are one line naming the file, the line and
 * the JSON path. I/O is limited to reading the file that lilconfig or the flag names.
 */

export interface LoadedConfig {
  /** The file as shown in messages: relative to the working directory. */
  file: string;
  dir: string;
  config: PusherAdvisorConfig;
}

interface Raw {
  content: string;
}

/** The line a JSON path points at, found through the YAML parser (JSON is YAML). */
function lineOf(content: string, path: readonly PropertyKey[]): number | undefined {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(content, { lineCounter: counter });
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      last = (pair.key as Node | undefined) ?? last;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      last = (node as Node | undefined) ?? last;
    } else break;
  }
  const offset = last?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

function parseText(file: string, content: string, ext: string): unknown {
  if (ext === '.json') {
    try {
      return content.trim() === '' ? {} : JSON.parse(content);
    } catch (err) {
      throw new InputError({ file }, `not valid JSON (${(err as Error).message})`);
    }
  }
  const { LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(content, { lineCounter: counter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new InputError({ file, line: counter.linePos(error.pos[0]).line }, `not valid YAML (${error.message.split('\n')[0]})`);
  return doc.toJS() ?? {};
}

export function parseConfig(file: string, content: string, rules: readonly AnyRule[]): PusherAdvisorConfig {
  const data = parseText(file, content, extname(file).toLowerCase());
  const parsed = configSchema(rules).safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  let path = [...issue.path];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    path = [...path, key];
    message = path.length === 2 && path[0] === 'rules' ? `unknown rule "${key}" (run "pusher-advisor rules" for the ids)` : `unknown key "${key}"`;
  }
  const line = lineOf(content, path);
  const field = [...path].reverse().find((p) => typeof p === 'string');
  throw new InputError({ file, ...(line !== undefined ? { line } : {}), path: jsonPath(path), ...(field !== undefined ? { field: String(field) } : {}) }, message);
}

/**
 * `explicit` is `--config` as given (resolved against `cwd`); otherwise the search starts at `root`.
 * `rules` is called only when a file is found: validating it needs every rule's option schema.
 */
export async function loadConfig(options: { cwd: string; root: string; explicit?: string; rules: () => Promise<readonly AnyRule[]> }): Promise<LoadedConfig | undefined> {
  const raw = (_path: string, content: string): Raw => ({ content });
  const searcher = lilconfig('pusher-advisor', {
    searchPlaces: [...CONFIG_FILES],
    loaders: { '.json': raw, '.yaml': raw, '.yml': raw },
    cache: false,
  });
  let found: Awaited<ReturnType<typeof searcher.search>>;
  if (options.explicit !== undefined) {
    try {
      found = await searcher.load(resolve(options.cwd, options.explicit));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError({ file: options.explicit }, code !== undefined ? `cannot read (${code})` : `cannot load: ${(err as Error).message}; use .json, .yaml or .yml`);
    }
  } else {
    found = await searcher.search(options.root);
    if (found === null) return undefined;
  }
  if (found === null) return undefined;
  const filepath = found.filepath;
  const content = found.isEmpty ? '' : (found.config as Raw).content;
  const file = (relative(options.cwd, filepath) || filepath).split('\\').join('/');
  return { file, dir: dirname(filepath), config: parseConfig(file, content, await options.rules()) };
}
