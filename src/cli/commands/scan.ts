import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadRules, RULE_IDS } from '../../../rules/index.js';
import { estimateCost, loadUsage, type CostFinding, type CostReport } from '../../cost/index.js';
import type { AnyRule } from '../../engine/rule.js';
import { scan, type ScanResult } from '../../engine/scan.js';
import { loadConfig } from '../../config/load.js';
import { ruleSettings, withSeverities } from '../../config/resolve.js';
import { InputError, UserError } from '../../errors.js';
import { applyGate } from '../../gate/apply.js';
import { createBaseline, parseBaseline, renderBaseline } from '../../gate/baseline.js';
import { changedLines } from '../../gate/changed-lines.js';
import { execGit } from '../../gate/git.js';
import { FAIL_ON, gateVerdict, type FailOn } from '../../gate/policy.js';
import { parseProbeReport, type ProbeReport } from '../../probe/index.js';
import { advise } from '../../recommend/index.js';
import { FORMAT_NAMES, reporters, type FormatName } from '../../reporters/index.js';
import { buildScanReport } from '../../report/build.js';
import { TOOL_HOMEPAGE, TOOL_NAME, TOOL_VERSION } from '../../version.js';
import type { CommandContext } from '../context.js';
import { emit, useColor, writeOutput } from '../output.js';
import { docsForFormats } from '../rule-docs.js';
import { templatesForFormats } from '../templates.js';

interface ScanFlags {
  format: FormatName;
  output?: string;
  html?: string;
  rule?: string[];
  disableRule?: string[];
  failOn: FailOn;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  quiet?: boolean;
  /** commander's `--no-color`: false when given. */
  color: boolean;
  usage?: string;
  probe?: string;
  maxFindings?: number;
  baseline?: string;
  writeBaseline?: string;
  diffBase?: string;
  config?: string;
  plan?: string;
  cache?: boolean;
  cacheLocation?: string;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number (0 or more)');
  return Number(value);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1_048_576, mb: 1_048_576, mib: 1_048_576 };

/** `512k`, `2MB`, `1048576`: binary units, as discovery reports sizes. */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InvalidArgumentError('expected a size such as 1048576, 512k or 2MB');
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes < 1) throw new InvalidArgumentError('expected a size of at least 1 byte');
  return bytes;
}

/** Ids may be given as `--rule a b` or `--rule a,b`; a `pusher-advisor/` prefix is accepted. */
function splitIds(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((id) => id.trim().replace(/^pusher-advisor\//, '')).filter((id) => id !== '');
}

/** The ids of the rules to run, from `all` the known ids. */
export function selectRules(all: readonly string[], only: readonly string[], disabled: readonly string[]): string[] {
  const known = new Set(all);
  for (const [flag, ids] of [['--rule', only], ['--disable-rule', disabled]] as const) {
    const unknown = ids.find((id) => !known.has(id));
    if (unknown !== undefined) throw new UserError(`${flag}: unknown rule "${unknown}" (run "pusher-advisor rules" for the list)`);
  }
  const off = new Set(disabled);
  return all.filter((id) => (only.length === 0 || only.includes(id)) && !off.has(id));
}

/** The scanned path as the user typed it, made relative when absolute: reports never carry machine paths. */
function displayRoot(given: string, cwd: string): string {
  const shown = isAbsolute(given) ? relative(cwd, given) || '.' : given;
  return shown.split('\\').join('/');
}

/** A file a flag names, read whole; a failure is one line naming the file as typed. */
async function readInput(abs: string, given: string): Promise<string> {
  try {
    return await readFile(abs, 'utf8');
  } catch (err) {
    throw new InputError({ file: given }, `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Like `loadProbeReport`, but errors name the file as the user typed it. */
async function loadProbe(abs: string, given: string): Promise<ProbeReport> {
  return parseProbeReport(await readInput(abs, given), given);
}

async function loadBaseline(abs: string, given: string) {
  return { file: given, baseline: parseBaseline(await readInput(abs, given), given) };
}

/** Checked here so the message names the path as typed; discovery only knows the resolved one. */
async function assertDirectory(abs: string, given: string): Promise<void> {
  const info = await stat(abs).catch(() => undefined);
  if (info === undefined) throw new UserError(`path not found: ${given}`);
  if (!info.isDirectory()) throw new UserError(`not a directory: ${given}`);
}

/** Findings whose message is a cost lever of their rule, as the cost model takes them. */
function costFindings(result: ScanResult, rules: readonly AnyRule[]): CostFinding[] {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const out: CostFinding[] = [];
  for (const f of result.findings) {
    const lever = byId.get(f.ruleId)?.meta.costLevers?.[f.messageId];
    if (lever !== undefined) out.push({ ruleId: f.ruleId, fingerprint: f.fingerprint, file: f.file, line: f.line, lever, message: f.message });
  }
  return out;
}

/** Resolved against the cwd as ESLint does; a trailing slash (a directory to keep the file in) survives. */
function cacheLocation(cwd: string, root: string, given: string | undefined): string {
  if (given === undefined) return `${resolve(root, 'node_modules/.cache', TOOL_NAME)}/`;
  return resolve(cwd, given) + (/[\\/]$/.test(given) ? '/' : '');
}

/** `scan`: find anti-patterns in a project's Pusher code, optionally with cost and probe results. */
export function registerScan(program: Command, ctx: CommandContext): void {
  program
    .command('scan')
    .description('Scan a project for Pusher Channels anti-patterns: insecure transport, leaked credentials, client-side authorization, leaks and more.')
    .argument('[path]', 'project directory to scan', '.')
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--html <file>', 'also write the HTML report to this file (the chosen format still goes to stdout or --output)')
    .option('--rule <ids...>', 'run only these rules (space- or comma-separated)')
    .option('--disable-rule <ids...>', 'do not run these rules')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at least this severe').choices(FAIL_ON).default('low'))
    .option('--include <globs...>', 'only scan files matching these gitignore-style globs')
    .option('--exclude <globs...>', 'also skip files matching these gitignore-style globs')
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 512k, 2MB; default 1MB)', parseSize)
    .option('--quiet', 'text format: print only the summary line; no progress')
    .option('--no-color', 'no ANSI colours (also off when NO_COLOR is set or stdout is not a terminal)')
    .option('--usage <file>', 'usage export or assumptions (as for `cost --usage`): adds the cost report, with savings from findings')
    .option('--probe <file>', 'a saved `probe auth --format json` report to include')
    .option('--max-findings <n>', 'exit 1 when more than n findings are reported (after --baseline and --diff-base)', parseCount)
    .option('--baseline <file>', 'report only findings not recorded in this baseline (see --write-baseline); lists entries that no longer occur')
    .option('--write-baseline <file>', "record today's findings as the baseline, then report against it")
    .option('--config <file>', 'config file (default: pusher-advisor.config.json, .pusher-advisorrc.json or .pusher-advisorrc.yaml, found from the scanned folder upwards)')
    .option('--plan <id>', 'with --usage: the Pusher plan the account is on now (adds plan fit)')
    .option('--cache', 'reuse the analysis of an earlier scan when no file, rule or option has changed (findings are always the same as without it)')
    .option('--cache-location <path>', `with --cache: the cache file, or a directory to keep it in (default: node_modules/.cache/${TOOL_NAME}/ under the scanned folder)`)
    .option('--diff-base <git-ref>', 'report only findings on lines added or changed since the merge base with this ref (the analysis still reads everything)')
    .addHelpText(
      'after',
      `
Put the path before --rule/--disable-rule/--include/--exclude: they take every following word.

Examples:
  $ pusher-advisor scan
  $ pusher-advisor scan apps/web --format json --output pusher-report.json
  $ pusher-advisor scan . --usage pusher-usage.csv --format html --output report.html
  $ pusher-advisor scan . --usage pusher-usage.csv --html report.html
  $ pusher-advisor scan . --rule insecure-transport --fail-on high
  $ pusher-advisor scan . --format sarif --output pusher-advisor.sarif
  $ pusher-advisor scan . --write-baseline .pusher-advisor-baseline.json
  $ pusher-advisor scan . --baseline .pusher-advisor-baseline.json --diff-base origin/main --fail-on high
  $ pusher-advisor scan . --exclude 'legacy/' --usage pusher-usage.csv
  $ pusher-advisor scan . --probe probe.json --quiet
  $ pusher-advisor scan . --cache --format sarif --output pusher-advisor.sarif

Exit codes: 0 nothing at or above --fail-on (and no more than --max-findings), 1 otherwise, 2 usage, input or internal error.`,
    )
    .action(async (path: string, flags: ScanFlags, command: Command) => {
      const { io } = ctx;
      const root = resolve(io.cwd, path);
      await assertDirectory(root, path);
      // Flags override the config file; a value commander filled in as its default does not.
      const loaded = await loadConfig({ cwd: io.cwd, root, ...(flags.config !== undefined ? { explicit: flags.config } : {}), rules: () => loadRules() });
      const config = loaded?.config ?? {};
      const fromConfig = (p: string | undefined): string | undefined =>
        p === undefined || loaded === undefined ? p : (relative(io.cwd, resolve(loaded.dir, p)) || '.').split('\\').join('/');
      const settings = ruleSettings(config);
      const only = splitIds(flags.rule);
      const selected = await loadRules(selectRules(RULE_IDS, only, [...splitIds(flags.disableRule), ...settings.off.filter((id) => !only.includes(id))]));
      const failOn: FailOn = command.getOptionValueSource('failOn') === 'cli' ? flags.failOn : (config.failOn ?? flags.failOn);
      const maxFindings = flags.maxFindings ?? config.maxFindings;
      const usagePath = flags.usage ?? fromConfig(config.usage);
      const plan = flags.plan ?? config.plan;
      const baselinePath = flags.baseline ?? fromConfig(config.baseline);
      const include = flags.include ?? config.include;
      const exclude = [...(config.ignore ?? []), ...(flags.exclude ?? [])];
      const maxFileSize = flags.maxFileSize ?? (typeof config.maxFileSize === 'string' ? parseSize(config.maxFileSize) : config.maxFileSize);

      const progress = io.stderrIsTTY && !flags.quiet;
      // Inputs that can fail are read before the scan, so a typo costs no scan time.
      const usage = usagePath !== undefined ? await loadUsage(resolve(io.cwd, usagePath), { displayName: usagePath }) : undefined;
      const probe = flags.probe !== undefined ? await loadProbe(resolve(io.cwd, flags.probe), flags.probe) : undefined;
      const baselineIn = baselinePath !== undefined && flags.writeBaseline === undefined ? await loadBaseline(resolve(io.cwd, baselinePath), baselinePath) : undefined;

      const changed = flags.diffBase !== undefined ? await changedLines(execGit, root, path, flags.diffBase) : undefined;
      const selectedIds = new Set(selected.map((r) => r.meta.id));
      const scanned = await scan({
        root,
        displayRoot: displayRoot(path, io.cwd),
        rules: selected,
        ruleOptions: Object.fromEntries(Object.entries(settings.options).filter(([id]) => selectedIds.has(id))),
        knownRuleIds: RULE_IDS,
        ...(include !== undefined ? { include } : {}),
        ...(exclude.length > 0 ? { exclude } : {}),
        ...(maxFileSize !== undefined ? { maxFileBytes: maxFileSize } : {}),
        ...(flags.cache === true ? { cacheLocation: cacheLocation(io.cwd, root, flags.cacheLocation) } : {}),
        onWarning: (message: string) => io.stderr(`pusher-advisor: warning: ${message}\n`),
        ...(progress ? { onProgress: (message: string) => io.stderr(`pusher-advisor: ${message}\n`) } : {}),
      });
      const result = { ...scanned, findings: withSeverities(scanned.findings, settings.severity), suppressed: withSeverities(scanned.suppressed, settings.severity) };
      if (progress) io.stderr(`pusher-advisor: scanned ${result.stats.files} files in ${result.stats.durationMs} ms\n`);

      let cost: CostReport | undefined;
      if (usage !== undefined) {
        cost = estimateCost(usage, plan !== undefined ? { currentPlan: plan } : {}, costFindings(result, selected));
        for (const w of cost.warnings) io.stderr(`pusher-advisor: warning: ${w.message}\n`);
      }
      let baseline = baselineIn;
      if (flags.writeBaseline !== undefined) {
        baseline = { file: flags.writeBaseline, baseline: createBaseline(result.findings, `${TOOL_NAME}@${TOOL_VERSION}`) };
        await writeOutput(io, '--write-baseline', flags.writeBaseline, renderBaseline(baseline.baseline));
        io.stderr(`pusher-advisor: wrote ${flags.writeBaseline} with ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}\n`);
      }
      const gate = applyGate(result.findings, { ...(changed !== undefined ? { changed } : {}), ...(baseline !== undefined ? { baseline } : {}) });
      const absent = gate.section?.baseline?.absent.length ?? 0;
      if (absent > 0) io.stderr(`pusher-advisor: ${absent} baseline entr${absent === 1 ? 'y no longer occurs' : 'ies no longer occur'}; run with --write-baseline to drop ${absent === 1 ? 'it' : 'them'}\n`);
      const advice = advise({
        facts: result.architecture,
        inventory: result.inventory,
        findings: gate.findings,
        ...(cost !== undefined ? { cost } : {}),
        rules: selected.map((r) => ({ id: r.meta.id, title: r.meta.title, category: r.meta.category, severity: r.meta.severity })),
        scan: { skipped: result.skipped.length, errors: result.errors.length },
      });
      const report = buildScanReport(
        { ...result, findings: gate.findings },
        {
          tool: { name: TOOL_NAME, version: TOOL_VERSION },
          ...(cost !== undefined ? { cost } : {}),
          ...(probe !== undefined ? { probe } : {}),
          ...(gate.section !== undefined ? { gate: gate.section } : {}),
          advice,
        },
      );

      const color = useColor(io, flags);
      const formats = [flags.format, ...(flags.html !== undefined ? ['html'] : [])];
      const docs = await docsForFormats(await loadRules(), formats);
      const options = { color, quiet: flags.quiet ?? false, ...docs, ...(await templatesForFormats(formats)), informationUri: TOOL_HOMEPAGE };
      if (flags.html !== undefined) await writeOutput(io, '--html', flags.html, reporters.html(report, options));
      const text = reporters[flags.format](report, options);
      await emit(io, flags.output, text);

      const ruleFailures = result.errors.filter((e) => e.ruleId !== undefined).length;
      if (ruleFailures > 0) {
        // A rule that crashed may have missed findings: a passing exit code would be a false all-clear.
        io.stderr(`pusher-advisor: ${ruleFailures} internal rule error${ruleFailures === 1 ? '' : 's'}; the results are incomplete (see "errors" in the report)\n`);
        ctx.setExitCode(2);
        return;
      }
      ctx.setExitCode(gateVerdict(report.findings, { failOn, ...(maxFindings !== undefined ? { maxFindings } : {}) }).exitCode);
    });
}
