import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { probeReportSchema } from '../../src/probe/index.js';
import { assertWellFormedXml, bufferIO, DEMO_APP, startExample, type ExampleServer } from './helpers.js';

let server: ExampleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * The argv for alice against the example server, with the secret from the environment; no load
 * unless `extra` has `--requests` or the test-only marker `--default-load`.
 */
function argv(s: ExampleServer, ...extra: string[]): string[] {
  return [
    'probe', 'auth',
    '--endpoint', `${s.base}/pusher/auth`,
    '--user-auth', `${s.base}/pusher/user-auth`,
    '--key', DEMO_APP.key,
    '--secret-env', 'PUSHER_APP_SECRET',
    '--cookie', s.cookie,
    '--channel', 'private-user-alice',
    '--presence', 'presence-room-1',
    '--deny-channel', 'private-user-bob',
    '--expect-user', 'alice',
    '--allow-insecure',
    ...(extra.includes('--requests') || extra.includes('--default-load') ? [] : ['--requests', '0']),
    ...extra.filter((a) => a !== '--default-load'),
  ];
}

const env = { PUSHER_APP_SECRET: DEMO_APP.secret };

describe('pusher-advisor probe auth', () => {
  it('exits 0 when every check passes or is skipped, and prints no secret or cookie value', async () => {
    server = await startExample();
    const { io, stdout, stderr } = bufferIO(env);
    expect(await run(argv(server), io)).toBe(0);
    expect(stdout()).toContain('7 passed, 0 failed, 2 skipped');
    expect(stdout()).toContain('credentials: cookie sid');
    const cookieValue = server.cookie.slice(server.cookie.indexOf('=') + 1);
    for (const text of [stdout(), stderr()]) {
      expect(text).not.toContain(DEMO_APP.secret);
      expect(text).not.toContain(cookieValue);
    }
  });

  it('exits 1 against the insecure server and writes JSON that validates against the schema', async () => {
    server = await startExample({ insecure: true });
    const { io, stdout } = bufferIO(env);
    expect(await run(argv(server, '--format', 'json'), io)).toBe(1);
    const report = probeReportSchema.parse(JSON.parse(stdout()));
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['requires-credentials', 'denies-channels', 'forged-identity']);
  });

  it('writes JUnit to --output and a text summary to stdout', async () => {
    server = await startExample({ insecure: true });
    const dir = mkdtempSync(join(tmpdir(), 'probe-cli-'));
    const { io, stdout } = bufferIO(env, dir);
    expect(await run(argv(server, '--format', 'junit', '--output', 'probe.xml'), io)).toBe(1);
    const xml = readFileSync(join(dir, 'probe.xml'), 'utf8');
    assertWellFormedXml(xml);
    expect(xml.match(/<failure /g)).toHaveLength(3);
    expect(xml).toContain('name="denies-channels: Refuses channels the user may not join"');
    expect(stdout()).toContain('4 passed, 3 failed, 2 skipped');
  });

  it('runs the load by default on loopback and reports the percentiles', async () => {
    server = await startExample({ rateLimit: false });
    const { io, stdout } = bufferIO(env);
    const args = argv(server, '--default-load', '--format', 'json', '--burst', '0', '--concurrency', '4', '--target-p95-ms', '60000');
    expect(await run(args, io)).toBe(0);
    const report = probeReportSchema.parse(JSON.parse(stdout()));
    expect(report.load).toMatchObject({ requests: 100, concurrency: 4, sent: 100, succeeded: 100 });
    expect(report.load?.p95Ms).toBeTypeOf('number');
    expect(server.total()).toBe(report.requests.sent);
  });

  it('takes channels from a saved scan, guessing pattern parts from --expect-user', async () => {
    server = await startExample();
    const dir = mkdtempSync(join(tmpdir(), 'probe-scan-'));
    writeFileSync(
      join(dir, 'scan.json'),
      JSON.stringify({
        inventory: {
          operations: [
            {
              kind: 'subscribe',
              channels: [
                { name: null, pattern: 'private-user-${…}', type: 'private' },
                { name: null, pattern: 'presence-team-${…}', type: 'presence' },
              ],
            },
          ],
        },
      }),
    );
    const { io, stdout } = bufferIO(env, dir);
    const args = ['probe', 'auth', '--endpoint', `${server.base}/pusher/auth`, '--key', DEMO_APP.key, '--secret-env', 'PUSHER_APP_SECRET'];
    expect(await run([...args, '--cookie', server.cookie, '--scan', 'scan.json', '--expect-user', 'alice', '--allow-insecure', '--requests', '0', '--burst', '0'], io)).toBe(0);
    expect(stdout()).toContain('private-user-alice (from scan pattern private-user-${…}, dynamic part set to "alice"): signature matches');
    expect(stdout()).toContain('presence-team-alice (from scan pattern presence-team-${…}, dynamic part set to "alice"): HTTP 403; the name was guessed');
    // Refusals of a guessed presence channel say nothing about identity: skipped, not passed.
    expect(stdout()).toMatch(/SKIP {2}forged-identity +no forged request reached a joinable channel/);
  });

  it('takes channels from a project directory, scanning it for its subscriptions', async () => {
    server = await startExample();
    const dir = mkdtempSync(join(tmpdir(), 'probe-scan-dir-'));
    mkdirSync(join(dir, 'app', 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'app', 'src', 'realtime.ts'),
      "import Pusher from 'pusher-js';\nconst pusher = new Pusher('k', { cluster: 'eu' });\nexport function follow(userId: string) {\n  return pusher.subscribe(`private-user-${userId}`);\n}\n",
    );
    const { io, stdout } = bufferIO(env, dir);
    const args = ['probe', 'auth', '--endpoint', `${server.base}/pusher/auth`, '--key', DEMO_APP.key, '--secret-env', 'PUSHER_APP_SECRET'];
    expect(await run([...args, '--cookie', server.cookie, '--scan', 'app', '--expect-user', 'alice', '--allow-insecure', '--requests', '0', '--burst', '0'], io)).toBe(0);
    expect(stdout()).toContain('private-user-alice (from scan pattern private-user-${userId}, dynamic part set to "alice"): signature matches');
  });

  it('names a wrong secret by its first four characters only', async () => {
    server = await startExample();
    const { io, stdout } = bufferIO({ PUSHER_APP_SECRET: 'c0ffeec0ffeec0ffeec0' });
    expect(await run(argv(server, '--burst', '0'), io)).toBe(1);
    expect(stdout()).toContain('secret mismatch');
    expect(stdout()).toContain('(c0ff…)');
    expect(stdout()).not.toContain('c0ffeec0ffeec0ffeec0');
  });

  it.each([
    [['probe', 'auth', '--key', 'k'], /required option '--endpoint <url>' not specified/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'nope'], /--endpoint is not a URL/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'http://auth.example.com/pusher/auth', '--allow-insecure'], /--allow-insecure is for loopback hosts only/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'https://auth.example.com/a', '--secret', 'x', '--secret-env', 'S'], /--secret or --secret-env, not both/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'https://auth.example.com/a', '--secret-env', 'MISSING'], /environment variable MISSING is not set/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'https://auth.example.com/a', '--presence', 'private-x'], /a presence channel name starts with "presence-"/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'https://auth.example.com/a', '--requests', 'many'], /expected a whole number/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'https://auth.example.com/a', '--format', 'sarif'], /Allowed choices are text, json, junit/],
    [['probe', 'auth', '--key', 'k', '--endpoint', 'https://auth.example.com/a', '--scan', 'missing.json'], /missing\.json: cannot read \(ENOENT\)/],
  ])('exits 2 on a usage error without sending anything: %j', async (args, message) => {
    const { io, stderr } = bufferIO();
    expect(await run(args, io)).toBe(2);
    expect(stderr()).toMatch(message);
  });
});
