/**
 * What a command may touch of the outside world. `bin.ts` fills it from `process`; tests fill it
 * with buffers, so every command runs in-process and is tested without spawning.
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is an interactive terminal: progress is shown only then. */
  stderrIsTTY: boolean;
  /** Whether stdout is an interactive terminal: colour is used only then. */
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}
