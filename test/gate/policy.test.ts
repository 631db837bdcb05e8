import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { gateVerdict } from '../../src/gate/policy.js';
import { parseUnifiedDiff } from '../../src/gate/changed-lines.js';
import { bufferIO, tempProject } from '../helpers/project.js';

describe('gate policy', () => {
  it('fails on severity and on count, independently', () => {
    const findings = [{ severity: 'medium' as const }, { severity: 'low' as const }];
    expect(gateVerdict(findings, { failOn: 'high' })).toEqual({ exitCode: 0, reasons: [] });
    expect(gateVerdict(findings, { failOn: 'medium' }).exitCode).toBe(1);
    expect(gateVerdict(findings, { failOn: 'none', maxFindings: 2 }).exitCode).toBe(0);
    expect(gateVerdict(findings, { failOn: 'none', maxFindings: 1 })).toEqual({ exitCode: 1, reasons: ['2 findings, more than --max-findings 1'] });
  });

  it('--max-findings on the CLI', async () => {
    const dir = tempProject({ 'server/pusher.ts': "import Pusher from 'pusher';\nexport const p = new Pusher({ appId: '1', key: 'k', secret: process.env.S, cluster: 'eu', useTLS: false });\n" });
    const at = async (...args: string[]) => run(['scan', '.', ...args], bufferIO(dir).io);
    expect(await at('--fail-on', 'none', '--max-findings', '1')).toBe(0);
    expect(await at('--fail-on', 'none', '--max-findings', '0')).toBe(1);
    expect(await at('--max-findings', 'many')).toBe(2);
  });

  it('reads added lines and removed text from a zero-context diff', () => {
    const diff = ['diff --git a/x.ts b/x.ts', '--- a/x.ts', '+++ b/x.ts', '@@ -1,0 +2,2 @@', '+const a = 1;', '+  moved(  );', '@@ -9 +10,0 @@', '-moved();', '--- a/gone.ts', '+++ /dev/null', '@@ -1 +0,0 @@', '-x'].join('\n');
    const parsed = parseUnifiedDiff(diff);
    expect([...parsed.files.get('x.ts')!]).toEqual([[2, 'const a = 1;'], [3, '  moved(  );']]);
    expect([...parsed.removed]).toEqual(['moved();', 'x']);
  });
});
