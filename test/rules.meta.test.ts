import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { REQUIREMENTS, type AnyRule } from '../src/engine/rule.js';
import { SEVERITIES } from '../src/engine/types.js';
import { loadRules } from '../rules/index.js';
import { markersInDir } from './helpers/markers.js';
import { optionCases, optionNames, UNEXERCISED_OPTIONS } from './helpers/rule-options.js';

const rules = await loadRules();

/**
 * Every rule folder is complete: code, docs with the fixed headings, fixtures with both kinds of
 * marker, and a registry entry. Failures say which file to edit.
 */

const RULES_DIR = 'rules';
const HEADINGS = ['Why', 'Examples', 'How to fix', 'Options', 'When not to use it'];
const folders = readdirSync(RULES_DIR).filter((name) => !name.startsWith('_') && statSync(join(RULES_DIR, name)).isDirectory());

describe('rule registry', () => {
  it('has one entry per rule folder, sorted by id, with unique ids', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size, 'duplicate rule ids in rules/index.ts').toBe(ids.length);
    expect(ids, 'rules/index.ts must list every folder under rules/ (add an import and an entry)').toEqual([...folders].sort());
  });
});

describe.each(folders)('rules/%s', (folder) => {
  const dir = join(RULES_DIR, folder);
  const rule: AnyRule | undefined = rules.find((r) => r.meta.id === folder);

  it('has index.ts, a registry entry and an id equal to the folder name', () => {
    expect(existsSync(join(dir, 'index.ts')), `create ${dir}/index.ts`).toBe(true);
    expect(rule, `add the rule in ${dir}/index.ts to rules/index.ts (its meta.id must be "${folder}")`).toBeDefined();
  });

  it('has valid meta: messages, severity, options with defaults', () => {
    expect(rule, `register ${dir}/index.ts in rules/index.ts`).toBeDefined();
    if (!rule) return;
    const meta = rule.meta;
    expect(meta.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(SEVERITIES).toContain(meta.severity);
    expect(meta.title.trim(), `${dir}/index.ts: meta.title`).not.toBe('');
    expect(meta.description.trim(), `${dir}/index.ts: meta.description`).not.toBe('');
    const entries = Object.entries(meta.messages);
    expect(entries.length, `${dir}/index.ts: meta.messages is empty`).toBeGreaterThan(0);
    for (const [id, message] of entries) {
      expect(id, `${dir}/index.ts: messageId "${id}" must be camelCase`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(message.text.trim(), `${dir}/index.ts: message "${id}" is empty`).not.toBe('');
    }
    expect(meta.appliesTo.length, `${dir}/index.ts: meta.appliesTo names no environment`).toBeGreaterThan(0);
    expect(meta.requires.every((r) => REQUIREMENTS.includes(r)), `${dir}/index.ts: meta.requires`).toBe(true);
    for (const id of Object.keys(meta.costLevers ?? {})) expect(meta.messages, `${dir}/index.ts: costLevers names unknown messageId "${id}"`).toHaveProperty(id);
    expect(meta.options.safeParse({}).success, `${dir}/index.ts: options must accept {} (give every option a default)`).toBe(true);
  });

  it('has a README.md titled with the id and the five headings in order', () => {
    const file = join(dir, 'README.md');
    expect(existsSync(file), `create ${file}`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0], `${file} must start with "# ${folder}"`).toBe(`# ${folder}`);
    const h2 = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    expect(h2.filter((h) => HEADINGS.includes(h)), `${file} needs the headings ${HEADINGS.join(' / ')}, in this order`).toEqual(HEADINGS);
  });

  it('has fixtures with at least one ruleid and one ok marker for this rule', () => {
    const fixtures = join(dir, 'fixtures');
    expect(existsSync(fixtures) && readdirSync(fixtures).length > 0, `add files to ${fixtures}/`).toBe(true);
    const markers = markersInDir(fixtures).filter((m) => m.ruleId === folder);
    expect(markers.some((m) => m.kind === 'ruleid'), `add a "ruleid: ${folder}" marker in ${fixtures}/`).toBe(true);
    expect(markers.some((m) => m.kind === 'ok'), `add an "ok: ${folder}" marker in ${fixtures}/`).toBe(true);
  });
});

describe('rule options', () => {
  const exercised = new Set<string>();
  const declared = new Set<string>();
  for (const rule of rules) {
    for (const name of optionNames(rule)) declared.add(`${rule.meta.id}.${name}`);
    for (const c of optionCases(rule.meta.id)) for (const name of Object.keys(c.options)) exercised.add(`${rule.meta.id}.${name}`);
  }

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s: every option case sets valid options of the rule', (id, rule) => {
    for (const c of optionCases(id)) {
      expect(Object.keys(c.options).length, `${c.dir}/pusher-advisor.config.json sets no option of ${id}`).toBeGreaterThan(0);
      const strict = rule.meta.options instanceof z.ZodObject ? rule.meta.options.strict() : rule.meta.options;
      expect(strict.safeParse(c.options).success, `${c.dir}: options ${JSON.stringify(c.options)} do not fit ${id}'s schema`).toBe(true);
    }
  });

  it('every option of every rule is set by a fixture case (beyond the listed, shrinking exceptions)', () => {
    const missing = [...declared].filter((o) => !exercised.has(o) && !(o in UNEXERCISED_OPTIONS)).sort();
    expect(missing, 'add rules/<id>/fixtures/rule-options/<case>/ with a pusher-advisor.config.json setting it').toEqual([]);
  });

  it('every listed unexercised option is still unexercised (remove covered ones from test/helpers/rule-options.ts)', () => {
    expect(Object.keys(UNEXERCISED_OPTIONS).filter((o) => exercised.has(o) || !declared.has(o))).toEqual([]);
  });
});
