import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadRules, RULE_IDS } from '../../../rules/index.js';
import type { CostFinding, CostReport } from '../../cost/index.js';
import type { AnyRule } from '../../engine/rule.js';
import { scan, type ScanResult } from '../../engine/scan.js';
import { loadConfig } from '../../config/load.js';
import { ruleSettings, withSeverities } from '../../config/resolve.js';
import { InputError, UserError } from '../../errors.js';
import { applyGate } from '../../gate/apply.js';
import type { ChangedLines } from '../../gate/changed-lines.js';
import { gateVerdict, type FailOn } from '../../gate/policy.js';
import type { ProbeReport } from '../../probe/schema.js';
import { advise } from '../../recommend/advise.js';
import { loadReporter } from '../../reporters/index.js';
import { buildScanReport } from '../../report/build.js';
import { TOOL_HOMEPAGE, TOOL_NAME, TOOL_VERSION } from '../../version.js';
import type { CommandContext } from '../context.js';
import { emit, useColor, writeOutput } from '../output.js';
import { docsForFormats } from '../rule-docs.js';
import { templatesForFormats } from '../templates.js';
import { displayRoot, parseSize, selectRules, splitIds, type ScanFlags } from './scan.js';

/** What `scan` does once commander has parsed its flags (scan.ts): loaded only when a scan runs. */

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
  const { parseProbeReport } = await import('../../probe/schema.js');
  return parseProbeReport(await readInput(abs, given), given);
}

async function diffBaseLines(root: string, path: string, ref: string): Promise<ChangedLines> {
  const [{ changedLines }, { execGit }] = await Promise.all([import('../../gate/changed-lines.js'), import('../../gate/git.js')]);
  return changedLines(execGit, root, path, ref);
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

export async function runScan(ctx: CommandContext, path: string, flags: ScanFlags, command: Command): Promise<void> {
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
  // What only some flags need (cost model, probe and baseline schemas, git) loads only with them.
  const costing = usagePath !== undefined ? await import('../../cost/index.js') : undefined;
  const usage = usagePath !== undefined && costing !== undefined ? await costing.loadUsage(resolve(io.cwd, usagePath), { displayName: usagePath }) : undefined;
  const probe = flags.probe !== undefined ? await loadProbe(resolve(io.cwd, flags.probe), flags.probe) : undefined;
  const baselines = baselinePath !== undefined || flags.writeBaseline !== undefined ? await import('../../gate/baseline.js') : undefined;
  const baselineIn = baselinePath !== undefined && flags.writeBaseline === undefined && baselines !== undefined ? { file: baselinePath, baseline: baselines.parseBaseline(await readInput(resolve(io.cwd, baselinePath), baselinePath), baselinePath) } : undefined;

  const changed = flags.diffBase !== undefined ? await diffBaseLines(root, path, flags.diffBase) : undefined;
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
  if (usage !== undefined && costing !== undefined) {
    cost = costing.estimateCost(usage, plan !== undefined ? { currentPlan: plan } : {}, costFindings(result, selected));
    for (const w of cost.warnings) io.stderr(`pusher-advisor: warning: ${w.message}\n`);
  }
  let baseline = baselineIn;
  if (flags.writeBaseline !== undefined && baselines !== undefined) {
    baseline = { file: flags.writeBaseline, baseline: baselines.createBaseline(result.findings, `${TOOL_NAME}@${TOOL_VERSION}`) };
    await writeOutput(io, '--write-baseline', flags.writeBaseline, baselines.renderBaseline(baseline.baseline));
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
  const docs = await docsForFormats(() => loadRules(), formats);
  const options = { color, quiet: flags.quiet ?? false, ...docs, ...(await templatesForFormats(formats)), informationUri: TOOL_HOMEPAGE };
  if (flags.html !== undefined) await writeOutput(io, '--html', flags.html, (await loadReporter('html'))(report, options));
  const text = (await loadReporter(flags.format))(report, options);
  await emit(io, flags.output, text);

  const ruleFailures = result.errors.filter((e) => e.ruleId !== undefined).length;
  if (ruleFailures > 0) {
    // A rule that crashed may have missed findings: a passing exit code would be a false all-clear.
    io.stderr(`pusher-advisor: ${ruleFailures} internal rule error${ruleFailures === 1 ? '' : 's'}; the results are incomplete (see "errors" in the report)\n`);
    ctx.setExitCode(2);
    return;
  }
  ctx.setExitCode(gateVerdict(report.findings, { failOn, ...(maxFindings !== undefined ? { maxFindings } : {}) }).exitCode);
}
