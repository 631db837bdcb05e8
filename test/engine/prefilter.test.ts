import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../rules/index.js';
import { discoverFiles } from '../../src/discovery/walk.js';
import { scan, type ScanOptions } from '../../src/engine/scan.js';

const rules = await loadRules();

/**
 * The prefilter and the cache may only make a scan faster: on every project the repository holds
 * (rule fixtures, inventory fixtures, the corpus, the held-out apps, the examples), a scan that
 * parses and inventories every file and runs without a cache must give the same findings,
 * suppressions, inventory, architecture facts, skipped files and errors, to the byte, as a scan
 * with the prefilter and a cold cache, and as the next scan served from that cache. After a
 * one-file change (to a file without Pusher, to a Pusher file, and one giving a file its first
 * Pusher import), the scan that reuses what the cache kept must equal a scan without a cache.
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

  all.forEach((root, i) => {
    it(`change one file at a time in ${root}`, async () => {
      const copy = join(mkdtempSync(join(work, 'copy-')), 'project');
      cpSync(root, copy, { recursive: true });
      const files = (await discoverFiles(copy)).files.filter((f) => f.kind === 'source').map((f) => f.path);
      const says = (p: string): boolean => /pusher/i.test(readFileSync(join(copy, p), 'utf8'));
      const plain = files.find((p) => !says(p));
      const pusher = files.find(says);
      const cacheLocation = join(work, `change-${i}.json`);
      await report(copy, { cacheLocation });
      const changes: Array<[string | undefined, string]> = [
        [plain, '\nexport const cacheProbe = 1;\n'],
        // A secret next to Pusher code: a finding the reused analysis would miss.
        [pusher, "\nexport const pusherSecret = 'f3a9c8e1d2b4a6c8e0f1';\n"],
        [plain, "\nimport Pusher from 'pusher-js';\nexport const probeClient = new Pusher('probe-key', { cluster: 'eu' });\n"],
      ];
      for (const [file, text] of changes) {
        if (file === undefined) continue;
        appendFileSync(join(copy, file), text);
        const reused = await report(copy, { cacheLocation });
        const fresh = await report(copy, {});
        expect(reused.cached).toBe(false);
        expect(reused.text).toBe(fresh.text);
      }
    });
  });
});
