import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/engine/scan.js';
import { SEVERITIES, type Severity } from '../src/engine/types.js';
import { rules } from '../rules/index.js';
import { markersInDir, matchMarkers } from './helpers/markers.js';

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
  });
});

/**
 * The catalogue in rules/README.md states each message's severity; fixtures must produce exactly
 * those, so a rule cannot quietly report a `low` message at its default `high`.
 */
function catalogueSeverities(): Map<string, { fallback: Severity; byMessage: Map<string, Severity[]> }> {
  const out = new Map<string, { fallback: Severity; byMessage: Map<string, Severity[]> }>();
  const text = readFileSync(join('rules', 'README.md'), 'utf8');
  const catalogue = text.slice(text.indexOf('## The catalogue'));
  for (const line of catalogue.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const id = /^`([\w-]+)`$/.exec(cells[1] ?? '')?.[1];
    const fallback = cells[3] as Severity;
    if (!id || !SEVERITIES.includes(fallback)) continue;
    const byMessage = new Map<string, Severity[]>();
    for (const m of (cells[4] ?? '').matchAll(/`(\w+)`(?:\s*\(([^)]*)\))?/g)) {
      const named = SEVERITIES.filter((s) => new RegExp(`\\b${s}\\b`).test(m[2] ?? ''));
      byMessage.set(m[1]!, named.length > 0 ? named : [fallback]);
    }
    out.set(id, { fallback, byMessage });
  }
  return out;
}

describe('severities follow the catalogue', () => {
  const catalogue = catalogueSeverities();
  it.each(rules.map((r) => [r.meta.id, r] as const))('%s', async (id, rule) => {
    const entry = catalogue.get(id);
    expect(entry, `${id} is missing from the catalogue in rules/README.md`).toBeDefined();
    expect(rule.meta.severity).toBe(entry!.fallback);
    expect(new Set(Object.keys(rule.meta.messages))).toEqual(new Set(entry!.byMessage.keys()));
    const result = await scan({ root: join('rules', id, 'fixtures'), rules: [rule] });
    const wrong = result.findings
      .filter((f) => !(entry!.byMessage.get(f.messageId) ?? []).includes(f.severity))
      .map((f) => `${f.file}:${f.line} @${f.messageId} is ${f.severity}, catalogue says ${entry!.byMessage.get(f.messageId)?.join(' or ')}`);
    expect(wrong).toEqual([]);
  });
});
