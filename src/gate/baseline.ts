import * as z from 'zod';
import { InputError, zodInputError } from '../errors.js';
import { baselineEntrySchema } from '../report/schema.js';
import type { Comparable } from './match.js';

/**
 * A baseline: today's findings, recorded so that a CI gate reports only what is new. Entries are
 * matched by fingerprint (see `matchFindings`), never by line, so moving or reformatting code does
 * not bring an entry back; entries that no longer occur are listed, so the file only shrinks.
 */

export const BASELINE_VERSION = 1;

export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

export const baselineSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION),
  tool: z.string(),
  findings: z.array(baselineEntrySchema),
});
export type Baseline = z.infer<typeof baselineSchema>;

interface Recordable extends Comparable {
  line: number;
}

export function createBaseline(findings: readonly Recordable[], tool: string): Baseline {
  const entries = findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, line: f.line, snippet: f.snippet }));
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.fingerprint < b.fingerprint ? -1 : 1)));
  return { version: BASELINE_VERSION, tool, findings: entries };
}

export function renderBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Parses a baseline file's text; any problem is one line naming the file and the JSON path. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file }, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) throw zodInputError(file, parsed.error);
  return parsed.data;
}
