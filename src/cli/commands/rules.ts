import type { Command } from 'commander';
import type { AnyRule } from '../../engine/rule.js';
import { loadRule, loadRules } from '../../../rules/index.js';
import { UserError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { readRuleReadme } from '../rule-docs.js';

/**
 * `rules`: the catalogue, or one rule's README. READMEs stay in `rules/<id>/` (the package ships
 * them next to the compiled rules), so the docs a user reads are the ones the meta-test checks.
 */
export function registerRules(program: Command, ctx: CommandContext): void {
  program
    .command('rules')
    .description('List the rules, or print one rule\'s documentation.')
    .argument('[id]', 'a rule id: print its README')
    .addHelpText('after', '\nExamples:\n  $ pusher-advisor rules\n  $ pusher-advisor rules insecure-transport')
    .action(async (id: string | undefined) => {
      if (id === undefined) {
        ctx.io.stdout(renderRuleList(await loadRules()));
        ctx.setExitCode(0);
        return;
      }
      const rule = await loadRule(id.replace(/^pusher-advisor\//, ''));
      if (!rule) throw new UserError(`unknown rule "${id}" (run "pusher-advisor rules" for the list)`);
      const text = await readRuleReadme(rule.meta.id);
      ctx.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
      ctx.setExitCode(0);
    });
}

/** The cost levers a rule's findings pull (`scan --usage` prices them), or `-` when none. */
function leversOf(rule: AnyRule): string {
  const levers = [...new Set(Object.values(rule.meta.costLevers ?? {}).filter((l) => l !== undefined))].sort();
  return levers.length > 0 ? levers.join(', ') : '-';
}

function renderRuleList(rules: readonly AnyRule[]): string {
  const head = ['id', 'severity', 'category', 'cost lever', 'title'];
  const rows = rules.map((r) => [r.meta.id, r.meta.severity, r.meta.category, leversOf(r), r.meta.title] as const);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length), head[i]!.length));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n\nRun "pusher-advisor rules <id>" for a rule's documentation.\n`;
}
