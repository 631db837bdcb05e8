import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scanReportSchema } from '../../src/report/schema.js';
import { CLI_BIN as BIN } from '../helpers/bin.js';

const run = promisify(execFile);

/**
 * The README's first command runs the built CLI through npx, as a user on a fresh machine does.
 * `npm ci` builds it (prepare); a checkout that was never built has nothing to run yet.
 */
describe.skipIf(!existsSync(BIN))('the built command, as the README runs it', () => {
  it('is executable, so npx can start it whatever state node_modules is in', () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('scans the demo app through npx and exits 1 with a valid JSON report', async () => {
    const result = await run('npx', ['--no-install', 'pusher-advisor', 'scan', 'examples/demo-app', '--format', 'json']).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );
    expect(result.code).toBe(1);
    const report = scanReportSchema.parse(JSON.parse(result.stdout));
    expect(report.summary.total).toBeGreaterThan(10);
  }, 60_000);

  it('runs the README\'s first command: the text summary on stdout and the HTML report written', async () => {
    const first = /```sh\nnpm ci && npx (pusher-advisor [^\n]+)\n/.exec(readFileSync('README.md', 'utf8'))![1]!.split(' ');
    expect(first).toContain('--html');
    // The report goes to a temp folder instead of the checkout.
    const out = join(mkdtempSync(join(tmpdir(), 'pa-readme-')), 'report.html');
    const args = first.slice(1).map((a, i, all) => (all[i - 1] === '--html' ? out : a));
    const result = await run('npx', ['--no-install', 'pusher-advisor', ...args]).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Recommendation: Pro/);
    expect(result.stdout).toMatch(/\d+ findings \(.*\) · \d+ files scanned\n$/);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*id="pusher-advisor-result"/);
  }, 60_000);

  it('is the compiled CLI joined into one bundle: the same report, byte for byte, as the unbundled modules', async () => {
    const args = ['scan', 'examples/demo-app', '--format', 'sarif'];
    const outOf = (bin: string) => run(process.execPath, [bin, ...args], { maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout, (err: { stdout: string }) => err.stdout);
    const [bundled, modules] = await Promise.all([outOf(BIN), outOf('dist/src/cli/bin.js')]);
    expect(bundled.length).toBeGreaterThan(1000);
    expect(bundled).toBe(modules);
  }, 60_000);

  it('maps an internal error\'s stack back to the TypeScript under --debug, and shows no stack without it', async () => {
    // A preload makes the JSON reporter throw, as a bug in it would: the only way to reach the
    // internal-error path of a working build without changing it.
    const preload = join(mkdtempSync(join(tmpdir(), 'pa-debug-')), 'break-json.mjs');
    writeFileSync(preload, "const s = JSON.stringify; JSON.stringify = function (v, ...r) { if (v && typeof v === 'object' && 'findings' in v) throw new Error('reporter broke'); return s.call(this, v, ...r); };\n");
    const stderrOf = (extra: string[]) =>
      run(process.execPath, ['--import', preload, BIN, 'scan', 'examples/demo-app', '--format', 'json', ...extra]).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
      );
    const [debug, plain] = await Promise.all([stderrOf(['--debug']), stderrOf([])]);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toContain('internal error: reporter broke');
    expect(debug.stderr).toMatch(/at renderJson \(.*src[\\/]reporters[\\/]json\.ts:\d+:\d+\)/);
    // Only the entry, loaded before mapping is turned on, keeps its bundle position.
    expect(debug.stderr).not.toMatch(/dist[\\/]bundle[\\/](?!pusher-advisor\.js:)/);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('Run again with --debug for the stack trace.');
    expect(plain.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('exits with the scan\'s code and no error when the reader closes stdout early (`| head`)', async () => {
    const child = spawn(process.execPath, [BIN, 'scan', 'examples/demo-app', '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closing our end before anything is read makes the command's first write fail with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  }, 60_000);
});
