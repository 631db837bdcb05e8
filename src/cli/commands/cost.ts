import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UserError } from '../../errors.js';
import { DEFAULT_HEADROOM_PCT, DEFAULT_HORIZON_DAYS, DEFAULT_SAVINGS_SHARE_PCT } from '../../cost/defaults.js';
import type { CostOptions } from '../../cost/index.js';
import type { CommandContext } from '../context.js';
import { emit, useColor } from '../output.js';

interface CostFlags {
  usage?: string;
  profile?: string;
  plan?: string;
  plans?: string;
  horizon: number;
  headroom: number;
  savingsShare: number;
  connectionsMetric?: string;
  format: 'text' | 'json';
  output?: string;
  daily?: boolean;
}

function intIn(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/** `cost`: plan fit, forecast, savings and alternatives from a usage export or assumptions. */
export function registerCost(program: Command, ctx: CommandContext): void {
  program
    .command('cost')
    .description('Estimate Pusher cost from usage data: plan fit, growth forecast, the cheapest safe plan, and the same load on Ably, AWS API Gateway and Soketi.')
    .option('--usage <file>', 'usage export (.csv), Datadog query result (.json) or usage-assumptions file (.yaml/.json)')
    .addOption(new Option('--profile <name>', 'use a built-in usage profile instead of a file').choices(['small', 'medium', 'large']))
    .option('--plan <id>', 'the plan the account is on now (sandbox, startup, pro, business, premium, growth, plus, growth-plus)')
    .option('--plans <file>', 'YAML/JSON file with your own plan prices and limits (overrides the built-in catalogue)')
    .option('--horizon <days>', 'how far ahead the recommended plan must hold', intIn(1, 3650), DEFAULT_HORIZON_DAYS)
    .option('--headroom <pct>', 'spare capacity kept above the forecast, in percent', intIn(0, 1000), DEFAULT_HEADROOM_PCT)
    .option('--savings-share <pct>', 'share of traffic assumed to pass through code a finding flags, in percent', intIn(0, 100), DEFAULT_SAVINGS_SHARE_PCT)
    .option('--connections-metric <name>', 'Datadog metric holding concurrent connections (its Pusher name is not confirmed)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--daily', 'text format: add the per-day table')
    .action(async (flags: CostFlags) => {
      const { io } = ctx;
      // The model and its inputs load only when this command runs, not with every other command.
      const [{ estimateCost, loadPlans, loadUsage }, { profileUsage }, { renderCostText }] = await Promise.all([
        import('../../cost/index.js'),
        import('../../cost/inputs/load.js'),
        import('../../reporters/sections/cost-text.js'),
      ]);
      if ((flags.usage === undefined) === (flags.profile === undefined)) {
        throw new UserError('cost: give exactly one of --usage <file> or --profile <small|medium|large>');
      }
      const usage = flags.usage !== undefined
        ? await loadUsage(resolve(io.cwd, flags.usage), {
            displayName: flags.usage,
            ...(flags.connectionsMetric !== undefined ? { connectionsMetric: flags.connectionsMetric } : {}),
          })
        : profileUsage(flags.profile!);
      const options: CostOptions = {
        horizonDays: flags.horizon,
        headroomPct: flags.headroom,
        savingsSharePct: flags.savingsShare,
      };
      if (flags.plan !== undefined) options.currentPlan = flags.plan;
      if (flags.plans !== undefined) options.overrides = await loadPlans(resolve(io.cwd, flags.plans), flags.plans);
      const report = estimateCost(usage, options);

      for (const w of report.warnings) io.stderr(`pusher-advisor: warning: ${w.message}\n`);
      const color = useColor(io, { ...flags, color: true });
      const text = flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderCostText(report, { color, daily: flags.daily ?? false });
      await emit(io, flags.output, text);
      ctx.setExitCode(0);
    });
}
