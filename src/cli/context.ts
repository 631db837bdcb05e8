import type { CliIO } from './io.js';

/** Handed to every command's `register`: the IO to use and the slot for the exit code. */
export interface CommandContext {
  io: CliIO;
  setExitCode(code: number): void;
}
