import type { DiscoveredFile } from '../../src/discovery/types.js';
import type { Range } from '../../src/engine/types.js';
import { effectiveEnvAssignments } from '../../src/analysis/dotenv.js';
import { FRAMEWORK_BY_PREFIX } from '../../src/analysis/public-env.js';
import { repeatsShortUnit } from '../../src/core/placeholder.js';

/**
 * Which environment variables hold Pusher credentials, which prefixes a framework copies into
 * the browser bundle, and the lines of committed `.env` files that put the two together.
 */

const SECRET_WORD = /SECRET|MASTER_?KEY/i;
/** Pusher and the servers that speak its protocol with the same credentials. */
const PUSHER_WORD = /PUSHER|SOKETI|REVERB/i;

export function secretKind(name: string): string {
  return /master_?key/i.test(name) ? 'encryption master key' : /url/i.test(name) ? 'connection URL (with the app secret)' : 'app secret';
}

export function publicData(name: string, prefix: string, where: string): Record<string, string> {
  return {
    name,
    prefix,
    kind: secretKind(name),
    framework: FRAMEWORK_BY_PREFIX[prefix] ?? 'the framework',
    bundle: prefix === 'EXPO_PUBLIC_' ? 'app bundle' : 'browser bundle',
    where,
    suggested: name.slice(prefix.length),
  };
}

/** A Pusher app secret or encryption master key by its name alone, or one the code uses as one. */
export function isPusherSecretName(name: string, usedAsSecret: ReadonlySet<string>): boolean {
  return usedAsSecret.has(name) || (SECRET_WORD.test(name) && PUSHER_WORD.test(name));
}

/** Files that document variables rather than set them. */
export function isExampleEnvFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /^\.env\.(example|sample|template|dist|defaults|schema)$|\.(example|sample|template)$/.test(base);
}

/**
 * Values that stand for "put yours here": empty, `your-secret`, `<secret>`, `xxxx`. An interpolation
 * (`${PUSHER_APP_SECRET}`) is not one: it wires the real secret into the variable wherever the file is used.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  return v === '' || /^(your|change|replace|example|placeholder|todo|secret$|null$|none$|xxx|<|\.\.\.|\*+$)/i.test(v) || repeatsShortUnit(v);
}

/** `${NAME}` / `$NAME`: a reference to another variable, not a value. */
export function isInterpolation(value: string): boolean {
  return /^\$\{?\w+\}?$/.test(value.trim().replace(/^["']|["']$/g, ''));
}

export interface EnvLine {
  name: string;
  value: string;
  range: Range;
}

/** `NAME=value` lines of an env file, comments and blank lines skipped. */
export function envLines(file: DiscoveredFile): EnvLine[] {
  return effectiveEnvAssignments(file.text).map((a) => ({
    name: a.name,
    value: a.raw.replace(/\s+#.*$/, '').trim(),
    range: { line: a.line, column: a.column, endLine: a.line, endColumn: a.endColumn },
  }));
}

/** The secret itself, unquoted, for the engine to scrub (interpolations and placeholders are not secrets). */
export function secretValue(value: string): string | undefined {
  const v = value.replace(/^["']|["']$/g, '');
  return isPlaceholder(v) || isInterpolation(v) ? undefined : v;
}
