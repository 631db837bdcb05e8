import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../rules/index.js';
import { run } from '../../src/cli/main.js';
import { bufferIO, tempProject } from '../helpers/project.js';
import { validateSarif } from '../helpers/sarif.js';

const rules = await loadRules();

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; semanticVersion: string; informationUri: string; rules: Array<Record<string, any>>; notifications: Array<{ id: string }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string }; message: { text: string }; locations?: unknown[] }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
      partialFingerprints: Record<string, string>;
      suppressions?: Array<{ kind: string; justification: string }>;
    }>;
  }>;
}

async function sarifOf(dir: string, path = '.'): Promise<{ code: number; text: string; log: SarifLog }> {
  const { io, stdout } = bufferIO(dir);
  const code = await run(['scan', path, '--format', 'sarif'], io);
  return { code, text: stdout(), log: JSON.parse(stdout()) as SarifLog };
}

describe('SARIF of the demo app', () => {
  let demo: { code: number; text: string; log: SarifLog };
  beforeAll(async () => {
    demo = await sarifOf(process.cwd(), 'examples/demo-app');
  });

  it("passes Microsoft's validator with the SARIF and GitHub rules, with no error or warning", async () => {
    expect(demo.log.runs[0]!.results.length).toBeGreaterThan(10);
    expect(await validateSarif(demo.text)).toEqual([]);
  });

  it('describes every rule from its meta and README, with security-severity on security rules', () => {
    const driver = demo.log.runs[0]!.tool.driver;
    expect(driver.name).toBe('pusher-advisor');
    expect(driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    const byId = new Map(driver.rules.map((r) => [r.id, r]));
    for (const rule of rules) {
      const entry = byId.get(rule.meta.id)!;
      expect(entry.shortDescription.text).toBe(rule.meta.title);
      expect(entry.help.markdown).toBe(readFileSync(`rules/${rule.meta.id}/README.md`, 'utf8').trim());
      expect(entry.helpUri).toContain(`/rules/${rule.meta.id}/README.md`);
      expect(entry.properties.precision).toBe(rule.meta.precision);
      // GitHub's bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
      const band = { critical: [9, 10], high: [7, 8.9], medium: [4, 6.9], low: [0.1, 3.9], info: [0, 0] }[rule.meta.severity];
      if (rule.meta.category === 'security') expect(Number(entry.properties['security-severity'])).toSatisfy((v: number) => v > band[0]! && v <= band[1]!);
      else expect(entry.properties['security-severity']).toBeUndefined();
    }
    expect(byId.get('hardcoded-credentials')!.defaultConfiguration.level).toBe('error');
    expect(byId.get('connection-leak')!.defaultConfiguration.level).toBe('warning');
    // results point at their rule by index
    for (const r of demo.log.runs[0]!.results) expect(driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('gives repo-relative, percent-encoded URIs from the folder as given', () => {
    const uris = demo.log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(uris).toContainEqual({ uri: 'examples/demo-app/app/api/orders/route.ts', uriBaseId: '%SRCROOT%' });
  });

  it('is byte-identical across reruns', async () => {
    expect((await sarifOf(process.cwd(), 'examples/demo-app')).text).toBe(demo.text);
  });
});

describe('SARIF details', () => {
  it('keeps partialFingerprints when lines are inserted above a finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pa-sarif-move-'));
    cpSync('examples/demo-app', dir, { recursive: true });
    const before = await sarifOf(dir);
    const file = join(dir, 'app/api/orders/route.ts');
    writeFileSync(file, `// a header comment\n\nimport './polyfills';\n${readFileSync(file, 'utf8')}`);
    const after = await sarifOf(dir);
    const of = (log: SarifLog) =>
      log.runs[0]!.results
        .filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'app/api/orders/route.ts')
        .map((r) => ({ fp: r.partialFingerprints, line: r.locations[0]!.physicalLocation.region.startLine }));
    const a = of(before.log);
    const b = of(after.log);
    expect(a.length).toBeGreaterThan(0);
    expect(b.map((x) => x.fp)).toEqual(a.map((x) => x.fp));
    expect(b.map((x) => x.line)).toEqual(a.map((x) => x.line + 3));
  });

  it('carries in-source suppressions with their justification, skipped files as notifications, and encodes odd paths', async () => {
    const dir = tempProject({
      'app/[room id]/pusher.ts':
        "import Pusher from 'pusher';\n// pusher-advisor-disable-next-line insecure-transport -- local Soketi in docker compose only\nexport const a = new Pusher({ appId: '1', key: 'k', secret: process.env.S, cluster: 'eu', useTLS: false });\nexport const b = new Pusher({ appId: '1', key: 'k', secret: process.env.S, cluster: 'eu', useTLS: false });\n",
      'public/huge.js': `// ${'x'.repeat(2_000_000)}\n`,
    });
    const { text, log } = await sarifOf(dir);
    const results = log.runs[0]!.results;
    const suppressed = results.filter((r) => r.suppressions !== undefined);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'local Soketi in docker compose only' }]);
    expect(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('app/%5Broom%20id%5D/pusher.ts');
    const invocation = log.runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications.map((n) => [n.descriptor.id, n.message.text.slice(0, 31)])).toEqual([['skipped-file', 'public/huge.js was not analysed']]);
    expect(await validateSarif(text)).toEqual([]);
  });
});
