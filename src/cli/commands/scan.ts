import { isAbsolute, relative } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UserError } from '../../errors.js';
import { FAIL_ON, type FailOn } from '../../gate/policy.js';
import { FORMAT_NAMES, type FormatName } from '../../reporters/index.js';
import { TOOL_NAME } from '../../version.js';
import type { CommandContext } from '../context.js';

export interface ScanFlags {
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
export function splitIds(values: readonly string[] | undefined): string[] {
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
export function displayRoot(given: string, cwd: string): string {
  const shown = isAbsolute(given) ? relative(cwd, given) || '.' : given;
  return shown.split('\\').join('/');
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
    // The run and what it needs load only when a scan runs (`--help` and other commands load none of it).
    .action(async (path: string, flags: ScanFlags, command: Command) => (await import('./scan-run.js')).runScan(ctx, path, flags, command));
}
