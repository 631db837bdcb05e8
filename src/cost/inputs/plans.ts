import { LineCounter, parseDocument } from 'yaml';
import * as z from 'zod';
import { InputError } from '../../errors.js';
import type { PlanEntry } from '../catalogue.js';
import { clip, numberProblem } from './cells.js';
import { fieldOf, findYamlNode, jsonPath, parseJsonText } from './json-errors.js';

const positive = z.number({ error: numberProblem }).nonnegative({ error: 'must not be negative' });

/**
 * A user's own plan catalogue (for example from an invoice or a contract): entries replace the
 * built-in plan with the same id or add new ones. Entries are trusted as the user's own figures.
 */
export const plansFileSchema = z.strictObject({
  plans: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/, { error: 'ids are lower-case letters, digits and dashes' }),
        name: z.string().optional(),
        monthly_usd: positive.nullable(),
        max_connections: positive.nullable(),
        messages_per_day: positive.nullable(),
        connection_hard_cap_pct: z.number().min(100).max(1000).optional(),
        confirmed: z.boolean().optional(),
        source: z.string().optional(),
        as_of: z.string().optional(),
      }),
    )
    .optional(),
  soketi: z
    .strictObject({
      instance_monthly_usd: positive.optional(),
      connections_per_instance: positive.min(1, { error: 'must be at least 1' }).optional(),
    })
    .optional(),
});

export interface CatalogueOverrides {
  file: string;
  plans: PlanEntry[];
  soketi?: { instanceMonthlyUsd?: number; connectionsPerInstance?: number };
}

export function parsePlansFile(text: string, file: string, format: 'yaml' | 'json'): CatalogueOverrides {
  let data: unknown;
  let lc: LineCounter | undefined;
  let doc: ReturnType<typeof parseDocument> | undefined;
  if (format === 'json') data = parseJsonText(text, file);
  else {
    lc = new LineCounter();
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
    const e = doc.errors[0];
    if (e) throw new InputError({ file, line: lc.linePos(e.pos[0]).line }, `not valid YAML: ${clip(e.message.split('\n')[0] ?? '', 100)}`);
    data = doc.toJS();
  }
  const parsed = plansFileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...issue.path] as PropertyKey[];
    if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
    const node = doc ? findYamlNode(doc.contents, path) : undefined;
    const line = node?.range && lc ? lc.linePos(node.range[0]).line : undefined;
    throw new InputError(
      { file, ...(line !== undefined ? { line } : { path: jsonPath(path) }), field: fieldOf(path) },
      issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message,
    );
  }
  const plans = (parsed.data.plans ?? []).map(
    (p): PlanEntry => ({
      id: p.id,
      name: p.name ?? p.id,
      monthlyUsd: p.monthly_usd,
      maxConnections: p.max_connections,
      messagesPerDay: p.messages_per_day,
      connectionHardCap: (p.connection_hard_cap_pct ?? (p.monthly_usd === 0 ? 100 : 120)) / 100,
      confirmed: p.confirmed ?? true,
      evidence: (p.confirmed ?? true) ? 'confirmed' : 'not-confirmed',
      confidence: 'user',
      source: p.source ?? `plans file ${file}`,
      asOf: p.as_of ?? null,
    }),
  );
  const s = parsed.data.soketi;
  const out: CatalogueOverrides = { file, plans };
  if (s) {
    out.soketi = {};
    if (s.instance_monthly_usd !== undefined) out.soketi.instanceMonthlyUsd = s.instance_monthly_usd;
    if (s.connections_per_instance !== undefined) out.soketi.connectionsPerInstance = s.connections_per_instance;
  }
  return out;
}
