import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { FORMAT_NAMES } from '../../src/reporters/index.js';
import { bufferIO, tempProject } from '../helpers/project.js';

const SERVER = "import Pusher from 'pusher';\n\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: process.env.PUSHER_SECRET, cluster: 'eu', useTLS: false });\n";

async function cli(args: string[], cwd: string) {
  const { io, stdout, stderr } = bufferIO(cwd);
  const code = await run(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('scan --format html|markdown and --html', () => {
  it('writes a self-contained HTML report, and with --html still prints the text summary', async () => {
    const dir = tempProject({ 'server/pusher.ts': SERVER });
    // Written outside the scanned folder: an .html file inside it would be scanned next time.
    const out = tempProject({});
    const html = await cli(['scan', '.', '--format', 'html', '--output', join(out, 'report.html')], dir);
    expect(html.code).toBe(1);
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('Pusher connections and auth requests must use TLS');

    const both = await cli(['scan', '.', '--html', join(out, 'side.html')], dir);
    expect(both.stdout).toMatch(/1 finding \(1 high\) · 1 file scanned\n$/);
    expect(readFileSync(join(out, 'side.html'), 'utf8')).toBe(page);
  });

  it('prints Markdown', async () => {
    const dir = tempProject({ 'server/pusher.ts': SERVER });
    const md = await cli(['scan', '.', '--format', 'markdown'], dir);
    expect(md.stdout).toMatch(/^# Pusher Channels review: `\.`\n/);
    expect(md.stdout).toContain('| high | `server/pusher.ts:3:116` |');
  });
});

describe('pusher-advisor report', () => {
  it('re-renders a saved result as the scan would have rendered it', async () => {
    const dir = tempProject({ 'server/pusher.ts': SERVER });
    // Saved outside the scanned folder, so the second scan sees the same files.
    const saved = join(tempProject({}), 'result.json');
    await cli(['scan', '.', '--format', 'json', '--output', saved], dir);
    for (const format of FORMAT_NAMES) {
      const direct = await cli(['scan', '.', '--format', format], dir);
      const again = await cli(['report', saved, '--format', format], dir);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(direct.stdout);
    }
    const out = await cli(['report', saved, '--output', 'r.html'], dir);
    expect(out.stdout).toBe('');
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses a bad file with one line naming the file and the field, exit 2', async () => {
    const dir = tempProject({ 'server/pusher.ts': SERVER });
    await cli(['scan', '.', '--format', 'json', '--output', 'result.json'], dir);
    const report = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    report.findings[0].severity = 'urgent';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(report));
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1,');

    const bad = await cli(['report', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^pusher-advisor: bad\.json at findings\[0\]\.severity: field "severity": .+\n$/);
    const broken = await cli(['report', 'broken.json'], dir);
    expect(broken.stderr).toMatch(/^pusher-advisor: broken\.json: not valid JSON \(.+\)\n$/);
    const missing = await cli(['report', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('pusher-advisor: nope.json: cannot read (ENOENT)\n');
  });
});
