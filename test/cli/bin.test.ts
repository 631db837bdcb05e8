import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scanReportSchema } from '../../src/reporters/json.js';

const run = promisify(execFile);
const BIN = 'dist/src/cli/bin.js';

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
});
