import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Pusher from 'pusher';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  channelsFromInventory,
  DEFAULT_TARGETS,
  evaluateLoad,
  loadInventory,
  parseProbeReport,
  parseRetryAfter,
  percentile,
  runAuthProbe,
  type LoadSample,
  type ProbeReport,
} from '../../src/probe/index.js';
import { renderProbeJunit, renderProbeText } from '../../src/reporters/sections/probe-text.js';
import { createVerifier } from '../../src/probe/signature.js';
import { assertWellFormedXml } from './helpers.js';

const KEY = 'feedfacefeedfacefeed';
const SECRET = 'deadbeefdeadbeefdead';
const sdk = new Pusher({ appId: '1', key: KEY, secret: SECRET, cluster: 'mt1' });

describe('latency and success against the targets (injected timings)', () => {
  const signed = (ms: number): LoadSample => ({ ms, signed: true, rateLimited: false, answer: 'HTTP 200' });
  const plan = { requests: 100, concurrency: 10 };

  it('takes nearest-rank percentiles of signed answers', () => {
    const samples = Array.from({ length: 100 }, (_, i) => signed(100 - i));
    const v = evaluateLoad(samples, plan, DEFAULT_TARGETS);
    expect(v.stats).toMatchObject({ p50Ms: 50, p95Ms: 95, p99Ms: 99, successRate: 1, succeeded: 100 });
    expect(v.status).toBe('pass');
    expect(percentile([], 50)).toBeNull();
  });

  it('fails a p95 above the target and says by how much', () => {
    const v = evaluateLoad(Array.from({ length: 100 }, (_, i) => signed(i + 1)), plan, { ...DEFAULT_TARGETS, p95Ms: 90 });
    expect(v).toMatchObject({ status: 'fail', summary: 'p95 95 ms is above 90 ms' });
  });

  it('compares the success rate with 99.9 % and leaves 429s out of it', () => {
    const failing = (n: number): LoadSample[] => Array.from({ length: n }, () => ({ ms: 1, signed: false, rateLimited: false, answer: 'HTTP 500' }));
    const limited: LoadSample[] = Array.from({ length: 50 }, () => ({ ms: 1, signed: false, rateLimited: true, answer: 'HTTP 429' }));
    const ok = evaluateLoad([...Array.from({ length: 999 }, () => signed(1)), ...failing(1), ...limited], plan, DEFAULT_TARGETS);
    expect(ok.status).toBe('pass');
    expect(ok.stats).toMatchObject({ rateLimited: 50, failed: 1, successRate: 0.999 });
    expect(ok.evidence).toContain('not signed: HTTP 500 ×1');

    const bad = evaluateLoad([...Array.from({ length: 998 }, () => signed(1)), ...failing(2)], plan, DEFAULT_TARGETS);
    expect(bad).toMatchObject({ status: 'fail', summary: 'success 99.8 % is below 99.9 %' });

    const allLimited = evaluateLoad(limited, plan, DEFAULT_TARGETS);
    expect(allLimited.status).toBe('fail');
    expect(allLimited.stats.successRate).toBeNull();
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('signature verification with the SDK', () => {
  const verifier = createVerifier(KEY, SECRET);

  it('accepts what the SDK signs, for private, presence and user auth', () => {
    expect(verifier.channel('1.2', 'private-x', { ...sdk.authorizeChannel('1.2', 'private-x') })).toEqual({ kind: 'match' });
    const presence = sdk.authorizeChannel('1.2', 'presence-x', { user_id: 'alice', user_info: { name: 'A' } });
    expect(verifier.channel('1.2', 'presence-x', { ...presence })).toEqual({ kind: 'match' });
    expect(verifier.user('1.2', { ...sdk.authenticateUser('1.2', { id: 'alice' }) })).toEqual({ kind: 'match' });
  });

  it('accepts channel_data serialised differently from JSON.stringify, as long as the exact string is signed', () => {
    // What a server in another language might send: same object, other spacing and escapes.
    const channelData = '{"user_id": "alice", "user_info": {"url": "https:\\/\\/x"}}';
    const Token = createRequire(import.meta.url)('pusher/lib/token.js') as new (k: string, s: string) => { sign(t: string): string };
    const auth = `${KEY}:${new Token(KEY, SECRET).sign(`1.2:presence-x:${channelData}`)}`;
    expect(verifier.channel('1.2', 'presence-x', { auth, channel_data: channelData })).toEqual({ kind: 'match' });
  });

  it('tells a wrong key, a wrong secret and a malformed answer apart', () => {
    const other = new Pusher({ appId: '1', key: 'abadcafeabadcafeabad', secret: SECRET, cluster: 'mt1' });
    expect(verifier.channel('1.2', 'private-x', { ...other.authorizeChannel('1.2', 'private-x') })).toEqual({
      kind: 'key-mismatch',
      actualKey: 'abadcafeabadcafeabad',
    });
    const staging = new Pusher({ appId: '1', key: KEY, secret: 'c0ffeec0ffeec0ffeec0', cluster: 'mt1' });
    expect(verifier.channel('1.2', 'private-x', { ...staging.authorizeChannel('1.2', 'private-x') })).toEqual({ kind: 'secret-mismatch' });
    // Signed for another socket id: the endpoint did not sign what pusher-js asked for.
    expect(verifier.channel('1.2', 'private-x', { ...sdk.authorizeChannel('9.9', 'private-x') })).toEqual({ kind: 'secret-mismatch' });
    expect(verifier.channel('1.2', 'private-x', { auth: 'nonsense' })).toMatchObject({ kind: 'malformed' });
    expect(verifier.channel('1.2', 'presence-x', { ...sdk.authorizeChannel('1.2', 'presence-x') })).toMatchObject({
      kind: 'malformed',
      problem: 'no "channel_data" string in the answer',
    });
    expect(createVerifier(KEY, null).channel('1.2', 'private-x', { ...sdk.authorizeChannel('1.2', 'private-x') })).toEqual({ kind: 'key-only' });
  });

  it('verifies private-encrypted channels by their auth alone', () => {
    const enc = new Pusher({ appId: '1', key: KEY, secret: SECRET, cluster: 'mt1', encryptionMasterKeyBase64: Buffer.alloc(32, 7).toString('base64') });
    expect(verifier.channel('1.2', 'private-encrypted-x', { ...enc.authorizeChannel('1.2', 'private-encrypted-x') })).toEqual({ kind: 'match' });
  });
});

describe('channels from a scan inventory', () => {
  const inventory = {
    operations: [
      {
        kind: 'subscribe',
        channels: [
          { name: 'presence-room-1', pattern: 'presence-room-1', type: 'presence' as const },
          { name: null, pattern: 'private-user-${…}', type: 'private' as const },
          { name: 'news', pattern: 'news', type: 'public' as const },
          { name: null, pattern: 'private-encrypted-${a}-${b}', type: 'private-encrypted' as const },
        ],
      },
      { kind: 'trigger', channels: [{ name: 'private-server-only', pattern: 'private-server-only', type: 'private' as const }] },
      { kind: 'subscribe', channels: [{ name: 'presence-room-1', pattern: 'presence-room-1', type: 'presence' as const }] },
    ],
  };

  it('picks authorized channels from subscribe operations and marks guessed names', () => {
    expect(channelsFromInventory(inventory, { substitute: 'alice' })).toEqual([
      { name: 'presence-room-1', note: 'from the scan' },
      { name: 'private-encrypted-alice-alice', note: 'from scan pattern private-encrypted-${a}-${b}, dynamic part set to "alice"', guessed: true },
      { name: 'private-user-alice', note: 'from scan pattern private-user-${…}, dynamic part set to "alice"', guessed: true },
    ]);
  });

  it('reads the inventory from a saved scan and names the bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'probe-scan-'));
    const good = join(dir, 'scan.json');
    writeFileSync(good, JSON.stringify({ schemaVersion: 1, findings: [], inventory }));
    expect(loadInventory(good).operations).toHaveLength(3);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ inventory: { operations: [{ kind: 'subscribe', channels: [{ name: 1 }] }] } }));
    expect(() => loadInventory(bad)).toThrow(InputError);
    expect(() => loadInventory(bad)).toThrow(`${bad} at inventory.operations[0].channels[0].name:`);
  });
});

describe('saved reports and renderers', () => {
  const fetch = (async () => Response.json({ auth: `${KEY}:${'0'.repeat(64)}` })) as unknown as typeof globalThis.fetch;
  const report = (): Promise<ProbeReport> =>
    runAuthProbe({ endpoint: 'https://auth.example.com/pusher/auth', key: KEY, secret: SECRET, channels: ['private-a'], denyChannels: ['private-b'], fetch, burst: 0 });

  it('round-trips through JSON and rejects a bad file with file and field', async () => {
    const r = await report();
    expect(parseProbeReport(JSON.stringify(r), 'probe.json')).toEqual(r);
    const broken = { ...r, checks: r.checks.map((c, i) => (i === 2 ? { ...c, status: 'maybe' } : c)) };
    expect(() => parseProbeReport(JSON.stringify(broken), 'probe.json')).toThrow(/^probe\.json at checks\[2\]\.status: /);
    expect(() => parseProbeReport(JSON.stringify({ ...r, schemaVersion: 2 }), 'probe.json')).toThrow(
      /^probe\.json at schemaVersion: not a pusher-advisor probe report of schema version 1/,
    );
    expect(() => parseProbeReport('{', 'probe.json')).toThrow(/^probe\.json: not valid JSON/);
  });

  it('writes well-formed JUnit with a failure per failed check, escaping what it must', async () => {
    const r = await report();
    r.checks[1]!.evidence.push('odd <&"\'> \u0001 text');
    const xml = renderProbeJunit(r);
    assertWellFormedXml(xml);
    expect(xml.match(/<failure /g)).toHaveLength(r.summary.failed);
    expect(xml.match(/<testcase /g)).toHaveLength(9);
    expect(xml).toContain('odd &lt;&amp;&quot;&apos;&gt; \uFFFD text');
  });

  it('renders text with colour only when asked', async () => {
    const r = await report();
    expect(renderProbeText(r, { color: false })).not.toMatch(/\u001b\[/);
    expect(renderProbeText(r, { color: true })).toMatch(/\u001b\[/);
    expect(renderProbeText(r, { color: false })).toMatch(/FAIL {2}channel-signature +private-a: secret mismatch/);
  });
});
