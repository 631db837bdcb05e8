import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import { configureRules } from '../../src/engine/runner.js';
import { scan } from '../../src/engine/scan.js';
import { UserError } from '../../src/errors.js';
import { ENVIRONMENTS } from '../../src/inventory/types.js';
import { buildScanReport } from '../../src/report/build.js';
import { renderJson } from '../../src/reporters/json.js';
import { renderText } from '../../src/reporters/text.js';
import { flagRule, tempProject } from '../helpers/project.js';

const tool = { name: 'pusher-advisor', version: '0.0.0-test' };

function testRule(id: string, check: AnyRule['check'], messages: Record<string, string> = { m: 'message {{text}}' }): AnyRule {
  return defineRule({
    meta: {
      id,
      title: id,
      description: 'Test rule.',
      category: 'security',
      severity: 'low',
      appliesTo: ENVIRONMENTS,
      requires: ['text'],
      options: z.object({}),
      messages: Object.fromEntries(Object.entries(messages).map(([k, text]) => [k, { text }])),
    },
    check,
  });
}

describe('rule isolation', () => {
  it('turns a throwing rule into an error naming it, and still runs the other rules', async () => {
    const root = tempProject({ 'a.ts': 'FLAG(one)\n' });
    const boom = testRule('boom', () => {
      throw new Error('kaboom');
    });
    const result = await scan({ root, rules: [boom, flagRule] });
    expect(result.errors).toEqual([{ ruleId: 'boom', message: 'internal error in rule boom: kaboom' }]);
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['flag', 'a.ts', 1]]);
  });

  it('isolates one file inside forFile: the rule goes on with the next file', async () => {
    const root = tempProject({ 'a.ts': 'FLAG(a)\n', 'b.ts': 'FLAG(b)\n', 'c.ts': 'FLAG(c)\n' });
    const picky = testRule('picky', (ctx) => {
      for (const file of ctx.model.files) {
        ctx.forFile(file.path, () => {
          if (file.path === 'b.ts') throw new Error('cannot handle b');
          ctx.report({ file: file.path, range: { line: 1, column: 1, endLine: 1, endColumn: 8 }, messageId: 'm', data: { text: file.path } });
        });
      }
    });
    const result = await scan({ root, rules: [picky] });
    expect(result.errors).toEqual([{ ruleId: 'picky', file: 'b.ts', message: 'internal error in rule picky: cannot handle b' }]);
    expect(result.findings.map((f) => f.file)).toEqual(['a.ts', 'c.ts']);
  });

  it('refuses a severity the message does not declare, and drops reports outside meta.appliesTo', async () => {
    const root = tempProject({ 'src/a.ts': 'x\n', 'src/a.test.ts': 'x\n' });
    const loud = testRule('loud', (ctx) => ctx.report({ file: 'src/a.ts', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, messageId: 'm', data: { text: 'x' }, severity: 'critical' }));
    expect((await scan({ root, rules: [loud] })).errors).toEqual([
      { ruleId: 'loud', message: 'internal error in rule loud: severity "critical" is not declared for this message (declare it in otherSeverities)' },
    ]);
    const everywhere = testRule('everywhere', (ctx) => {
      for (const file of ctx.model.files) ctx.report({ file: file.path, range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, messageId: 'm', data: { text: String(ctx.appliesTo(file.path)) } });
    });
    const notInTests = { ...everywhere, meta: { ...everywhere.meta, appliesTo: ['client', 'server', 'shared', 'unknown'] as const } };
    expect((await scan({ root, rules: [everywhere] })).findings.map((f) => f.file)).toEqual(['src/a.test.ts', 'src/a.ts']);
    expect((await scan({ root, rules: [notInTests] })).findings.map((f) => [f.file, f.message])).toEqual([['src/a.ts', 'message true']]);
  });

  it('treats an unknown messageId and a missing placeholder as internal errors of the rule', async () => {
    const root = tempProject({ 'a.ts': 'x\n' });
    const badId = testRule('bad-id', (ctx) => ctx.report({ file: 'a.ts', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, messageId: 'nope' }));
    const badData = testRule('bad-data', (ctx) => ctx.report({ file: 'a.ts', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, messageId: 'm' }));
    const result = await scan({ root, rules: [badId, badData] });
    expect(result.findings).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'internal error in rule bad-id: unknown messageId "nope"',
      'internal error in rule bad-data: message placeholder {{text}} has no data',
    ]);
  });
});

describe('findings', () => {
  it('fills message, severity override, category, snippet and range', async () => {
    const root = tempProject({ 'src/a.ts': 'const x = 1;\n   call(FLAG(loud));   \n' });
    const [f] = (await scan({ root, rules: [flagRule] })).findings;
    expect(f).toMatchObject({
      ruleId: 'flag',
      messageId: 'loud',
      severity: 'high',
      category: 'maintainability',
      message: 'LOUD flag loud.',
      file: 'src/a.ts',
      line: 2,
      column: 9,
      endLine: 2,
      endColumn: 19,
      snippet: 'call(FLAG(loud));',
    });
    expect(f!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps fingerprints when lines move, and tells identical code apart by occurrence', async () => {
    const before = await scan({ root: tempProject({ 'a.ts': 'FLAG(a)\nFLAG(b)\nFLAG(a)\n' }), rules: [flagRule] });
    const after = await scan({ root: tempProject({ 'a.ts': '// new header\n\nFLAG(a)\n\n  FLAG(b)\nother();\nFLAG(a)\n' }), rules: [flagRule] });
    const fps = (r: typeof before) => r.findings.map((f) => f.fingerprint);
    expect(fps(after)).toEqual(fps(before));
    expect(new Set(fps(before)).size).toBe(3);
    const renamedFile = await scan({ root: tempProject({ 'b.ts': 'FLAG(a)\nFLAG(b)\nFLAG(a)\n' }), rules: [flagRule] });
    expect(fps(renamedFile).filter((fp) => fps(before).includes(fp))).toEqual([]);
  });

  it('is stable across runs and sorted by file, line, column, rule, message', async () => {
    const root = tempProject({ 'b.ts': 'FLAG(z) FLAG(a)\n', 'a.ts': '\nFLAG(x)\nFLAG(y)\n', 'a/z.ts': 'FLAG(q)\n' });
    const other = testRule('aaa', (ctx) => ctx.report({ file: 'b.ts', range: { line: 1, column: 1, endLine: 1, endColumn: 8 }, messageId: 'm', data: { text: 't' } }));
    const first = await scan({ root, rules: [flagRule, other] });
    const second = await scan({ root, rules: [other, flagRule] });
    expect(first.findings).toEqual(second.findings);
    expect(first.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      'a.ts:2:1:flag',
      'a.ts:3:1:flag',
      'a/z.ts:1:1:flag',
      'b.ts:1:1:aaa',
      'b.ts:1:1:flag',
      'b.ts:1:9:flag',
    ]);
  });

  it('drops a finding a rule reports twice for the same place and message', async () => {
    const twice = testRule('twice', (ctx) => {
      for (let i = 0; i < 2; i++) ctx.report({ file: 'a.ts', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, messageId: 'm', data: { text: 'same' } });
    });
    const result = await scan({ root: tempProject({ 'a.ts': 'x\n' }), rules: [twice] });
    expect(result.findings).toHaveLength(1);
  });
});

describe('secret scrubbing', () => {
  const SECRET = 'sk_live_9f8e7d6c5b4a';
  const EXTRA = 'extra-secret-42';
  const project = () =>
    tempProject({
      'server/pusher.ts': `import Pusher from 'pusher';\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: '${SECRET}', cluster: 'eu' });\n`,
      'config.ts': `export const token = '${EXTRA}'; // FLAG(t)\n`,
    });
  const leaky = testRule(
    'leaky',
    (ctx) => {
      for (const server of ctx.model.inventory.servers) ctx.report({ node: server.node, messageId: 'm', data: { text: server.node.getText() } });
      ctx.report({ file: 'config.ts', range: { line: 1, column: 1, endLine: 1, endColumn: 10 }, messageId: 'm', data: { text: EXTRA }, secrets: [EXTRA] });
    },
    { m: 'saw {{text}}' },
  );

  it('replaces every known secret by its first 4 characters in messages, snippets, text and JSON', async () => {
    const result = await scan({ root: project(), rules: [leaky] });
    expect(result.findings).toHaveLength(2);
    const report = buildScanReport(result, { tool });
    const outputs = [renderJson(report), renderText(report, { color: false }), renderText(report, { color: true })];
    for (const out of outputs) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(EXTRA);
    }
    const server = result.findings.find((f) => f.file === 'server/pusher.ts')!;
    expect(server.message).toContain('sk_l…');
    expect(server.snippet).toContain("secret: 'sk_l…'");
    expect(result.findings.find((f) => f.file === 'config.ts')!.message).toBe('saw extr…');
  });
});

describe('configureRules', () => {
  const withOptions = defineRule({
    meta: {
      id: 'opts',
      title: 'opts',
      description: 'Test rule.',
      category: 'security',
      severity: 'low',
      appliesTo: ENVIRONMENTS,
      requires: [],
      options: z.object({ limit: z.number().int().default(3) }),
      messages: { m: { text: 'm' } },
    },
    check: () => undefined,
  });

  it('applies defaults and names the rule and field of an invalid option', () => {
    expect(configureRules([withOptions])[0]!.options).toEqual({ limit: 3 });
    expect(() => configureRules([withOptions], { opts: { limit: 'many' } })).toThrow(UserError);
    expect(() => configureRules([withOptions], { opts: { limit: 'many' } })).toThrow(/^rule opts: option limit: /);
    expect(() => configureRules([withOptions], { other: {} })).toThrow('options given for unknown or disabled rule "other"');
  });
});
