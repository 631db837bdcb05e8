import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../rules/index.js';
import { run } from '../../src/cli/main.js';
import { configJsonSchema } from '../../src/config/schema.js';
import { scanReportSchema } from '../../src/report/schema.js';
import { bufferIO, tempProject } from '../helpers/project.js';

const rules = await loadRules();

const SERVER = "import Pusher from 'pusher';\n\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: process.env.PUSHER_SECRET, cluster: 'eu', useTLS: false });\n";

async function cli(cwd: string, ...args: string[]) {
  const { io, stdout, stderr } = bufferIO(cwd);
  const code = await run(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

const project = (config: Record<string, string>) => tempProject({ 'apps/web/server/pusher.ts': SERVER, 'apps/web/package.json': '{"name":"web"}\n', ...config });

describe('the config file', () => {
  it('is found upwards from the scanned folder and sets severities, rules off and thresholds; flags override it', async () => {
    const dir = project({ '.pusher-advisorrc.yaml': 'rules:\n  insecure-transport: medium\nfailOn: high\n' });
    const r = await cli(dir, 'scan', 'apps/web', '--format', 'json');
    const report = scanReportSchema.parse(JSON.parse(r.stdout));
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['insecure-transport', 'medium']]);
    expect(r.code).toBe(0); // medium is below the file's failOn: high
    expect((await cli(dir, 'scan', 'apps/web', '--fail-on', 'medium')).code).toBe(1);

    const off = project({ 'pusher-advisor.config.json': '{ "rules": { "insecure-transport": "off" } }\n' });
    expect(scanReportSchema.parse(JSON.parse((await cli(off, 'scan', 'apps/web', '--format', 'json')).stdout)).findings).toEqual([]);
    // --rule names it explicitly: the flag wins
    expect((await cli(off, 'scan', 'apps/web', '--rule', 'insecure-transport')).code).toBe(1);
  });

  it('--config names a file anywhere; relative paths in it are relative to it', async () => {
    const dir = project({ 'ci/pa.json': '{ "maxFindings": 0, "failOn": "none", "baseline": "missing-baseline.json" }\n' });
    const r = await cli(dir, 'scan', 'apps/web', '--config', 'ci/pa.json');
    expect(r).toMatchObject({ code: 2, stderr: 'pusher-advisor: ci/missing-baseline.json: cannot read (ENOENT)\n' });
  });

  it.each([
    ['.pusher-advisorrc.yaml', 'failOn: high\nrules:\n  insecure-transprot: off\n', 'pusher-advisor: .pusher-advisorrc.yaml:3 at rules.insecure-transprot: field "insecure-transprot": unknown rule "insecure-transprot" (run "pusher-advisor rules" for the ids)\n'],
    ['pusher-advisor.config.json', '{\n  "maxFindings": "ten"\n}\n', 'pusher-advisor: pusher-advisor.config.json:2 at maxFindings: field "maxFindings": Invalid input: expected number, received string\n'],
    ['.pusher-advisorrc.json', '{ "rules": { "insecure-transport": { "options": { "allowHost": ["dev"] } } } }\n', 'pusher-advisor: .pusher-advisorrc.json:1 at rules.insecure-transport.options.allowHost: field "allowHost": unknown key "allowHost"\n'],
    ['.pusher-advisorrc.yaml', 'rules:\n  insecure-transport: [off\nfailOn: high\n', /^pusher-advisor: \.pusher-advisorrc\.yaml:\d+: not valid YAML \([^\n]+\)\n$/],
    ['.pusher-advisorrc.yaml', 'ignores:\n  - legacy/\n', 'pusher-advisor: .pusher-advisorrc.yaml:1 at ignores: field "ignores": unknown key "ignores"\n'],
  ])('%s with an error: one line naming file, line and JSON path; exit 2', async (name, text, expected) => {
    const r = await cli(project({ [name]: text }), 'scan', 'apps/web');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    if (typeof expected === 'string') expect(r.stderr).toBe(expected);
    else expect(r.stderr).toMatch(expected);
  });
});

describe('the shipped JSON Schema', () => {
  const shipped = JSON.parse(readFileSync('dist/config.schema.json', 'utf8')) as Record<string, unknown>;

  it('is the one generated from the zod schema', () => {
    expect(shipped).toEqual(configJsonSchema(rules));
  });

  it("validates the README's example config, and rejects a typo", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Config file'));
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!) as Record<string, unknown>;
    const validate = new Ajv2020({ strict: false }).compile(shipped);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, failOn: 'severe' })).toBe(false);
    expect(validate({ ...example, rules: { 'no-such-rule': 'off' } })).toBe(false);
  });
});
