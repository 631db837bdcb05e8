import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/engine/scan.js';
import { loadRules } from '../rules/index.js';
import { markersInDir, matchMarkers } from './helpers/markers.js';

const rules = await loadRules();

/**
 * One harness for every rule: scan `rules/<id>/fixtures/` as a project (through the real scan,
 * so the inventory and environments are built as for a user) with only that rule, and compare its
 * findings with the `ruleid:` / `ok:` markers both ways.
 */

describe.each(rules.map((r) => [r.meta.id, r] as const))('rule %s fixtures', (id, rule) => {
  const dir = join('rules', id, 'fixtures');

  it('findings match the ruleid/ok markers', async () => {
    expect(existsSync(dir), `${dir} is missing`).toBe(true);
    const result = await scan({ root: dir, rules: [rule] });
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
});
