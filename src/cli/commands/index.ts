import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerProbe } from './probe.js';
import { registerCost } from './cost.js';
import { registerDiff } from './diff.js';
import { registerReport } from './report.js';
import { registerRules } from './rules.js';
import { registerScan } from './scan.js';

/** Every subcommand registers itself here; each lives in its own file beside this one. */
export function registerCommands(program: Command, ctx: CommandContext): void {
  registerScan(program, ctx);
  registerRules(program, ctx);
  registerProbe(program, ctx);
  registerCost(program, ctx);
  registerReport(program, ctx);
  registerDiff(program, ctx);
}
