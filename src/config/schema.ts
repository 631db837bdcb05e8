import * as z from 'zod';
import type { AnyRule } from '../engine/rule.js';
import { SEVERITIES } from '../engine/types.js';
import { FAIL_ON } from '../gate/policy.js';

/**
 * The config file's shape, built from the rule registry so that rule ids and each rule's own
 * options are checked (and completed in editors, through the generated JSON Schema). Strict at
 * every level: a typo is an error, not a silently ignored key.
 */

export const CONFIG_FILES = ['pusher-advisor.config.json', '.pusher-advisorrc.json', '.pusher-advisorrc.yaml', '.pusher-advisorrc.yml'] as const;

/** Where the shipped JSON Schema sits in an installed package, for `$schema`. */
export const SCHEMA_PATH = 'node_modules/pusher-advisor/dist/config.schema.json';

function strictOptions(schema: AnyRule['meta']['options']): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

function ruleEntry(rule: AnyRule) {
  const setting = z.enum(['off', 'on', ...SEVERITIES]).describe('"off", "on" (its own severities), or one severity for all its findings');
  return z.union([
    setting,
    z.strictObject({
      enabled: z.boolean().optional(),
      severity: z.enum(SEVERITIES).optional().describe('one severity for all of the rule\'s findings'),
      options: strictOptions(rule.meta.options).optional(),
    }),
  ]).describe(rule.meta.title);
}

export function configSchema(rules: readonly AnyRule[]) {
  return z.strictObject({
    $schema: z.string().optional().describe(`JSON Schema for editor completion, e.g. "./${SCHEMA_PATH}"`),
    rules: z.strictObject(Object.fromEntries(rules.map((r) => [r.meta.id, ruleEntry(r).optional()]))).optional(),
    include: z.array(z.string().min(1)).optional().describe('only scan files matching these gitignore-style globs'),
    ignore: z.array(z.string().min(1)).optional().describe('also skip files matching these gitignore-style globs'),
    maxFileSize: z.union([z.number().int().positive(), z.string().regex(/^\d+(\.\d+)?\s*([kKmM][iI]?[bB]?|[bB])?$/)]).optional().describe('skip larger files: bytes, or "512k", "2MB"'),
    usage: z.string().min(1).optional().describe('usage export or assumptions file, relative to this file'),
    plan: z.string().regex(/^[a-z0-9-]+$/).optional().describe('the Pusher plan the account is on now (startup, pro, …)'),
    failOn: z.enum(FAIL_ON).optional(),
    maxFindings: z.number().int().nonnegative().optional(),
    failOnCostIncrease: z.string().regex(/^\d+(\.\d+)?%?$/).optional().describe('diff: fail when the monthly cost rises by more than this many dollars, or percent with "%"'),
    baseline: z.string().min(1).optional().describe('baseline file, relative to this file'),
  });
}

export type PusherAdvisorConfig = z.infer<ReturnType<typeof configSchema>>;

/** The JSON Schema shipped in the package (`dist/config.schema.json`), for `$schema` in editors. */
export function configJsonSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema(rules), { io: 'input', target: 'draft-2020-12' }),
    title: 'pusher-advisor configuration',
  };
}
