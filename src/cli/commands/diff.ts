import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadRules } from '../../../rules/index.js';
import { loadConfig } from '../../config/load.js';
import { FAIL_ON, gateVerdict, type FailOn } from '../../gate/policy.js';
import type { CommandContext } from '../context.js';
import { emit } from '../output.js';
import { loadScanReport } from './report.js';
import { readTemplates } from '../templates.js';

const FORMATS = ['markdown', 'json'] as const;

interface DiffFlags {
  format: (typeof FORMATS)[number];
  output?: string;
  failOn: FailOn;
  failOnCostIncrease?: string;
  config?: string;
}

/** `diff`: what a change does, from two saved results (base branch, pull request): the PR comment. */
export function registerDiff(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .description('Compare two saved `scan --format json` results: new and fixed findings, and the change in modelled Pusher cost.')
    .argument('<base.json>', 'the result of the base branch')
    .argument('<head.json>', 'the result of the change')
    .addOption(new Option('--format <format>', 'markdown: the PR comment; json: the delta').choices(FORMATS).default('markdown'))
    .option('--output <file>', 'write to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a new finding is at least this severe').choices(FAIL_ON).default('none'))
    .option('--fail-on-cost-increase <amount|percent>', 'exit 1 when the modelled monthly cost rises by more than this (50 dollars, or 10%)')
    .option('--config <file>', 'config file for failOnCostIncrease (default: found from the working directory upwards)')
    .addHelpText(
      'after',
      `
Examples:
  $ pusher-advisor scan . --usage pusher-usage.yml --format json --output head.json
  $ pusher-advisor diff base.json head.json --output comment.md
  $ pusher-advisor diff base.json head.json --fail-on high --fail-on-cost-increase 10%

The Markdown starts with the marker line <!-- pusher-advisor:pr-comment -->, so a workflow can update its comment.
Exit codes: 0 within the limits, 1 a new finding at or above --fail-on or a cost increase over the limit, 2 bad input.`,
    )
    .action(async (baseFile: string, headFile: string, flags: DiffFlags, command: Command) => {
      const { io } = ctx;
      // The comparison and the PR comment's templates load only when this command runs.
      const [{ compareReports, costIncreaseExceeds, parseCostThreshold }, { prCommentMarkdown }] = await Promise.all([import('../../gate/compare.js'), import('../../reporters/pr-comment.js')]);
      const loaded = await loadConfig({ cwd: io.cwd, root: io.cwd, ...(flags.config !== undefined ? { explicit: flags.config } : {}), rules: () => loadRules() });
      const limitText = flags.failOnCostIncrease ?? loaded?.config.failOnCostIncrease;
      const limit = limitText !== undefined ? parseCostThreshold(limitText) : undefined;
      const failOn = command.getOptionValueSource('failOn') === 'cli' ? flags.failOn : (loaded?.config.failOn ?? flags.failOn);
      const base = await loadScanReport(resolve(io.cwd, baseFile), baseFile);
      const head = await loadScanReport(resolve(io.cwd, headFile), headFile);
      const delta = compareReports(base, head);
      const exceeded = limit !== undefined && delta.cost !== null ? costIncreaseExceeds(delta.cost, limit) : undefined;
      if (limit !== undefined && delta.cost === null) io.stderr('pusher-advisor: warning: --fail-on-cost-increase: a result has no cost report (scan with --usage); not checked\n');
      const text =
        flags.format === 'json'
          ? `${JSON.stringify({ ...delta, ...(exceeded !== undefined ? { costGate: { limit: limitText, exceeded } } : {}) }, null, 2)}\n`
          : prCommentMarkdown(delta, { templates: await readTemplates(), ...(exceeded !== undefined ? { costGate: { limit: limitText!, exceeded } } : {}) });
      await emit(io, flags.output, text);
      const findings = gateVerdict(delta.added, { failOn });
      ctx.setExitCode(findings.exitCode === 1 || exceeded === true ? 1 : 0);
    });
}
