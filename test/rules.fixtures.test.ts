import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/engine/scan.js';
import { loadRules } from '../rules/index.js';
import { markersInDir, matchMarkers } from './helpers/markers.js';
import { OPTION_CASES, optionCases } from './helpers/rule-options.js';

const rules = await loadRules();

/**
 * One harness for every rule: scan `rules/<id>/fixtures/` as a project (through the real scan,
 * so the inventory and environments are built as for a user) with only that rule, and compare its
 * findings with the `ruleid:` / `ok:` markers both ways. Each `fixtures/rule-options/<case>/` is
 * scanned the same way on its own, with the options its config file sets.
 */

describe.each(rules.map((r) => [r.meta.id, r] as const))('rule %s fixtures', (id, rule) => {
  const dir = join('rules', id, 'fixtures');

  it('findings match the ruleid/ok markers', async () => {
    expect(existsSync(dir), `${dir} is missing`).toBe(true);
    const result = await scan({ root: dir, rules: [rule], exclude: [`${OPTION_CASES}/`] });
    // Fixtures may hold odd files on purpose; the rule itself must never crash on them.
    expect(result.errors.filter((e) => e.ruleId !== undefined)).toEqual([]);
    const markers = markersInDir(dir);
    const match = matchMarkers(id, markers, result.findings);
    expect(match.mismatches, `fixtures of ${id} disagree with its markers:\n${match.mismatches.join('\n')}`).toEqual([]);
    expect(match.truePositives).toBeGreaterThan(0);
    const fired = new Set(result.findings.map((f) => f.messageId));
    const silent = Object.keys(rule.meta.messages).filter((m) => !fired.has(m));
    expect(silent, `${dir}: no fixture makes these messages fire; add a "ruleid: ${id} @<messageId>" case`).toEqual([]);
  });

  const cases = optionCases(id);
  if (cases.length > 0) it.each(cases.map((c) => [c.name, c] as const))('with options: %s', async (_name, c) => {
    const result = await scan({ root: c.dir, rules: [rule], ruleOptions: { [id]: c.options } });
    expect(result.errors.filter((e) => e.ruleId !== undefined)).toEqual([]);
    const markers = markersInDir(c.dir);
    expect(markers.filter((m) => m.ruleId === id), `${c.dir}: mark what the options change with ruleid/ok markers`).not.toEqual([]);
    const match = matchMarkers(id, markers, result.findings);
    expect(match.mismatches, `${c.dir} (options ${JSON.stringify(c.options)}) disagrees with its markers:\n${match.mismatches.join('\n')}`).toEqual([]);
    // Exercised means the options decide something: the same case with the defaults comes out otherwise.
    const plain = await scan({ root: c.dir, rules: [rule] });
    const at = (fs: typeof result.findings) => fs.map((f) => `${f.file}:${f.line} ${f.messageId}`);
    expect(at(plain.findings), `${c.dir}: the options change no finding; mark a line they decide`).not.toEqual(at(result.findings));
  });
});
