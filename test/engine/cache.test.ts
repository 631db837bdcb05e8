import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { analysingCodeDigest, CACHE_FILE_NAME, configKey } from '../../src/engine/cache.js';
import { bufferIO } from '../helpers/project.js';

/**
 * `scan --cache` through the real CLI, on a copy of the demo app: a warm scan prints the same
 * bytes as a cold one, any edit is noticed, and a cache file that is not ours costs one warning.
 */

async function scanJson(dir: string, extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = bufferIO(process.cwd());
  const code = await run(['scan', dir, '--format', 'json', ...extra], io);
  return { code, stdout: stdout(), stderr: stderr() };
}

function demoCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'pa-cache-')), 'demo-app');
  cpSync(resolve('examples/demo-app'), dir, { recursive: true });
  return dir;
}

describe('scan --cache', () => {
  it('writes the cache under node_modules/.cache by default and reuses it with identical output', async () => {
    const dir = demoCopy();
    const cold = await scanJson(dir, []);
    const first = await scanJson(dir, ['--cache']);
    const file = join(dir, 'node_modules/.cache/pusher-advisor', CACHE_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    const stored = readFileSync(file, 'utf8');
    const warm = await scanJson(dir, ['--cache']);
    expect(JSON.parse(cold.stdout).findings.length).toBeGreaterThan(0);
    expect(first.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    expect(warm.stderr).toBe('');
    // A hit is not rewritten.
    expect(readFileSync(file, 'utf8')).toBe(stored);
  });

  it('notices a one-file change: the warm scan equals a cold scan of the edited tree', async () => {
    const dir = demoCopy();
    const location = join(dir, '..', 'cache-dir') + '/';
    await scanJson(dir, ['--cache', '--cache-location', location]);
    const before = JSON.parse((await scanJson(dir, ['--cache', '--cache-location', location])).stdout) as { findings: unknown[] };
    const target = join(dir, 'lib/pusher-server.ts');
    writeFileSync(target, `${readFileSync(target, 'utf8')}\nconst leaked = new Pusher({ appId: '1', key: 'k', secret: 'abcdefabcdefabcdefab', cluster: 'eu', useTLS: false });\n`);
    const warm = await scanJson(dir, ['--cache', '--cache-location', location]);
    const cold = await scanJson(dir, []);
    expect(warm.stdout).toBe(cold.stdout);
    expect((JSON.parse(warm.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(before.findings.length);
    expect(existsSync(join(location, CACHE_FILE_NAME))).toBe(true);
  });

  it('a rule set change is a miss, not a stale result', async () => {
    const dir = demoCopy();
    const location = join(dir, '..', 'cache.json');
    await scanJson(dir, ['--cache', '--cache-location', location]);
    const one = await scanJson(dir, ['--cache', '--cache-location', location, '--rule', 'insecure-transport']);
    const cold = await scanJson(dir, ['--rule', 'insecure-transport']);
    expect(one.stdout).toBe(cold.stdout);
  });

  it.each([
    ['garbage', 'not json at all {'],
    ['a foreign JSON file', JSON.stringify({ version: 7, entries: {} })],
    ['a truncated cache', 'TRUNCATE'],
  ])('ignores %s with one warning and rewrites it', async (_name, content) => {
    const dir = demoCopy();
    const location = join(dir, '..', 'cache.json');
    const cold = await scanJson(dir, []);
    if (content === 'TRUNCATE') {
      await scanJson(dir, ['--cache', '--cache-location', location]);
      writeFileSync(location, readFileSync(location, 'utf8').slice(0, 400));
    } else writeFileSync(location, content);
    const broken = await scanJson(dir, ['--cache', '--cache-location', location]);
    expect(broken.stdout).toBe(cold.stdout);
    expect(broken.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pusher-advisor: warning: ignoring cache file .*cache\.json: not a pusher-advisor-cache file or corrupt/)]);
    const again = await scanJson(dir, ['--cache', '--cache-location', location]);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(cold.stdout);
  });

  it('a cache file inside the scanned tree is never scanned itself', async () => {
    const dir = demoCopy();
    const cold = await scanJson(dir, []);
    const args = ['--cache', '--cache-location', join(dir, 'pusher-cache.json')];
    await scanJson(dir, args);
    const warm = await scanJson(dir, args);
    expect(warm.stdout).toBe(cold.stdout);
  });

  it('the key covers the analysing code, not only the version: a rebuilt tool never serves an older build\'s result', () => {
    const code = analysingCodeDigest();
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    expect(analysingCodeDigest()).toBe(code);
    const key = (c: string): string => configKey({ toolVersion: '1.0.0', code: c, ruleIds: ['a'], ruleOptions: {}, knownRuleIds: ['a'], prefilter: true });
    expect(key(code)).not.toBe(key(`${code.slice(1)}0`));
  });
});
