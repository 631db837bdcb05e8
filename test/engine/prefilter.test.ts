import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../rules/index.js';
import { scan, type ScanOptions } from '../../src/engine/scan.js';

const rules = await loadRules();

/**
 * The prefilter and the cache may only make a scan faster: on every project the repository holds
 * (rule fixtures, inventory fixtures, the corpus, the held-out apps, the examples), a scan that
 * parses and inventories every file and runs without a cache must give the same findings,
 * suppressions, inventory, architecture facts, skipped files and errors, to the byte, as a scan
 * with the prefilter and a cold cache, and as the next scan served from that cache.
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

async function report(root: string, extra: Partial<ScanOptions>): Promise<{ text: string; cached: boolean }> {
  const result = await scan({ root, rules, ...extra });
  const { stats, ...rest } = result;
  return { text: JSON.stringify(rest, null, 1), cached: stats.cached === true };
}

describe('prefilter and cache', () => {
  const all = projects();
  const work = mkdtempSync(join(tmpdir(), 'pa-same-'));

  it('finds the projects', () => {
    expect(all.length).toBeGreaterThan(25);
  });

  all.forEach((root, i) => {
    it(`change nothing in ${root}`, async () => {
      const cacheLocation = join(work, `${i}.json`);
      const full = await report(root, { prefilter: false });
      const cold = await report(root, { cacheLocation });
      const warm = await report(root, { cacheLocation });
      expect([cold.cached, warm.cached]).toEqual([false, true]);
      expect(cold.text).toBe(full.text);
      expect(warm.text).toBe(full.text);
    });
  });
});
