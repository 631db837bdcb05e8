import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { planAuthProbe, PROBE_CHECK_IDS, runAuthProbe, type ProbeReport } from '../../src/probe/index.js';
import { DEMO_APP, exampleProbe, listen, startExample, type ExampleServer } from './helpers.js';

let server: ExampleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function statuses(report: ProbeReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

function check(report: ProbeReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

function evidence(report: ProbeReport, id: string): string {
  const c = check(report, id);
  return [c.summary, ...c.evidence].join('\n');
}

describe('probe against the example server, secure mode', () => {
  it('passes every check; HTTPS is skipped on loopback with allowInsecure and says so', async () => {
    server = await startExample();
    const report = await runAuthProbe(exampleProbe(server));

    expect(report.checks.map((c) => c.id)).toEqual([...PROBE_CHECK_IDS]);
    expect(statuses(report)).toEqual({
      https: 'skipped',
      'channel-signature': 'pass',
      'user-signature': 'pass',
      'requires-credentials': 'pass',
      'denies-channels': 'pass',
      'forged-identity': 'pass',
      'rejects-malformed': 'pass',
      'rate-limit': 'pass',
      latency: 'pass',
    });
    expect(evidence(report, 'https')).toMatch(/plain HTTP on loopback host 127\.0\.0\.1, allowed by --allow-insecure/);
    expect(evidence(report, 'channel-signature')).toContain("private-user-alice: signature matches the SDK's authorizeChannel");
    expect(evidence(report, 'channel-signature')).toContain("presence-room-1: signature matches the SDK's authorizeChannel");
    expect(evidence(report, 'user-signature')).toContain("signature matches the SDK's authenticateUser");
    expect(evidence(report, 'requires-credentials')).toMatch(/private-user-alice without credentials: refused with HTTP 401/);
    expect(evidence(report, 'denies-channels')).toContain('private-user-bob: refused with HTTP 403');
    expect(evidence(report, 'forged-identity')).toMatch(/presence-room-1 \(form[^)]*\): channel_data\.user_id is "alice" \(the session user\)/);
    expect(evidence(report, 'forged-identity')).toMatch(/user auth \(JSON[^)]*\): user_data\.id is "alice"/);
    expect(evidence(report, 'rejects-malformed')).toMatch(/channel "#server-to-user-alice" \(reserved "#" prefix\): refused with HTTP 400/);
    expect(evidence(report, 'rate-limit')).toMatch(/first 429 at request \d+ of the burst/);
    expect(report.burst?.firstLimitedAt).toBeGreaterThan(0);
    expect(report.load).toMatchObject({ requests: 20, sent: 20, succeeded: 20, failed: 0, rateLimited: 0, successRate: 1 });
    expect(report.summary).toEqual({ passed: 8, failed: 0, skipped: 1 });
  });
});

describe('probe against the example server, insecure mode', () => {
  it('fails exactly the credential, deny and identity checks, with the evidence', async () => {
    server = await startExample({ insecure: true });
    const report = await runAuthProbe(exampleProbe(server));

    expect(statuses(report)).toEqual({
      https: 'skipped',
      'channel-signature': 'pass',
      'user-signature': 'pass',
      'requires-credentials': 'fail',
      'denies-channels': 'fail',
      'forged-identity': 'fail',
      // The SDK itself refuses to sign these, so even the insecure server cannot.
      'rejects-malformed': 'pass',
      'rate-limit': 'pass',
      latency: 'pass',
    });
    expect(evidence(report, 'requires-credentials')).toMatch(/private-user-alice without credentials: signed for a caller with no cookie or header \(HTTP 200\)/);
    expect(evidence(report, 'requires-credentials')).toMatch(/user auth without credentials: signed/);
    expect(evidence(report, 'denies-channels')).toMatch(/private-user-bob: signed for this session \(HTTP 200\); it must be refused/);
    expect(evidence(report, 'forged-identity')).toMatch(
      /presence-room-1 \(form[^)]*\): channel_data\.user_id is "forged-[0-9a-f]{8}", the forged value posted in the request/,
    );
    expect(evidence(report, 'forged-identity')).toMatch(/user auth \(JSON[^)]*\): user_data\.id is "forged-[0-9a-f]{8}"/);
    expect(evidence(report, 'rejects-malformed')).toMatch(/not signed, but HTTP 500/);
  });

  it('fails the rate-limit check when the server has no limiter', async () => {
    server = await startExample({ rateLimit: false });
    const report = await runAuthProbe({ ...exampleProbe(server), requests: 0 });
    expect(check(report, 'rate-limit')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/^no 429 in a burst of 30 requests/) });
    expect(evidence(report, 'rate-limit')).toContain('answers: HTTP 200 ×30');
    expect(check(report, 'latency')).toMatchObject({ status: 'skipped', summary: 'no load requested (requests 0)' });
  });
});

describe('signatures made with other credentials', () => {
  it('names a secret mismatch when the server signs with another secret', async () => {
    server = await startExample({ secret: 'c0ffeec0ffeec0ffeec0' });
    const report = await runAuthProbe({ ...exampleProbe(server), requests: 0, burst: 0 });
    expect(check(report, 'channel-signature').status).toBe('fail');
    expect(check(report, 'user-signature').status).toBe('fail');
    expect(evidence(report, 'channel-signature')).toMatch(/private-user-alice: secret mismatch: .*given secret \(dead…\)/);
    expect(evidence(report, 'user-signature')).toMatch(/user auth: secret mismatch/);
    expect(JSON.stringify(report)).not.toContain('deadbeefdeadbeefdead');
  });

  it('names a key mismatch when the server signs for another app key', async () => {
    server = await startExample({ key: 'abadcafeabadcafeabad' });
    const report = await runAuthProbe({ ...exampleProbe(server), requests: 0, burst: 0 });
    expect(check(report, 'channel-signature').status).toBe('fail');
    expect(evidence(report, 'channel-signature')).toMatch(/key mismatch: signed for app key "abadcafeabadcafeabad", not "feedfacefeedfacefeed"/);
  });

  it('checks only the key without a secret, and skips rather than passes', async () => {
    server = await startExample();
    const { secret: _secret, ...withoutSecret } = exampleProbe(server);
    const report = await runAuthProbe({ ...withoutSecret, requests: 0, burst: 0 });
    expect(check(report, 'channel-signature')).toMatchObject({ status: 'skipped' });
    expect(evidence(report, 'channel-signature')).toContain('key feedfacefeedfacefeed matches; signature not verified (no secret given)');
    expect(report.target.secretGiven).toBe(false);
  });
});

describe('the request bound', () => {
  it('never sends more than the planned requests, and sends them only to the endpoints', async () => {
    server = await startExample({ rateLimit: false });
    const options = { ...exampleProbe(server), requests: 40, concurrency: 8, burst: 12 };
    const planned = planAuthProbe(options);
    const report = await runAuthProbe(options);

    expect(report.requests.planned).toBe(planned.total);
    expect(planned).toMatchObject({ burst: 12, load: 40, total: planned.functional + 52 });
    expect(server.total()).toBe(report.requests.sent);
    expect(server.total()).toBeLessThanOrEqual(planned.total);
    // Without a limiter the burst is sent in full, so the bound is reached exactly.
    expect(report.requests.sent).toBe(planned.total);
    expect([...server.hits.keys()].sort()).toEqual(['/pusher/auth', '/pusher/user-auth']);
  });

  it('stops the burst at the first 429', async () => {
    server = await startExample({ rateLimit: { max: 2, windowMs: 60_000 } });
    const report = await runAuthProbe({
      ...exampleProbe(server),
      channels: [],
      denyChannels: [],
      userAuthEndpoint: undefined,
      requests: 0,
      burst: 50,
    });
    expect(report.burst?.sent).toBeLessThan(50);
    expect(server.total()).toBe(report.requests.sent);
    expect(server.total()).toBeLessThan(report.requests.planned);
  });
});

describe('an endpoint that signs without validating its input', () => {
  it('fails rejects-malformed and names what it signed', async () => {
    // The SDK's own signing, minus the validation authorizeChannel does first: what a hand-rolled endpoint does.
    const require = createRequire(import.meta.url);
    const { getSocketSignature } = require('pusher/lib/auth.js') as {
      getSocketSignature(p: unknown, t: unknown, channel: string, socketId: string): { auth: string };
    };
    const Token = require('pusher/lib/token.js') as new (k: string, s: string) => unknown;
    const token = new Token(DEMO_APP.key, DEMO_APP.secret);
    const sloppy = express();
    sloppy.use(express.urlencoded({ extended: false }));
    sloppy.post('/pusher/auth', (req, res) => {
      const body = req.body as Record<string, string>;
      if (!req.headers.cookie) res.status(401).end();
      else if (body.channel_name === 'private-user-bob') res.status(403).end();
      else res.json(getSocketSignature({}, token, body.channel_name!, body.socket_id!));
    });
    const running = await listen(sloppy as unknown as RequestListener);
    try {
      const report = await runAuthProbe({
        ...exampleProbe({ ...running, cookie: 'sid=x' }),
        userAuthEndpoint: undefined,
        channels: ['private-user-alice'],
        burst: 0,
        requests: 0,
      });
      expect(statuses(report)).toMatchObject({ 'channel-signature': 'pass', 'denies-channels': 'pass', 'rejects-malformed': 'fail' });
      expect(check(report, 'rejects-malformed').summary).toMatch(/^8 problems; first: socket_id "" \(empty\): signed \(HTTP 200\)/);
      expect(evidence(report, 'rejects-malformed')).toContain('channel "#server-to-user-alice" (reserved "#" prefix): signed (HTTP 200); it must never be signed');
    } finally {
      await running.close();
    }
  });
});
