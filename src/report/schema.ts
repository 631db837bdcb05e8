import * as z from 'zod';
import { costReportSchema } from '../cost/index.js';
import { CATEGORIES, SEVERITIES } from '../engine/types.js';
import { probeReportSchema } from '../probe/index.js';
import { adviceSchema } from '../recommend/schema.js';
import { SCAN_SCHEMA_VERSION } from '../version.js';
import {
  CHANNEL_TYPES,
  CLIENT_LIBRARIES,
  CLIENT_OPERATIONS,
  ENVIRONMENTS,
  SERVER_LIBRARIES,
  SERVER_OPERATIONS,
  type InventoryJson,
  type ValueRef,
} from '../inventory/types.js';

/**
 * The scan report: what `scan --format json` prints, and what every other reporter renders from.
 * The schema is the public contract; bump `SCAN_SCHEMA_VERSION` on any change that could break a
 * reader (removing or renaming a field, changing a type), not when adding an optional field.
 */

export { SCAN_SCHEMA_VERSION };

const position = {
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
};

export const findingSchema = z.strictObject({
  ruleId: z.string(),
  messageId: z.string(),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  message: z.string(),
  ...position,
  snippet: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
});

/** A suppressed finding carries SARIF's in-source suppression record. */
export const suppressedFindingSchema = findingSchema.extend({
  suppression: z.strictObject({ kind: z.literal('inSource'), justification: z.string().min(1) }),
});

const valueRefSchema: z.ZodType<ValueRef> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('literal'), value: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
    z.strictObject({ kind: z.literal('redacted'), preview: z.string(), length: z.number().int().nonnegative() }),
    z.strictObject({ kind: z.literal('env'), name: z.string(), fallback: valueRefSchema.optional() }),
    z.strictObject({ kind: z.literal('function') }),
    z.strictObject({ kind: z.literal('object'), properties: z.record(z.string(), valueRefSchema) }),
    z.strictObject({ kind: z.literal('unknown'), text: z.string() }),
  ]),
);

const locationSchema = z.strictObject({ file: z.string(), line: z.number().int().positive(), column: z.number().int().positive() });
const channelSchema = z.strictObject({
  name: z.string().nullable(),
  pattern: z.string(),
  type: z.enum(CHANNEL_TYPES),
  cache: z.boolean(),
  dynamicParts: z.array(z.string()),
});

/**
 * The inventory's exact shape: later features (cost model, architecture advice) and outside tools
 * read it, so a field the schema does not name is an error, not a silent extra.
 */
export const inventoryJsonSchema = z.strictObject({
  files: z.array(
    z.strictObject({
      file: z.string(),
      environment: z.strictObject({
        kind: z.enum(ENVIRONMENTS),
        platform: z.enum(['browser', 'react-native']).optional(),
        shipsToClient: z.boolean(),
        reasons: z.array(z.string()),
      }),
      /** Written by earlier versions, which listed every file (false: not parsed); accepted, never written. */
      analysed: z.boolean().optional(),
    }),
  ),
  clients: z.array(
    z.strictObject({
      id: z.string(),
      side: z.literal('client'),
      library: z.enum(CLIENT_LIBRARIES),
      via: z.enum(['import', 'require', 'global', 'provider', 'plugin', 'singleton']),
      location: locationSchema,
      key: valueRefSchema,
      options: z.record(z.string(), valueRefSchema),
      scope: z.string(),
    }),
  ),
  servers: z.array(
    z.strictObject({
      id: z.string(),
      side: z.literal('server'),
      library: z.enum(SERVER_LIBRARIES),
      construction: z.enum(['new', 'forURL', 'forCluster', 'module']),
      location: locationSchema,
      options: z.record(z.string(), valueRefSchema),
    }),
  ),
  operations: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.enum([...CLIENT_OPERATIONS, ...SERVER_OPERATIONS]),
      side: z.enum(['client', 'server']),
      instanceId: z.string().nullable(),
      location: locationSchema,
      channels: z.array(channelSchema),
      event: z.strictObject({ name: z.string().nullable(), pattern: z.string() }).nullable(),
      payload: z.string().nullable(),
      params: z.array(z.string()),
    }),
  ),
  envVars: z.array(z.strictObject({ name: z.string(), usedBy: z.array(z.string()) })),
});

/** Fails to compile when the schema and the TypeScript shape the engine builds drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const inventorySchemaMatchesType: Same<z.infer<typeof inventoryJsonSchema>, InventoryJson> = true;
void inventorySchemaMatchesType;

/** One finding as a baseline file records it (`--write-baseline`), and as the report lists entries that no longer occur. */
export const baselineEntrySchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  ruleId: z.string().min(1),
  file: z.string().min(1),
  /** Where it was when recorded: for people reading the file, never for matching. */
  line: z.number().int().positive(),
  snippet: z.string(),
});

/**
 * What the CI gate held back. `findings` are then only the new ones (not in the baseline, on
 * changed lines); `unchanged` keeps the others, so SARIF can still upload every alert (marked
 * `baselineState: unchanged`) and a comparison of two results sees the whole picture.
 */
export const gateSectionSchema = z.strictObject({
  diffBase: z.strictObject({ ref: z.string(), mergeBase: z.string(), outsideChangedLines: z.number().int().nonnegative() }).optional(),
  baseline: z.strictObject({ file: z.string(), known: z.number().int().nonnegative(), absent: z.array(baselineEntrySchema) }).optional(),
  unchanged: z.array(findingSchema),
});
export type GateSection = z.infer<typeof gateSectionSchema>;

const countsBy = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.number().int().nonnegative()])) as Record<T[number], z.ZodNumber>);

export const scanReportSchema = z.strictObject({
  schemaVersion: z.literal(SCAN_SCHEMA_VERSION),
  kind: z.literal('scan'),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  /** The scanned path as given on the command line: never an absolute path of the machine that ran it. */
  root: z.string(),
  summary: z.strictObject({
    /** Unsuppressed findings. */
    total: z.number().int().nonnegative(),
    bySeverity: countsBy(SEVERITIES),
    byCategory: countsBy(CATEGORIES),
    suppressed: z.number().int().nonnegative(),
    files: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
  }),
  findings: z.array(findingSchema),
  suppressed: z.array(suppressedFindingSchema),
  inventory: inventoryJsonSchema,
  skipped: z.array(z.strictObject({ file: z.string(), reason: z.string() })),
  errors: z.array(z.strictObject({ file: z.string().optional(), ruleId: z.string().optional(), message: z.string() })),
  cost: costReportSchema.optional(),
  probe: probeReportSchema.optional(),
  gate: gateSectionSchema.optional(),
  /** Architecture advice, pillar scorecard and improvement plan (versioned on its own: `advice.schemaVersion`). */
  advice: adviceSchema.optional(),
});

export type ScanReport = z.infer<typeof scanReportSchema>;
