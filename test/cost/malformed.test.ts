import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers.js';

const H = 'timestamp,connections,messages';
const row = (i: number, c = 10, m = 100) => `${new Date(Date.UTC(2026, 0, 1, 0, 5 * i)).toISOString()},${c},${m}`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

interface Case {
  name: string;
  file: string;
  content: string | Buffer;
  /** The whole one-line message after `pusher-advisor: `, as a pattern. */
  expected: RegExp;
  args?: string[];
}

const cases: Case[] = [
  // CSV
  { name: 'unknown column', file: 'u.csv', content: csv(`${H},colour`, `${row(0)},red`), expected: /^u\.csv:1: field "colour": unknown column; expected timestamp, connections, messages/ },
  { name: 'missing required column', file: 'u.csv', content: csv('timestamp,connections', '2026-01-01T00:00:00Z,1'), expected: /^u\.csv:1: field "messages": missing required column \(accepted names: messages, message_count/ },
  { name: 'two columns meaning the same', file: 'u.csv', content: csv(`${H},Concurrent Connections`, `${row(0)},3`), expected: /^u\.csv:1: field "Concurrent Connections": column means the same as "connections"/ },
  { name: 'unparseable timestamp', file: 'u.csv', content: csv(H, row(0), 'yesterday,1,2'), expected: /^u\.csv:3: field "timestamp": cannot parse "yesterday" as an ISO 8601 timestamp/ },
  { name: 'impossible date', file: 'u.csv', content: csv(H, row(0), '2026-02-30T00:00:00Z,1,2'), expected: /^u\.csv:3: field "timestamp": timestamp "2026-02-30T00:00:00Z" is not a valid date/ },
  { name: 'timestamp without offset', file: 'u.csv', content: csv(H, '2026-01-01T00:00:00,1,2'), expected: /^u\.csv:2: field "timestamp": timestamp "2026-01-01T00:00:00" has no UTC offset/ },
  { name: 'unparseable number', file: 'u.csv', content: csv(H, row(0), `${row(1).split(',')[0]},12x,5`), expected: /^u\.csv:3: field "connections": "12x" is not a number$/ },
  { name: 'negative value', file: 'u.csv', content: csv(H, row(0), row(1, 5, -3)), expected: /^u\.csv:3: field "messages": value -3 is negative$/ },
  { name: 'NaN', file: 'u.csv', content: csv(H, row(0), `${row(1).split(',')[0]},NaN,1`), expected: /^u\.csv:3: field "connections": "NaN" is not a number$/ },
  { name: 'infinite number', file: 'u.csv', content: csv(H, row(0), `${row(1).split(',')[0]},1,1e999`), expected: /^u\.csv:3: field "messages": value 1e999 is not finite$/ },
  { name: 'implausibly large number', file: 'u.csv', content: csv(H, row(0), row(1, 5, 2e300)), expected: /^u\.csv:3: field "messages": value 2e\+300 is implausibly large/ },
  { name: 'empty cell', file: 'u.csv', content: csv(H, row(0), `${row(1).split(',')[0]},,1`), expected: /^u\.csv:3: field "connections": empty value/ },
  { name: 'duplicate timestamp', file: 'u.csv', content: csv(H, row(0), row(1), row(1)), expected: /^u\.csv:4: field "timestamp": duplicate timestamp 2026-01-01T00:05:00Z \(also at line 3\)$/ },
  { name: 'duplicate timestamp out of order', file: 'u.csv', content: csv(H, row(2), row(0), row(1), row(2)), expected: /^u\.csv:5: field "timestamp": duplicate timestamp 2026-01-01T00:10:00Z \(also at line 2\)$/ },
  { name: 'mixed UTC offsets', file: 'u.csv', content: csv(H, '2026-01-01T01:00:00+01:00,1,1', '2026-01-01T02:05:00+02:00,1,1'), expected: /^u\.csv:3: field "timestamp": timestamp is ISO 8601 with offset \+02:00 but line 2 is ISO 8601 with offset \+01:00/ },
  { name: 'epoch mixed with ISO', file: 'u.csv', content: csv(H, row(0), '1767226200,1,1'), expected: /^u\.csv:3: field "timestamp": timestamp is epoch seconds but line 2 is ISO 8601 with offset Z/ },
  { name: 'empty file', file: 'u.csv', content: '', expected: /^u\.csv: empty file; expected a header row/ },
  { name: 'header only', file: 'u.csv', content: csv(H), expected: /^u\.csv: no data rows/ },
  { name: 'one row only', file: 'u.csv', content: csv(H, row(0)), expected: /^u\.csv:2: only one sample/ },
  { name: 'ragged row', file: 'u.csv', content: csv(H, row(0), `${row(1)},9`), expected: /^u\.csv:3: not valid CSV: Invalid Record Length/ },
  { name: 'interval finer than 5 s', file: 'u.csv', content: csv(H, '2026-01-01T00:00:00Z,1,1', '2026-01-01T00:00:01Z,1,1', '2026-01-01T00:00:02Z,1,1'), expected: /^u\.csv: field "timestamp": samples are 1 s apart; supported intervals are 5 s to 1 day/ },
  { name: 'interval coarser than a day', file: 'u.csv', content: csv(H, '2026-01-01T00:00:00Z,1,1', '2026-01-03T00:00:00Z,1,1'), expected: /^u\.csv: field "timestamp": samples are 172800 s apart/ },
  { name: 'semicolon-separated file', file: 'u.csv', content: csv('timestamp;connections;messages', '2026-01-01T00:00:00Z;1;1'), expected: /^u\.csv:1: field "timestamp;connections;messages": unknown column/ },
  // File type
  { name: 'unsupported extension', file: 'u.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), expected: /^u\.png: unsupported file type "\.png"; expected a \.csv export/ },
  { name: 'binary content in a .csv', file: 'u.csv', content: Buffer.from([0x89, 0x50, 0x00, 0x47, 0x0a]), expected: /^u\.csv: binary file; expected CSV, JSON or YAML text$/ },
  { name: 'missing file', file: 'present.csv', content: csv(H, row(0), row(1)), args: ['--usage', 'absent.csv'], expected: /^absent\.csv: cannot read the file \(ENOENT\)$/ },
  // Datadog JSON
  { name: 'invalid JSON', file: 'd.json', content: '{\n  "series": [\n    {"metric": }\n  ]\n}\n', expected: /^d\.json:3: not valid JSON/ },
  { name: 'Datadog negative value', file: 'd.json', content: dd([[0, 1], [300_000, -2]]), expected: /^d\.json at series\[1\]\.pointlist\[1\]\[1\]: field "pusher\.messages": value -2 is negative$/ },
  { name: 'Datadog value not a number', file: 'd.json', content: dd([[0, 1], [300_000, 'x']]), expected: /^d\.json at series\[1\]\.pointlist\[1\]\[1\]: field "pointlist": value must be a number or null$/ },
  { name: 'Datadog unknown metric', file: 'd.json', content: JSON.stringify({ series: [{ metric: 'cpu.load', pointlist: [] }] }), expected: /^d\.json at series\[0\]\.metric: field "metric": unknown metric "cpu\.load"/, args: ['--connections-metric', 'pusher.connections'] },
  { name: 'Datadog without a connection metric', file: 'd.json', content: JSON.stringify({ series: [{ metric: 'pusher.messages', pointlist: [[0, 1]] }] }), expected: /^d\.json at series: field "metric": no connection metric found; name the series that holds concurrent connections with --connections-metric$/ },
  { name: 'Datadog duplicate timestamp', file: 'd.json', content: dd([[0, 1], [0, 2]]), expected: /^d\.json at series\[1\]\.pointlist\[1\]\[0\]: field "timestamp": duplicate timestamp 1970-01-01T00:00:00\.000Z \(also at series\[1\]\.pointlist\[0\]\)$/ },
  { name: 'Datadog series not an array', file: 'd.json', content: '{"series": 3}', expected: /^d\.json at series: field "series": series must be an array/ },
  // Usage assumptions
  { name: 'assumptions: unknown key', file: 'a.yaml', content: 'profile: small\nusers: 10\n', expected: /^a\.yaml:2: field "users": unknown key/ },
  { name: 'assumptions: negative value', file: 'a.yaml', content: 'profile: small\npresence:\n  members_per_channel: -4\n', expected: /^a\.yaml:3: field "members_per_channel": must not be negative$/ },
  { name: 'assumptions: text for a number', file: 'a.yml', content: 'peak_concurrent_users: lots\n', expected: /^a\.yml:1: field "peak_concurrent_users": must be a number$/ },
  { name: 'assumptions: invalid YAML', file: 'a.yaml', content: 'profile: small\nchannels: 3\nchannels: [1,\n', expected: /^a\.yaml:3: not valid YAML/ },
  { name: 'assumptions: missing value', file: 'a.yaml', content: 'profile: small\npresence:\n  members_per_channel:\n', expected: /^a\.yaml:3: field "members_per_channel": must be a number$/ },
  { name: 'assumptions: empty', file: 'a.yaml', content: '\n', expected: /^a\.yaml: empty file/ },
  { name: 'assumptions: nothing to size connections', file: 'a.yaml', content: 'publishes_per_day: 10\n', expected: /^a\.yaml: field "peak_concurrent_users": missing/ },
  { name: 'assumptions JSON: over the 100-channel trigger limit', file: 'a.json', content: '{"profile": "small", "channels_per_publish": 101}', expected: /^a\.json at channels_per_publish: field "channels_per_publish": Pusher accepts at most 100 channels per trigger$/ },
  // Plans file
  { name: 'plans: missing field', file: 'ok.csv', content: csv(H, row(0), row(1)), args: ['--usage', 'ok.csv', '--plans', 'q.yaml'], expected: /^q\.yaml:2: field "monthly_usd": missing$/ },
  { name: 'plans: unknown key', file: 'ok.csv', content: csv(H, row(0), row(1)), args: ['--usage', 'ok.csv', '--plans', 'p.yaml'], expected: /^p\.yaml:3: field "price": unknown key$/ },
];

function dd(points: unknown[]): string {
  return JSON.stringify({
    series: [
      { metric: 'pusher.connections', pointlist: [[0, 1], [300_000, 1]] },
      { metric: 'pusher.messages', pointlist: points },
    ],
  });
}

describe('malformed usage input: one line naming file, line or JSON path and field; exit 2', () => {
  it.each(cases)('$name', async (c) => {
    const files: Record<string, string | Buffer> = { [c.file]: c.content };
    files['q.yaml'] = 'plans:\n  - id: pro\n    max_connections: 1\n    messages_per_day: 1\n';
    if (c.name.startsWith('plans:')) files['p.yaml'] = 'plans:\n  - id: pro\n    price: 10\n    monthly_usd: 1\n    max_connections: 1\n    messages_per_day: 1\n';
    const dir = tempFiles(files);
    const r = await runCli(['cost', ...(c.args?.includes('--usage') ? [] : ['--usage', c.file]), ...(c.args ?? [])], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith('pusher-advisor: ')).toBe(true);
    expect(lines[0]!.slice('pusher-advisor: '.length)).toMatch(c.expected);
  });

  it('an unknown --plan is a usage error, exit 2', async () => {
    const dir = tempFiles({ 'ok.csv': csv(H, row(0), row(1)) });
    const r = await runCli(['cost', '--usage', 'ok.csv', '--plan', 'gold'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pusher-advisor: unknown plan "gold"; known plans: sandbox, startup/);
  });

  it('a bad --horizon is a usage error, exit 2', async () => {
    const dir = tempFiles({ 'ok.csv': csv(H, row(0), row(1)) });
    const r = await runCli(['cost', '--usage', 'ok.csv', '--horizon', '-3'], dir);
    expect(r.code).toBe(2);
  });
});

describe('recoverable input problems: warnings, exit 0', () => {
  it('sorts rows that are out of order and says so', async () => {
    const dir = tempFiles({ 'u.csv': csv(H, row(2), row(0), row(1)) });
    const r = await runCli(['cost', '--usage', 'u.csv', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: u\.csv: rows are not in time order; they were sorted/);
    const json = JSON.parse(r.stdout);
    expect(json.window.start).toBe('2026-01-01T00:00:00Z');
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain('rows-sorted');
  });

  it('reports gaps', async () => {
    const lines = rows(20).filter((_, i) => i < 5 || i > 12);
    const dir = tempFiles({ 'u.csv': csv(H, ...lines) });
    const r = await runCli(['cost', '--usage', 'u.csv', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.window.gaps).toEqual({ count: 1, missingSeconds: 8 * 300 });
    expect(r.stderr).toMatch(/1 gap\(s\) in the series, 40 min missing in total; longest from 2026-01-01T00:20:00Z to 2026-01-01T01:05:00Z/);
  });

  it('warns that data coarser than a minute may understate peaks', async () => {
    const dir = tempFiles({ 'u.csv': csv(H, ...rows(3)) });
    const r = await runCli(['cost', '--usage', 'u.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/coarser than a minute.*peaks may be understated/);
  });
});
