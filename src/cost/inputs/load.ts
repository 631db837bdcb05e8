import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../../errors.js';
import type { UsageData } from '../usage.js';
import { assumedUsageFromProfile, parseAssumptions, PROFILE_NAMES, type ProfileName } from './assumptions.js';
import { parseCsvUsage } from './csv.js';
import { parseDatadogUsage, type DatadogOptions } from './datadog.js';
import { parsePlansFile, type CatalogueOverrides } from './plans.js';

export interface LoadUsageOptions extends DatadogOptions {
  /** Name shown in error messages; defaults to the path as given. */
  displayName?: string;
}

type Format = 'csv' | 'json' | 'yaml';

const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };
const SNIFF_BYTES = 8192;

function formatOf(file: string, shown: string): Format {
  const ext = extname(file).toLowerCase();
  const format = EXTENSIONS[ext];
  if (!format) {
    throw new InputError({ file: shown }, `unsupported file type "${ext || '(none)'}"; expected a .csv export, a Datadog .json query result or a .yaml/.json usage-assumptions file`);
  }
  return format;
}

function refuseBinary(head: Buffer, shown: string): void {
  if (head.includes(0)) throw new InputError({ file: shown }, 'binary file; expected CSV, JSON or YAML text');
}

/** JSON holding a `series` array is a Datadog query result; any other JSON is an assumptions file. */
function isDatadog(text: string): boolean {
  return /"series"\s*:/.test(text);
}

/**
 * Reads a usage file: a CSV export (streamed, so memory stays bounded for millions of rows), a
 * Datadog query result, or a usage-assumptions file. The format comes from the extension.
 * Every problem with the file is an `InputError` naming file, line or JSON path, and field.
 */
export async function loadUsage(file: string, options: LoadUsageOptions = {}): Promise<UsageData> {
  const shown = options.displayName ?? file;
  const format = formatOf(file, shown);
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new InputError({ file: shown }, `cannot read the file (${err.code ?? err.message})`);
  });
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    refuseBinary(head.subarray(0, bytesRead), shown);
  } finally {
    await handle.close();
  }
  if (format === 'csv') {
    return parseCsvUsage(createReadStream(file, { highWaterMark: 1 << 20 }), shown);
  }
  const text = await readFile(file, 'utf8');
  return parseUsageText(text, shown, options, format);
}

/** The same as `loadUsage` for text already in memory (tests, stdin); `file` names the format. */
export async function parseUsageText(text: string, file: string, options: DatadogOptions = {}, format: Format = formatOf(file, file)): Promise<UsageData> {
  refuseBinary(Buffer.from(text.slice(0, SNIFF_BYTES)), file);
  if (format === 'csv') return parseCsvUsage(text, file);
  if (format === 'json' && isDatadog(text)) return parseDatadogUsage(text.replace(/^\uFEFF/, ''), file, options);
  if (text.trim() === '') throw new InputError({ file }, 'empty file; expected usage data');
  return parseAssumptions(text.replace(/^\uFEFF/, ''), file, format === 'json' ? 'json' : 'yaml');
}

/** A built-in usage profile, for `cost --profile <name>` without any file. */
export function profileUsage(name: string): UsageData {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new InputError({ file: '--profile', field: 'profile' }, `unknown profile "${name}"; expected ${PROFILE_NAMES.join(', ')}`);
  }
  return assumedUsageFromProfile(name as ProfileName);
}

/** Reads a plans file (YAML or JSON) that overrides or extends the built-in plan catalogue. */
export async function loadPlans(file: string, displayName: string = file): Promise<CatalogueOverrides> {
  const format = formatOf(file, displayName);
  if (format === 'csv') throw new InputError({ file: displayName }, 'unsupported file type ".csv" for plans; expected .yaml, .yml or .json');
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new InputError({ file: displayName }, `cannot read the file (${err.code ?? err.message})`);
  });
  refuseBinary(Buffer.from(text.slice(0, SNIFF_BYTES)), displayName);
  return parsePlansFile(text.replace(/^\uFEFF/, ''), displayName, format);
}
