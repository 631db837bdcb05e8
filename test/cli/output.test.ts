import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { bufferIO } from '../helpers/project.js';

const REPO = resolve(import.meta.dirname, '../..');
const REPORTS = 'test/fixtures/reports';

/** Every command that renders a report, with arguments that succeed from the repository root. */
const COMMANDS: Record<string, string[]> = {
  cost: ['cost', '--profile', 'small', '--format', 'json'],
  diff: ['diff', `${REPORTS}/diff-base.json`, `${REPORTS}/diff-head.json`],
  report: ['report', `${REPORTS}/demo-app.json`, '--format', 'markdown'],
  scan: ['scan', 'examples/demo-app', '--format', 'json'],
};

describe('--output, the same in every command', () => {
  it.each(Object.entries(COMMANDS))('%s writes exactly what it prints', async (_name, args) => {
    const printed = bufferIO(REPO);
    const code = await run(args, printed.io);
    const file = join(mkdtempSync(join(tmpdir(), 'pa-output-')), 'out');
    const written = bufferIO(REPO);
    expect(await run([...args, '--output', file], written.io)).toBe(code);
    expect(written.stdout()).toBe('');
    expect(printed.stdout().length).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).toBe(printed.stdout());
  });

  it.each(Object.entries(COMMANDS))('%s names the flag and the file it cannot write, on one line, exit 2', async (_name, args) => {
    const out = bufferIO(REPO);
    expect(await run([...args, '--output', 'no-such-dir/out.txt'], out.io)).toBe(2);
    expect(out.stdout()).toBe('');
    expect(out.stderr()).toMatch(/^pusher-advisor: --output: cannot write no-such-dir\/out\.txt \(ENOENT\)\n$/);
  });
});
