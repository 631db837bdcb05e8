import { beforeAll, describe, expect, it } from 'vitest';
import rule from '../../rules/hardcoded-credentials/index.js';
import { environmentOf } from '../../rules/hardcoded-credentials/config-files.js';
import { isPlaceholder, isPusherSecret, urlCredentials } from '../../rules/hardcoded-credentials/values.js';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/engine/types.js';

/**
 * What the fixture harness does not check: severities per message, what messages show of a
 * credential, which files a shared-key finding names, and the value heuristics on their own.
 */

describe('hardcoded-credentials on its fixtures', () => {
  let findings: Finding[];
  beforeAll(async () => {
    const result = await scan({ root: 'rules/hardcoded-credentials/fixtures', rules: [rule] });
    expect(result.errors).toEqual([]);
    findings = result.findings;
  });

  const at = (file: string, messageId: string) => findings.filter((f) => f.file === file && f.messageId === messageId);

  it('rates leaked secrets critical, literal keys and app ids low and shared keys medium', () => {
    const severities = new Map(findings.map((f) => [f.messageId, f.severity]));
    expect(Object.fromEntries(severities)).toEqual({
      secretLiteral: 'critical',
      secretFallback: 'critical',
      urlCredentials: 'critical',
      envFileSecret: 'critical',
      configFileSecret: 'critical',
      literalKey: 'low',
      literalAppId: 'low',
      sharedKeyAcrossEnvironments: 'medium',
    });
  });

  it('shows only the first 4 characters of a secret, in messages and snippets', () => {
    const secrets = ['8d2f4a6c0e1b3d5f7a9c', '7ad3773142a6692b25b8', 'f1e2d3c4b5a697887766', 'b3c4d5e6f708192a3b4c', 'a1b2c3d4e5f60718293a', '6c8e0a2b4d6f8a0c2e4b'];
    for (const f of findings) for (const s of secrets) expect(`${f.message} ${f.snippet}`).not.toContain(s);
    const [env] = at('.env.production', 'envFileSecret');
    expect(env?.message).toContain('`PUSHER_SECRET` in the committed env file .env.production holds the Pusher app secret (8d2f…)');
    expect(env?.snippet).toBe('PUSHER_SECRET="8d2f…"');
  });

  it('names the const that holds a secret and where it is used', () => {
    const [replay] = at('scripts/replay.ts', 'secretLiteral');
    expect(replay?.message).toContain('hard-coded in `PUSHER_SECRET` (used as the `secret` option of `new Pusher()`) (b3c4…)');
  });

  it('names the env var a fallback stands in for, also through config.get(name, default)', () => {
    expect(at('lib/pusher.ts', 'secretFallback')[0]?.message).toContain('when `PUSHER_SECRET` is unset');
    expect(at('src/pusher/pusher.module.ts', 'secretFallback')[0]?.message).toContain('when `PUSHER_SECRET` is unset');
  });

  it('reports a shared key on the later file and names the earlier one', () => {
    const shared = findings.filter((f) => f.messageId === 'sharedKeyAcrossEnvironments');
    expect(shared.map((f) => [f.file, f.line])).toEqual([['.env.production', 4]]);
    expect(shared[0]!.message).toContain('as .env.development (development)');
    expect(shared[0]!.message).toContain('in .env.production (production)');
  });

  it('calls the encryption master key by its name and its impact', () => {
    const [master] = at('server/encryption.ts', 'secretLiteral');
    expect(master?.message).toContain('encryption master key');
    expect(master?.message).toContain("read its messages");
  });

  it('never reports a key as a secret', () => {
    for (const f of at('server/index.js', 'literalKey')) expect(f.message).toContain('The key is public');
    expect(findings.filter((f) => f.file === 'config/pusher.json').map((f) => f.line)).toEqual([8]);
  });
});

describe('credential heuristics', () => {
  it('treats templates, soketi defaults, env references and fakes as placeholders', () => {
    for (const v of ['', 'your-pusher-secret', 'changeme', 'xxxxxxxx', '${PUSHER_SECRET}', 'PUSHER_SECRET', 'app-secret', 'fake-secret-123', '<secret>', '00000000000000000001']) {
      expect(isPlaceholder(v), v).toBe(true);
    }
    for (const v of ['7ad3773142a6692b25b8', 'pGJ0aW1lcy1maWxsZWQtd2l0aC1yYW5kb20tYnl0ZXM=', 's3cr3t-from-2019-rollout']) expect(isPlaceholder(v), v).toBe(false);
  });

  it('takes a generic secret name for Pusher only in a Pusher file and in Pusher format', () => {
    const none = { pusherNamed: false, paired: false, pusherFile: false };
    expect(isPusherSecret('7ad3773142a6692b25b8', 'KIOSK_SECRET', { ...none, pusherFile: true })).toBe(true);
    expect(isPusherSecret('7ad3773142a6692b25b8', 'KIOSK_SECRET', none)).toBe(false);
    expect(isPusherSecret('keyboard cat dog', 'secret', { ...none, pusherFile: true })).toBe(false);
    expect(isPusherSecret('s3cr3t-from-2019-rollout', 'secret', { ...none, paired: true })).toBe(true);
  });

  it('reads credentials from URLs only when the password is real', () => {
    expect(urlCredentials('https://278d425bdf160c739803:7ad3773142a6692b25b8@api-eu.pusher.com/apps/1')).toEqual({
      key: '278d425bdf160c739803',
      secret: '7ad3773142a6692b25b8',
      host: 'api-eu.pusher.com',
    });
    expect(urlCredentials('https://key:${PUSHER_SECRET}@api-eu.pusher.com/apps/1')).toBeUndefined();
    expect(urlCredentials('https://api-eu.pusher.com/apps/1')).toBeUndefined();
  });

  it('finds the deployment environment of env and config files', () => {
    expect(environmentOf('.env.production.local')).toBe('production');
    expect(environmentOf('.env.local')).toBe('development');
    expect(environmentOf('config/staging.json')).toBe('staging');
    expect(environmentOf('deploy/prod/pusher.yaml')).toBe('production');
    expect(environmentOf('docker-compose.prod.yml')).toBe('production');
    expect(environmentOf('.env')).toBeUndefined();
    expect(environmentOf('config/default.yml')).toBeUndefined();
  });
});
