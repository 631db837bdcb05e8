import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../rules/index.js';
import { scan, type ScanOptions } from '../../src/engine/scan.js';

const rules = await loadRules();

/**
 * The prefilter and the cache may only make a scan faster: on every project the repository holds
 * (rule fixtures, inventory fixtures, the corpus, the held-out apps, the examples), a scan that
 * parses and inventories every file and runs without a cache must give the same findings,
 * suppressions, inventory, skipped files and errors, to the byte.
 */

function projects(): string[] {
  const out: string[] = ['examples/demo-app', 'examples/auth-server'];
  const sub = (dir: string): string[] =>
    readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((p) => statSync(p).isDirectory());
  for (const rule of sub('rules')) {
    const fixtures = join(rule, 'fixtures');
    if (statSync(fixtures, { throwIfNoEntry: false })?.isDirectory()) out.push(fixtures);
  }
  out.push(...sub('test/fixtures/inventory'));
  for (const dir of readdirSync('test').filter((d) => d === 'corpus' || d.startsWith('heldout'))) out.push(...sub(join('test', dir)));
  return out;
}

async function report(root: string, extra: Partial<ScanOptions>): Promise<string> {
  const result = await scan({ root, rules, ...extra });
  const { stats: _stats, ...rest } = result;
  return JSON.stringify(rest, null, 1);
}

describe('prefilter', () => {
  const all = projects();

  it('finds the projects', () => {
    expect(all.length).toBeGreaterThan(25);
  });

  for (const root of all) {
    it(`changes nothing in ${root}`, async () => {
      const full = await report(root, { prefilter: false });
      const fast = await report(root, {});
      expect(fast).toBe(full);
    });
  }
});
