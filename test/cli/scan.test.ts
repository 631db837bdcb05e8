import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { scanReportSchema } from '../../src/report/schema.js';
import { bufferIO, tempProject } from '../helpers/project.js';
import { appsOf, LABELLED_SETS } from '../helpers/sets.js';

const SERVER = "import Pusher from 'pusher';\n\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: process.env.PUSHER_SECRET, cluster: 'eu', useTLS: false });\n";

function project() {
  return tempProject({ 'server/pusher.ts': SERVER, 'src/util.ts': 'export const two = 2;\n' });
}

async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const { io, stdout, stderr } = bufferIO(cwd, env);
  const code = await run(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('pusher-advisor scan', () => {
  it('prints findings grouped by file and exits 1 at the default threshold', async () => {
    const r = await cli(['scan', '.'], project());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('server/pusher.ts\n  3:116');
    expect(r.stdout).toContain('high      insecure-transport  The Pusher server SDK is configured with `useTLS: false`');
    expect(r.stdout).toMatch(/1 finding \(1 high\) · 2 files scanned\n$/);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toBe('');
  });

  it('writes JSON that validates against scanReportSchema, with the root as given', async () => {
    const r = await cli(['scan', '.', '--format', 'json'], project());
    const report = scanReportSchema.parse(JSON.parse(r.stdout));
    expect(report.root).toBe('.');
    expect(report.summary).toMatchObject({ total: 1, suppressed: 0, files: 2 });
    expect(report.summary.bySeverity).toEqual({ critical: 0, high: 1, medium: 0, low: 0, info: 0 });
    expect(report.findings[0]).toMatchObject({ ruleId: 'insecure-transport', messageId: 'useTlsFalse', file: 'server/pusher.ts', line: 3 });
    expect(report.inventory.servers).toHaveLength(1);
    expect(r.stdout).not.toContain(project());
  });

  it('is byte-identical across reruns', async () => {
    const dir = project();
    const a = await cli(['scan', '.', '--format', 'json'], dir);
    const b = await cli(['scan', '.', '--format', 'json'], dir);
    const c = await cli(['scan', '.'], dir);
    const d = await cli(['scan', '.'], dir);
    expect(b.stdout).toBe(a.stdout);
    expect(d.stdout).toBe(c.stdout);
  });

  it('writes --output instead of stdout', async () => {
    const dir = project();
    const r = await cli(['scan', '.', '--format', 'json', '--output', 'report.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(scanReportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).summary.total).toBe(1);
  });

  it('honours --fail-on', async () => {
    const dir = project();
    expect((await cli(['scan', '.', '--fail-on', 'none'], dir)).code).toBe(0);
    expect((await cli(['scan', '.', '--fail-on', 'critical'], dir)).code).toBe(0);
    expect((await cli(['scan', '.', '--fail-on', 'high'], dir)).code).toBe(1);
  });

  it('runs only --rule and skips --disable-rule', async () => {
    const dir = project();
    const disabled = await cli(['scan', '.', '--disable-rule', 'insecure-transport'], dir);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('No findings');
    expect((await cli(['scan', '.', '--rule', 'insecure-transport'], dir)).code).toBe(1);
  });

  it('prints only the summary with --quiet, and colours only when asked for by a TTY', async () => {
    const dir = project();
    expect((await cli(['scan', '.', '--quiet'], dir)).stdout).toBe('1 finding (1 high) · 2 files scanned\n');
    const { io, stdout } = bufferIO(dir);
    await run(['scan', '.'], { ...io, stdoutIsTTY: true });
    expect(stdout()).toContain('\u001b[');
    const noColor = bufferIO(dir, { NO_COLOR: '1' });
    await run(['scan', '.'], { ...noColor.io, stdoutIsTTY: true });
    expect(noColor.stdout()).not.toContain('\u001b[');
    const flag = bufferIO(dir);
    await run(['scan', '.', '--no-color'], { ...flag.io, stdoutIsTTY: true });
    expect(flag.stdout()).not.toContain('\u001b[');
  });

  it('shows progress on stderr only for a TTY without --quiet', async () => {
    const dir = project();
    const tty = bufferIO(dir);
    await run(['scan', '.', '--format', 'json'], { ...tty.io, stderrIsTTY: true });
    expect(tty.stderr()).toMatch(/^pusher-advisor: scanning 2 files…\n/);
    scanReportSchema.parse(JSON.parse(tty.stdout()));
    const quiet = bufferIO(dir);
    await run(['scan', '.', '--quiet'], { ...quiet.io, stderrIsTTY: true });
    expect(quiet.stderr()).toBe('');
  });

  it.each([
    [['scan', '.', '--format', 'xml'], /'xml' is invalid/],
    [['scan', 'no/such/dir'], /^pusher-advisor: path not found: no\/such\/dir$/],
    [['scan', '.', '--rule', 'no-such-rule'], /^pusher-advisor: --rule: unknown rule "no-such-rule"/],
    [['scan', '.', '--disable-rule', 'nope'], /^pusher-advisor: --disable-rule: unknown rule "nope"/],
    [['scan', '.', '--fail-on', 'severe'], /'severe' is invalid/],
    [['scan', '.', '--max-file-size', 'big'], /expected a size/],
    [['scan', '.', '--probe', 'missing.json'], /^pusher-advisor: missing\.json: cannot read \(ENOENT\)$/],
  ])('exits 2 with one stderr line for %j', async (args, message) => {
    const r = await cli(args, project());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('shows examples in --help', async () => {
    const r = await cli(['scan', '--help'], project());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--fail-on <severity>');
  });
});

describe('pusher-advisor rules', () => {
  it('lists every rule with severity, category, cost lever and title', async () => {
    const r = await cli(['rules'], project());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id\s+severity\s+category\s+cost lever\s+title\n/);
    expect(r.stdout).toMatch(/insecure-transport\s+high\s+security\s+-\s+Pusher connections and auth requests must use TLS/);
    expect(r.stdout).toMatch(/unbatched-triggers\s+medium\s+cost\s+n-plus-one-triggers\s+Publish one event to many channels in one trigger/);
    expect(r.stdout).toMatch(/info-on-hot-path\s+low\s+cost\s+info-param\s+/);
  });

  it('prints a rule README, and exits 2 for an unknown id', async () => {
    const r = await cli(['rules', 'insecure-transport'], project());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# insecure-transport\n/);
    expect(r.stdout).toContain('## How to fix');
    const bad = await cli(['rules', 'nope'], project());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('pusher-advisor: unknown rule "nope" (run "pusher-advisor rules" for the list)\n');
  });
});

describe('scan JSON schema on real apps', () => {
  // The inventory schema is strict, so every client, server, operation and file record of these
  // apps (Vue, Svelte, CDN pages, React Native, Echo, NestJS…) must match it field for field.
  const apps = ['examples/demo-app', ...LABELLED_SETS.flatMap(appsOf)];

  it.each(apps)('%s validates against the strict scanReportSchema', async (app) => {
    const r = await cli(['scan', app, '--format', 'json', '--fail-on', 'none'], process.cwd());
    expect(r.code).toBe(0);
    const parsed = scanReportSchema.safeParse(JSON.parse(r.stdout));
    expect(parsed.success, parsed.error?.message).toBe(true);
    const report = parsed.data!;
    expect(report.inventory.clients.length + report.inventory.servers.length).toBeGreaterThan(0);
  });
});
