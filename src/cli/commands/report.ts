import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadRules } from '../../../rules/index.js';
import { InputError, zodInputError } from '../../errors.js';
import { FORMAT_NAMES, loadReporter, type FormatName } from '../../reporters/index.js';
import type { ScanReport } from '../../report/schema.js';
import { TOOL_HOMEPAGE } from '../../version.js';
import type { CommandContext } from '../context.js';
import { emit, useColor } from '../output.js';
import { docsForFormats } from '../rule-docs.js';
import { templatesForFormats } from '../templates.js';

/** Reads and validates a saved `scan --format json` result; any problem is an InputError naming the file. */
export async function loadScanReport(abs: string, given: string): Promise<ScanReport> {
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (err) {
    throw new InputError({ file: given }, `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file: given }, `not valid JSON (${(err as Error).message})`);
  }
  // The report's schema is large: it loads with the first report read, not with every command.
  const { scanReportSchema } = await import('../../report/schema.js');
  const parsed = scanReportSchema.safeParse(data);
  if (!parsed.success) throw zodInputError(given, parsed.error);
  return parsed.data;
}

/** `report`: re-render a saved JSON result (the canonical output) as HTML, Markdown or text. */
export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('Re-render a saved `scan --format json` result in any format: HTML, Markdown, text, SARIF, GitHub annotations.')
    .argument('<result.json>', 'a saved scan result')
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('html'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'no ANSI colours in text (also off when NO_COLOR is set or stdout is not a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ pusher-advisor scan . --usage pusher-usage.csv --format json --output result.json
  $ pusher-advisor report result.json --output report.html
  $ pusher-advisor report result.json --format markdown > review.md
  $ pusher-advisor report result.json --format sarif --output pusher-advisor.sarif

Exit codes: 0 rendered, 2 unreadable or invalid result file.`,
    )
    .action(async (file: string, flags: { format: FormatName; output?: string; color: boolean }) => {
      const { io } = ctx;
      const report = await loadScanReport(resolve(io.cwd, file), file);
      const color = useColor(io, flags);
      const docs = await docsForFormats(() => loadRules(), [flags.format]);
      const templates = await templatesForFormats([flags.format]);
      const text = (await loadReporter(flags.format))(report, { color, ...docs, ...templates, informationUri: TOOL_HOMEPAGE });
      await emit(io, flags.output, text);
      ctx.setExitCode(0);
    });
}
