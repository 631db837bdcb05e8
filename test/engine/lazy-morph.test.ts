import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateRepo } from '../bench/generate.js';
import { CLI_BIN as BIN } from '../helpers/bin.js';

const run = promisify(execFile);

/**
 * A repository without Pusher never loads ts-morph (and the TypeScript compiler it bundles): on a
 * CI runner that costs more than reading the whole tree. The CLI runs as a user runs it, in its own
 * process, with a preload that lists at exit which ts-morph modules Node loaded (`require.cache`
 * holds CommonJS modules whether `require` or an ES import loaded them). The tree is the bench's
 * generator's: library code that says `secret`, `key`, `echo`, `Event`, `channel` and `trigger` for
 * reasons of its own, a `tsconfig.json` with comments, React components and API routes.
 */

function probe(dir: string): { preload: string; out: string } {
  const preload = join(dir, 'probe.cjs');
  const out = join(dir, 'loaded.json');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/](ts-morph|@ts-morph)[\\\\/]/.test(k)))));\n`,
  );
  return { preload, out };
}

async function scanLoads(root: string, work: string): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const { preload, out } = probe(work);
  const result = await run(process.execPath, ['--require', preload, BIN, 'scan', root, '--format', 'json'], { maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
  );
  return { ...result, loaded: JSON.parse(readFileSync(out, 'utf8')) as string[] };
}

describe.skipIf(!existsSync(BIN))('ts-morph is loaded only when something needs a syntax tree', () => {
  it('a scan of a repository without Pusher never loads it, and still reports', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pa-lazy-'));
    const repo = generateRepo(join(work, 'repo'), { files: 400, pusher: false, seed: 3 });
    expect(repo.pusherFiles).toBe(0);
    writeFileSync(join(repo.root, 'tsconfig.json'), '{\n  // paths as a monorepo has them\n  "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["packages/*"] }, },\n}\n');
    const { code, stdout, loaded } = await scanLoads(repo.root, work);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { findings: unknown[]; inventory: { clients: unknown[]; servers: unknown[] } };
    expect(report.findings).toEqual([]);
    expect(report.inventory.clients).toEqual([]);
    expect(loaded).toEqual([]);
  }, 120_000);

  it('a scan of a repository with Pusher does load it (the probe sees a load when there is one)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pa-lazy-'));
    const repo = generateRepo(join(work, 'repo'), { files: 400, seed: 3 });
    expect(repo.pusherFiles).toBeGreaterThan(0);
    const { stdout, loaded } = await scanLoads(repo.root, work);
    const report = JSON.parse(stdout) as { inventory: { servers: unknown[] } };
    expect(report.inventory.servers.length).toBeGreaterThan(0);
    expect(loaded.some((m) => /ts-morph\.js$/.test(m))).toBe(true);
  }, 120_000);
});
