import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { scanReportSchema, type ScanReport } from '../../src/report/schema.js';
import { bufferIO, tempProject } from '../helpers/project.js';

/**
 * The CI gate against a real git repository: a base commit, then a commit that adds one violation
 * and moves an old one down its file. Both --diff-base and --baseline must report only the new one.
 */

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });

const SERVER_BASE = `import Pusher from 'pusher';

export const pusher = new Pusher({ appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET!, cluster: 'eu', useTLS: false });

export async function notify(orderId: string): Promise<void> {
  await pusher.trigger('private-orders', 'updated', { orderId });
}
`;

/** The same file with the old violation moved below a new function and re-indented. */
const SERVER_HEAD = `import Pusher from 'pusher';

export async function notify(orderId: string): Promise<void> {
  await pusher.trigger('private-orders', 'updated', { orderId });
}

export async function notifyShipped(orderId: string): Promise<void> {
  await pusher.trigger('private-orders', 'shipped', { orderId });
}

export const pusher = new Pusher({ appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!,  secret: process.env.PUSHER_SECRET!, cluster: 'eu',  useTLS: false });
`;

const CLIENT = `import Pusher from 'pusher-js';

export const client = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, { cluster: 'eu', forceTLS: false });
client.connection.bind('error', (err: unknown) => console.warn(err));
`;

async function cli(cwd: string, ...args: string[]) {
  const { io, stdout, stderr } = bufferIO(cwd);
  const code = await run(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

function repo(): string {
  const dir = tempProject({ 'package.json': '{"name":"shop","dependencies":{"pusher":"^5.0.0","pusher-js":"^8.0.0"}}\n', 'server/pusher.ts': SERVER_BASE });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

function headCommit(dir: string): void {
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'server/pusher.ts'), SERVER_HEAD);
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'head: one new violation, one moved');
}

const ids = (r: ScanReport) => r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

describe('the CI gate on a real git repository', () => {
  it('--diff-base reports only the finding the branch added, not the one it moved', async () => {
    const dir = repo();
    headCommit(dir);
    const all = scanReportSchema.parse(JSON.parse((await cli(dir, 'scan', '.', '--format', 'json')).stdout));
    expect(ids(all)).toEqual(['insecure-transport client.ts:3', 'insecure-transport server/pusher.ts:11']);

    const r = await cli(dir, 'scan', '.', '--format', 'json', '--diff-base', 'main');
    expect(r.code).toBe(1);
    const gated = scanReportSchema.parse(JSON.parse(r.stdout));
    expect(ids(gated)).toEqual(['insecure-transport client.ts:3']);
    expect(gated.gate?.diffBase).toMatchObject({ ref: 'main', outsideChangedLines: 1 });
    expect(gated.gate?.diffBase?.mergeBase).toBe(git(dir, 'rev-parse', 'main').trim());
    expect(gated.gate?.unchanged.map((f) => f.file)).toEqual(['server/pusher.ts']);
    expect(gated.summary.total).toBe(1);
  });

  it('--baseline likewise; moving code does not resurrect an entry, and fixed entries are listed', async () => {
    const dir = repo();
    const baselineFile = join(mkdtempSync(join(tmpdir(), 'pa-baseline-')), 'baseline.json');
    const written = await cli(dir, 'scan', '.', '--write-baseline', baselineFile);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('with 1 finding');
    expect(JSON.parse(readFileSync(baselineFile, 'utf8')).findings).toHaveLength(1);

    headCommit(dir);
    const r = await cli(dir, 'scan', '.', '--format', 'json', '--baseline', baselineFile);
    expect(r.code).toBe(1);
    const gated = scanReportSchema.parse(JSON.parse(r.stdout));
    expect(ids(gated)).toEqual(['insecure-transport client.ts:3']);
    expect(gated.gate?.baseline).toMatchObject({ known: 1, absent: [] });

    // Fixing the old finding leaves its entry absent, so the baseline can only shrink.
    writeFileSync(join(dir, 'server/pusher.ts'), SERVER_HEAD.replace('useTLS: false', 'useTLS: true'));
    const fixed = await cli(dir, 'scan', '.', '--baseline', baselineFile);
    expect(fixed.stderr).toContain('1 baseline entry no longer occurs');
    expect(fixed.stdout).toContain('No longer found, but still in');
    expect(fixed.stdout).toContain('server/pusher.ts:3  insecure-transport');
  });

  it('reports a secret added to a changed .env line on that line, while the client file that ships it is unchanged', async () => {
    const dir = tempProject({
      'package.json': '{"name":"web","dependencies":{"next":"^14.0.0","pusher-js":"^8.0.0"}}\n',
      'components/Live.tsx': "'use client';\nimport Pusher from 'pusher-js';\n\nexport const pusher = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, { cluster: 'eu' });\npusher.connection.bind('error', () => undefined);\n",
      '.env.local': 'NEXT_PUBLIC_PUSHER_KEY=278d425bdf160c739803\n',
    });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFileSync(join(dir, '.env.local'), 'NEXT_PUBLIC_PUSHER_KEY=278d425bdf160c739803\nNEXT_PUBLIC_PUSHER_SECRET=7ad3773142a6692b25b8\n');
    const r = await cli(dir, 'scan', '.', '--format', 'json', '--diff-base', 'main');
    const gated = scanReportSchema.parse(JSON.parse(r.stdout));
    expect(gated.findings.length).toBeGreaterThan(0);
    for (const f of gated.findings) expect(`${f.file}:${f.line}`).toBe('.env.local:2');
    expect(gated.findings.map((f) => f.ruleId)).toContain('client-side-authorization');
  });

  it('outside a work tree, or with an unknown ref: one line, exit 2', async () => {
    const plain = tempProject({ 'a.ts': 'export const a = 1;\n' });
    const outside = await cli(plain, 'scan', '.', '--diff-base', 'main');
    expect(outside).toMatchObject({ code: 2, stdout: '', stderr: 'pusher-advisor: --diff-base: . is not inside a git work tree\n' });
    const dir = repo();
    const unknown = await cli(dir, 'scan', '.', '--diff-base', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^pusher-advisor: --diff-base: unknown git ref "no-such-branch"[^\n]*\n$/);
    const option = await cli(dir, 'scan', '.', '--diff-base', '--output=x');
    expect(option.code).toBe(2);
  });
});
