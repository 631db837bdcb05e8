import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { ProbeReport } from '../../src/probe/index.js';
import { scanReportSchema } from '../../src/report/schema.js';
import { syntheticCsv } from '../cost/helpers.js';
import { bufferIO, tempProject } from '../helpers/project.js';

const SERVER = "import Pusher from 'pusher';\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: process.env.PUSHER_SECRET, cluster: 'eu', useTLS: false });\n";

const PROBE: ProbeReport = {
  schemaVersion: 1,
  kind: 'auth-probe',
  tool: { name: 'pusher-advisor', version: '0.1.0' },
  target: { endpoint: 'https://app.example.com/pusher/auth', userAuthEndpoint: null, key: 'app-key', secretGiven: true, credentials: { headers: [], cookies: ['sid'] } },
  startedAt: '2026-01-05T00:00:00.000Z',
  durationMs: 120,
  requests: { planned: 3, sent: 1 },
  checks: [{ id: 'https', title: 'Endpoint uses HTTPS', category: 'security', severity: 'high', status: 'pass', summary: 'https:// endpoint', evidence: [] }],
  load: null,
  burst: null,
  summary: { passed: 1, failed: 0, skipped: 0 },
};

describe('scan --usage and --probe', () => {
  it('adds the cost and probe reports to JSON and text', async () => {
    const dir = tempProject({
      'server/pusher.ts': SERVER,
      'usage.csv': syntheticCsv({ days: 14, peak: () => 150, messages: () => 500_000 }),
      'probe.json': `${JSON.stringify(PROBE, null, 2)}\n`,
    });
    const json = bufferIO(dir);
    expect(await run(['scan', '.', '--exclude', '*.json', '--usage', 'usage.csv', '--probe', 'probe.json', '--format', 'json'], json.io)).toBe(1);
    const report = scanReportSchema.parse(JSON.parse(json.stdout()));
    expect(report.cost?.input).toBeDefined();
    expect(report.probe).toEqual(PROBE);

    const text = bufferIO(dir);
    await run(['scan', '.', '--exclude', '*.json', '--usage', 'usage.csv', '--probe', 'probe.json'], text.io);
    const out = text.stdout();
    const findingAt = out.indexOf('insecure-transport');
    const probeAt = out.indexOf('https://app.example.com/pusher/auth');
    expect(findingAt).toBeGreaterThan(-1);
    expect(probeAt).toBeGreaterThan(findingAt);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^1 finding \(1 high\)/);
  });
});

describe('scan of broken and hostile input', () => {
  it('finishes, lists every bad file under skipped or errors, and still reports the good file', async () => {
    const dir = tempProject({
      'server/pusher.ts': SERVER,
      'server/broken.ts': "import Pusher from 'pusher';\nconst pusher = new Pusher({ appId: '1', key: 'k', \nexport function (((\n",
      'public/app.js': `var pusher=1;${'var a=[1,2,3];'.repeat(400_000)}\n`,
      'public/binary.js': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00]),
      'src/latin1.ts': Buffer.concat([Buffer.from("export const name = 'caf"), Buffer.from([0xe9]), Buffer.from("';\n")]),
    });
    const { symlinkSync } = await import('node:fs');
    symlinkSync('.', join(dir, 'src', 'loop'));
    writeFileSync(join(dir, 'README.md'), 'not scanned\n');

    const { io, stdout } = bufferIO(dir);
    expect(await run(['scan', '.', '--format', 'json'], io)).toBe(1);
    const report = scanReportSchema.parse(JSON.parse(stdout()));
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(skipped['public/app.js']).toMatch(/^larger than 1 MiB/);
    expect(skipped['public/binary.js']).toBe('binary');
    expect(skipped['src/latin1.ts']).toBe('not valid UTF-8');
    expect(skipped['src/loop']).toBe('symlink loop');
    expect(report.errors.some((e) => e.file === 'server/broken.ts' && e.message.startsWith('syntax error'))).toBe(true);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['insecure-transport', 'server/pusher.ts', 2]]);
  });
});
