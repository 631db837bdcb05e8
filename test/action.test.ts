import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PR_COMMENT_MARKER } from '../src/reporters/pr-comment.js';
import { validateSarif } from './helpers/sarif.js';
import { CLI_BIN as CLI } from './helpers/bin.js';

/**
 * The composite action (`action.yml`), run the way a runner runs it, with no network: every `run`
 * step goes through bash with GitHub's flags, the env its `env:` map evaluates to (GitHub's own
 * expression library) and the runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). `uses:` steps
 * are not run; their inputs are checked against what the run steps wrote. `gh` is a fake on PATH
 * that keeps a pull request's comments in a file and filters them with the real `jq`, as gh does.
 */

const REPO = resolve(import.meta.dirname, '..');

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;

// The runner's status functions: the test stops at the first failing step, so all are "succeeded".
const STATUS: FunctionDefinition[] = [
  { name: 'success', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
  { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
  { name: 'failure', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(false) },
];
const CONTEXTS = ['github', 'inputs', 'steps', 'runner', 'env'];

function evaluate(expression: string, context: Record<string, unknown>): data.ExpressionData {
  const parsed = new Parser(new Lexer(expression).lex().tokens, CONTEXTS, STATUS).parse();
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  return new Evaluator(parsed, dictionary, new Map(STATUS.map((f) => [f.name.toLowerCase(), f]))).evaluate();
}

/** A value with `${{ }}` parts, as the runner fills in `env:`, `with:` and input defaults. */
function interpolate(value: string, context: Record<string, unknown>): string {
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_all, expression: string) => evaluate(expression.trim(), context).coerceString());
}

/** `if:` is an expression with or without `${{ }}`; an absent one is `success()`. */
function condition(value: string | undefined, context: Record<string, unknown>): boolean {
  const expression = (value ?? 'success()').trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  return truthy(evaluate(expression, context));
}

/** GITHUB_OUTPUT's `name=value` lines (the action writes no multi-line outputs). */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

const FAKE_GH = `#!/usr/bin/env node
// Fake gh: issue comments of one pull request in $FAKE_GH_STATE; every call logged to $FAKE_GH_LOG.
const { appendFileSync, existsSync, readFileSync, writeFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_GH_LOG, JSON.stringify(args) + '\\n');
const state = existsSync(process.env.FAKE_GH_STATE) ? JSON.parse(readFileSync(process.env.FAKE_GH_STATE, 'utf8')) : { next: 101, comments: [] };
const value = (flag) => { const i = args.indexOf(flag); return i === -1 ? undefined : args[i + 1]; };
const path = args.find((a, i) => i > 0 && a.startsWith('repos/'));
const method = value('--method') ?? 'GET';
if (args[0] !== 'api' || path === undefined || process.env.GH_TOKEN !== 'test-token') process.exit(4);
const body = () => { const f = value('-F'); return readFileSync(f.slice('body=@'.length), 'utf8'); };
if (method === 'GET' && /^repos\\/[^/]+\\/[^/]+\\/issues\\/\\d+\\/comments$/.test(path)) {
  const page = JSON.stringify(state.comments);
  const jq = value('--jq');
  process.stdout.write(jq === undefined ? page : execFileSync('jq', ['-r', jq], { input: page, encoding: 'utf8' }));
} else if (method === 'POST' && /\\/issues\\/\\d+\\/comments$/.test(path)) {
  const comment = { id: state.next++, body: body() };
  state.comments.push(comment);
  process.stdout.write(JSON.stringify(comment));
} else if (method === 'PATCH' && /\\/issues\\/comments\\/\\d+$/.test(path)) {
  const comment = state.comments.find((c) => String(c.id) === path.split('/').pop());
  if (comment === undefined) process.exit(1);
  comment.body = body();
  process.stdout.write(JSON.stringify(comment));
} else process.exit(1);
writeFileSync(process.env.FAKE_GH_STATE, JSON.stringify(state));
`;

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });

/**
 * The demo app as `web/` of a repository, with its usage assumptions in `ops/`; the branch turns TLS
 * off on the server (one new high finding) and tenfolds the peak users (a cost increase).
 */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pa-action-repo-'));
  cpSync(join(REPO, 'examples/demo-app'), join(dir, 'web'), { recursive: true });
  mkdirSync(join(dir, 'ops'));
  cpSync(join(REPO, 'examples/usage/pusher-usage.yml'), join(dir, 'ops/pusher-usage.yml'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  const server = join(dir, 'web/lib/pusher-server.ts');
  writeFileSync(server, readFileSync(server, 'utf8').replace('useTLS: true', 'useTLS: false'));
  const usage = join(dir, 'ops/pusher-usage.yml');
  writeFileSync(usage, readFileSync(usage, 'utf8').replace(/^peak_concurrent_users: 380\b/m, 'peak_concurrent_users: 3800'));
  git(dir, 'commit', '-q', '-am', 'head: TLS off, ten times the users');
  return dir;
}

interface StepRun {
  step: Step;
  ran: boolean;
  status: number;
  stdout: string;
  stderr: string;
  with?: Record<string, string>;
}

class Runner {
  readonly temp = mkdtempSync(join(tmpdir(), 'pa-action-runner-'));
  readonly summary = join(this.temp, 'step-summary.md');
  readonly ghLog = join(this.temp, 'gh.log');
  readonly ghState = join(this.temp, 'gh-state.json');
  private readonly bin = join(this.temp, 'bin');
  readonly steps: Record<string, { outputs: Record<string, string> }> = {};
  readonly inputs: Record<string, string>;
  readonly github: Record<string, unknown>;

  constructor(readonly workspace: string, given: Record<string, string>) {
    mkdirSync(this.bin);
    writeFileSync(join(this.bin, 'gh'), FAKE_GH);
    chmodSync(join(this.bin, 'gh'), 0o755);
    writeFileSync(this.summary, '');
    this.github = {
      action_path: REPO,
      workspace,
      token: 'test-token',
      repository: 'shipyard/orders',
      event_name: 'pull_request',
      event: { pull_request: { number: 7 } },
    };
    for (const name of Object.keys(given)) expect(action.inputs, `input ${name}`).toHaveProperty(name);
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, interpolate(v.default ?? '', this.context())]));
    this.inputs = { ...defaults, ...given };
  }

  context(): Record<string, unknown> {
    return { github: this.github, inputs: this.inputs ?? {}, steps: this.steps, runner: { temp: this.temp, os: 'Linux' }, env: {} };
  }

  /** Runs one step as the runner would; returns what it printed and its exit status. */
  step(step: Step): StepRun {
    const context = this.context();
    if (!condition(step.if, context)) return { step, ran: false, status: 0, stdout: '', stderr: '' };
    if (step.uses !== undefined) {
      const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
      return { step, ran: false, status: 0, stdout: '', stderr: '', with: withValues };
    }
    const script = join(this.temp, `step-${step.id ?? step.name.replace(/\W+/g, '-')}.sh`);
    const output = join(this.temp, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(script, step.run!);
    writeFileSync(output, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: this.workspace,
      encoding: 'utf8',
      env: {
        PATH: `${this.bin}:${process.env['PATH'] ?? ''}`,
        HOME: this.temp,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: this.workspace,
        GITHUB_REPOSITORY: 'shipyard/orders',
        GITHUB_ACTION_PATH: REPO,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: this.summary,
        RUNNER_TEMP: this.temp,
        GIT_CONFIG_NOSYSTEM: '1',
        NO_COLOR: '1',
        FAKE_GH_LOG: this.ghLog,
        FAKE_GH_STATE: this.ghState,
        ...env,
      },
    });
    if (step.id !== undefined) this.steps[step.id] = { outputs: readOutputs(output) };
    return { step, ran: true, status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  /** Every step in order, stopping at the first that fails, as a job does. */
  all(): StepRun[] {
    const runs: StepRun[] = [];
    for (const step of action.runs.steps) {
      const r = this.step(step);
      runs.push(r);
      if (r.status !== 0) break;
    }
    return runs;
  }

  ghCalls(): string[][] {
    return existsSync(this.ghLog) ? readFileSync(this.ghLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : [];
  }

  comments(): Array<{ id: number; body: string }> {
    return existsSync(this.ghState) ? (JSON.parse(readFileSync(this.ghState, 'utf8')) as { comments: Array<{ id: number; body: string }> }).comments : [];
  }
}

const byName = (runs: StepRun[], name: string): StepRun => {
  const r = runs.find((x) => x.step.name === name);
  if (r === undefined) throw new Error(`no step "${name}" in action.yml`);
  return r;
};

describe('action.yml', () => {
  it('is a composite action whose run steps take every input through env, never by ${{ }} in the script', () => {
    expect(action.runs.using).toBe('composite');
    const used = new Set<string>();
    for (const step of action.runs.steps) {
      const text = JSON.stringify(step);
      for (const m of text.matchAll(/inputs\.([\w-]+)/g)) used.add(m[1]!);
      if (step.uses !== undefined) continue;
      expect(step.shell, step.name).toBe('bash');
      expect(step.run, step.name).not.toMatch(/\$\{\{/);
    }
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe('');
  });

  it("is used by the README's workflow with inputs it declares and expressions that parse", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as { jobs?: Record<string, { steps: Step[] }> });
    const workflow = blocks.find((b) => Object.values(b.jobs ?? {}).some((j) => j.steps.some((s) => s.uses?.includes('/pusher-advisor@'))));
    expect(workflow, 'a README workflow that uses the action').toBeDefined();
    const steps = Object.values(workflow!.jobs!).flatMap((j) => j.steps);
    const use = steps.find((s) => s.uses?.includes('/pusher-advisor@'))!;
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    for (const [name, value] of Object.entries(use.with ?? {})) {
      expect(action.inputs, `README input ${name}`).toHaveProperty(name);
      const context = { github: { event_name: 'pull_request', base_ref: 'main' }, inputs: {}, steps: {}, runner: {}, env: {} };
      expect(() => interpolate(String(value), context), `${name}: ${String(value)}`).not.toThrow();
    }
    expect(interpolate(String(use.with!['diff-base']), { github: { event_name: 'pull_request', base_ref: 'main' } })).toBe('origin/main');
    expect(interpolate(String(use.with!['diff-base']), { github: { event_name: 'push', base_ref: '' } })).toBe('');
  });

  describe('on a pull request of the demo app, offline', () => {
    let runner: Runner;
    let runs: StepRun[];

    beforeAll(() => {
      expect(existsSync(CLI), 'the action runs the built CLI: npm ci (or npm run build) first').toBe(true);
      runner = new Runner(repository(), {
        path: 'web',
        usage: 'ops/pusher-usage.yml',
        'fail-on': 'high',
        'diff-base': 'main',
        'fail-on-cost-increase': '10%',
      });
      runs = runner.all();
    }, 240_000);

    it('runs every step, and the last one fails the job: a new high finding and the cost rising by more than 10 %', () => {
      expect(runs.map((r) => [r.step.name, r.status])).toEqual(action.runs.steps.map((s, i) => [s.name, i === action.runs.steps.length - 1 ? 1 : 0]));
      const gate = byName(runs, 'Gate');
      expect(gate.stdout).toContain('::error title=pusher-advisor::new findings at or above the fail-on severity');
      expect(gate.stdout).toContain('::error title=pusher-advisor::the modelled monthly Pusher cost rises by more than 10%');
      expect(runner.steps['scan']!.outputs['exit-code']).toBe('1');
      expect(runner.steps['compare']!.outputs['exit-code']).toBe('1');
    });

    it('annotates only the line the branch changed', () => {
      const annotations = byName(runs, 'Scan').stdout.split('\n').filter((l) => l.startsWith('::'));
      expect(annotations).toHaveLength(1);
      expect(annotations[0]).toMatch(/^::error file=web\/lib\/pusher-server\.ts,line=12,.*title=insecure-transport \(high\)::/);
    });

    it('hands code scanning a valid SARIF file with the new finding as new and the old ones as unchanged', async () => {
      const upload = byName(runs, 'Upload SARIF to code scanning');
      expect(upload.step.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
      expect(upload.with?.['category']).toBe('pusher-advisor');
      const file = upload.with?.['sarif_file'] ?? '';
      expect(existsSync(file)).toBe(true);
      const sarif = readFileSync(file, 'utf8');
      expect(await validateSarif(sarif)).toEqual([]);
      const results = (JSON.parse(sarif) as { runs: Array<{ results: Array<{ ruleId: string; baselineState: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }).runs[0]!.results;
      const fresh = results.filter((r) => r.baselineState === 'new');
      expect(fresh.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([['insecure-transport', 'web/lib/pusher-server.ts']]);
      expect(results.filter((r) => r.baselineState === 'unchanged').length).toBeGreaterThan(5);
    }, 120_000);

    it('compares with a scan of the merge base: one new finding, none fixed, and the cost delta, also in the job summary', () => {
      const comment = readFileSync(runner.steps['compare']!.outputs['comment']!, 'utf8');
      expect(comment.split('\n')[0]).toBe(PR_COMMENT_MARKER);
      expect(comment).toMatch(/^This change adds \*\*1\*\* finding \(1 high\)\. \d+ unchanged\.$/m);
      expect(comment).toContain('| high | `insecure-transport` | `web/lib/pusher-server.ts:12` |');
      expect(comment).not.toContain('Fixed findings');
      expect(comment).toMatch(/^\*\*Monthly cost will increase by \$[\d,.]+ \(\+[\d,]+ %\)/m);
      expect(comment).toContain('over the limit of 10%');
      expect(readFileSync(runner.summary, 'utf8')).toBe(comment);
    });

    it('posts one PR comment, and on the next run updates that comment instead of adding one', () => {
      const post = byName(runs, 'Post or update the PR comment').step;
      const first = runner.ghCalls();
      expect(first.map((c) => c.slice(0, 3))).toEqual([
        ['api', '--paginate', 'repos/shipyard/orders/issues/7/comments'],
        ['api', '--method', 'POST'],
      ]);
      const [posted] = runner.comments();
      expect(posted?.body).toBe(readFileSync(runner.steps['compare']!.outputs['comment']!, 'utf8'));

      expect(runner.step(post).status).toBe(0);
      expect(runner.ghCalls().slice(first.length).map((c) => c.slice(0, 4))).toEqual([
        ['api', '--paginate', 'repos/shipyard/orders/issues/7/comments', '--jq'],
        ['api', '--method', 'PATCH', `repos/shipyard/orders/issues/comments/${posted!.id}`],
      ]);
      expect(runner.comments()).toHaveLength(1);
    });
  });
});
