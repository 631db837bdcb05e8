import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { AnyRule } from '../../src/engine/rule.js';

/**
 * Rule options in fixtures, RuleTester style: `rules/<id>/fixtures/rule-options/<case>/` is a small
 * project of its own with a `pusher-advisor.config.json` that sets the rule's options, exactly as a
 * user would. The fixture harness scans each case alone with those options and compares its
 * markers; the default scan of `rules/<id>/fixtures/` leaves the cases out.
 */

export const OPTION_CASES = 'rule-options';
export const CASE_CONFIG = 'pusher-advisor.config.json';

export interface OptionCase {
  /** Repo-relative folder of the case. */
  dir: string;
  name: string;
  /** The rule's options as the case's config file sets them. */
  options: Record<string, unknown>;
}

/**
 * Options no fixture case sets yet, each with what would cover it. The list may only shrink: an
 * option without a case fails the meta test, and so does an entry here that a case now covers.
 */
export const UNEXERCISED_OPTIONS: Readonly<Record<string, string>> = {};

export function optionCases(ruleId: string): OptionCase[] {
  const root = join('rules', ruleId, 'fixtures', OPTION_CASES);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(root, name).split('\\').join('/');
      const config = JSON.parse(readFileSync(join(dir, CASE_CONFIG), 'utf8')) as { rules?: Record<string, { options?: Record<string, unknown> }> };
      return { dir, name, options: config.rules?.[ruleId]?.options ?? {} };
    });
}

/** The option names a rule declares (its options schema is an object of them). */
export function optionNames(rule: AnyRule): string[] {
  const schema = rule.meta.options;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape).sort() : [];
}
