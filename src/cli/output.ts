import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { CliIO } from './io.js';

/** Writes a rendered report where a flag asked for it; a failure is one line naming the flag and file. */
export async function writeOutput(io: CliIO, flag: string, given: string, text: string): Promise<void> {
  try {
    await writeFile(resolve(io.cwd, given), text);
  } catch (err) {
    throw new UserError(`${flag}: cannot write ${given} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** The rendered text goes to the file `--output` names, or else to stdout, untouched. */
export async function emit(io: CliIO, output: string | undefined, text: string): Promise<void> {
  if (output !== undefined) await writeOutput(io, '--output', output, text);
  else io.stdout(text);
}

/** Colour only for text on an interactive stdout, unless NO_COLOR or --no-color says otherwise. */
export function useColor(io: CliIO, flags: { format: string; output?: string; color: boolean }): boolean {
  return flags.format === 'text' && flags.output === undefined && flags.color && io.stdoutIsTTY && io.env['NO_COLOR'] === undefined;
}
