import type { RequestListener } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { ProbeClient } from '../../src/probe/http.js';
import { planAuthProbe, runAuthProbe, type AuthProbeOptions, type ProbeReport } from '../../src/probe/index.js';
import { listen, type RunningServer } from './helpers.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A fetch that never touches the network: it records each URL and answers from `answer`. */
function fakeFetch(answer: (url: string, body: string) => Response | Promise<Response> = () => Response.json({}, { status: 403 })) {
  const calls: string[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push(url);
    return answer(url, String(init?.body ?? ''));
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const remote: AuthProbeOptions = {
  endpoint: 'https://auth.example.com/pusher/auth',
  key: 'feedfacefeedfacefeed',
  channels: ['private-user-alice'],
};

function check(report: ProbeReport, id: string) {
  return report.checks.find((c) => c.id === id)!;
}

describe('politeness toward hosts that are not this machine', () => {
  it('does not load a remote host unless requests were given explicitly', async () => {
    const { fetch, calls } = fakeFetch();
    expect(planAuthProbe(remote)).toMatchObject({ load: 0 });
    const report = await runAuthProbe({ ...remote, fetch, burst: 0 });
    expect(check(report, 'latency')).toMatchObject({ status: 'skipped', summary: expect.stringContaining('without an explicit --requests') });
    expect(new Set(calls)).toEqual(new Set([remote.endpoint]));
    expect(calls.length).toBe(report.requests.sent);
  });

  it('loads a remote host when requests were given, and no more than that', async () => {
    const { fetch, calls } = fakeFetch();
    const options = { ...remote, fetch, burst: 0, requests: 7, concurrency: 3 };
    const report = await runAuthProbe(options);
    expect(report.load).toMatchObject({ requests: 7, sent: 7 });
    expect(calls.length).toBe(planAuthProbe(options).total);
  });

  it('does not run the load without a channel the caller may join', () => {
    expect(planAuthProbe({ ...remote, channels: [], requests: 50 })).toMatchObject({ load: 0 });
  });

  it('sends nothing to a plain-HTTP host off this machine and fails the HTTPS check', async () => {
    const { fetch, calls } = fakeFetch();
    const report = await runAuthProbe({ ...remote, endpoint: 'http://auth.example.com/pusher/auth', fetch, requests: 10 });
    expect(calls).toEqual([]);
    expect(report.requests).toEqual({ planned: 0, sent: 0 });
    expect(check(report, 'https')).toMatchObject({ status: 'fail', summary: expect.stringContaining('plain HTTP to auth.example.com') });
    expect(report.checks.filter((c) => c.id !== 'https').every((c) => c.status === 'skipped')).toBe(true);
  });

  it('refuses --allow-insecure for a host off this machine', () => {
    expect(() => planAuthProbe({ ...remote, endpoint: 'http://auth.example.com/pusher/auth', allowInsecure: true })).toThrow(
      new UserError('--allow-insecure is for loopback hosts only; auth.example.com must be probed over HTTPS'),
    );
  });

  it('names a rejected certificate', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }) });
    });
    const report = await runAuthProbe({ ...remote, fetch, burst: 0 });
    expect(check(report, 'https')).toMatchObject({
      status: 'fail',
      summary: 'https://auth.example.com/pusher/auth: certificate rejected (CERT_HAS_EXPIRED: certificate has expired)',
    });
  });

  it('passes HTTPS when an answer came over TLS', async () => {
    const { fetch } = fakeFetch();
    const report = await runAuthProbe({ ...remote, fetch, burst: 0 });
    expect(check(report, 'https').status).toBe('pass');
  });

  it('shows a query string only as ?… because it may carry a token', async () => {
    const { fetch } = fakeFetch();
    const report = await runAuthProbe({ ...remote, endpoint: `${remote.endpoint}?token=abcdef123456`, fetch, burst: 0 });
    expect(report.target.endpoint).toBe('https://auth.example.com/pusher/auth?…');
    expect(JSON.stringify(report)).not.toContain('abcdef123456');
  });
});

describe('bounded and self-terminating', () => {
  it('does not follow a redirect away from the given URL', async () => {
    const elsewhere = await listen((_req, res) => res.end('{}'));
    servers.push(elsewhere);
    const redirecting = await listen(((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.base}/pusher/auth` }).end();
    }) as RequestListener);
    servers.push(redirecting);
    const report = await runAuthProbe({ ...remote, endpoint: `${redirecting.base}/pusher/auth`, allowInsecure: true, burst: 0, requests: 0 });
    expect(elsewhere.total()).toBe(0);
    expect(redirecting.total()).toBe(report.requests.sent);
    expect(check(report, 'requires-credentials').evidence[0]).toMatch(/HTTP 302, expected 401 or 403/);
  });

  it('gives up on an endpoint that never answers, after the timeout', async () => {
    const silent = await listen(() => undefined);
    servers.push(silent);
    const report = await runAuthProbe({ ...remote, endpoint: `${silent.base}/pusher/auth`, allowInsecure: true, burst: 0, requests: 0, timeoutMs: 50 });
    expect(check(report, 'channel-signature')).toMatchObject({ status: 'fail', summary: expect.stringContaining('no answer (no answer within 50 ms)') });
    expect(report.requests.sent).toBe(report.requests.planned);
  });

  it('refuses to send beyond its budget or to another URL', async () => {
    const { fetch } = fakeFetch();
    const url = new URL(remote.endpoint);
    const client = new ProbeClient({ fetch, allowed: [url], budget: 1, timeoutMs: 1000, now: () => 0 });
    await client.post(url, { form: {} }, {});
    await expect(client.post(url, { form: {} }, {})).rejects.toThrow('budget of 1');
    await expect(client.post(new URL('https://other.example.com/'), { form: {} }, {})).rejects.toThrow('was not given');
  });
});

describe('options', () => {
  it.each([
    [{ endpoint: 'not a url' }, '--endpoint is not a URL'],
    [{ endpoint: 'ftp://x/pusher/auth' }, 'must be an http(s) URL'],
    [{ endpoint: 'https://u:p@auth.example.com/' }, 'must not carry credentials'],
    [{ channels: ['news'] }, 'needs no authorization'],
    [{ channels: ['private-a b'] }, 'is not a valid channel name'],
    [{ requests: 20_000 }, '--requests must be an integer from 0 to 10000'],
    [{ concurrency: 0 }, '--concurrency must be an integer from 1 to 100'],
    [{ cookies: ['novalue'] }, '--cookie must be name=value'],
  ] as Array<[Partial<AuthProbeOptions>, string]>)('rejects %j', (patch, message) => {
    expect(() => planAuthProbe({ ...remote, ...patch })).toThrow(message);
  });
});
