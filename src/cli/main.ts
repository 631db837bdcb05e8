import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import type { CommandContext } from './context.js';
import type { CliIO } from './io.js';
import { registerCommands } from './commands/index.js';

/**
 * Runs the CLI against the given IO and returns the exit code: 0 clean, 1 findings (or failed
 * checks) at or above the threshold, 2 usage, input or internal error.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes('--debug');
  const ctx: CommandContext = { io, setExitCode: (code) => (exitCode = code) };

  const program = new Command('pusher-advisor')
    .description('Reviews applications built on Pusher Channels: security and reliability findings from code, cost from usage data.')
    .version(TOOL_VERSION, '-V, --version')
    .addOption(new Option('--debug', 'show stack traces for internal errors'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(s.split('\n')[0] + '\n'),
    });
  registerCommands(program, ctx);

  try {
    await program.parseAsync(['node', 'pusher-advisor', ...argv]);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      io.stderr(`pusher-advisor: ${err.message}\n`);
      return 2;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr(`pusher-advisor: internal error: ${e.message}\n`);
    if (debug && e.stack) io.stderr(`${e.stack}\n`);
    else io.stderr('Run again with --debug for the stack trace.\n');
    return 2;
  }
}
