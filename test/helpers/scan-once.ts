import { run } from '../../src/cli/main.js';
import { bufferIO } from './project.js';

/**
 * Scans through the real CLI, in-process, at most once per (tree, arguments) in a test worker:
 * tests that look at the same tree share one scan instead of paying for it again.
 */

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const memo = new Map<string, Promise<CliRun>>();

/** `pusher-advisor scan <dir> --format json [...extra]` from the repository root. */
export function scanJsonOnce(dir: string, extra: readonly string[] = []): Promise<CliRun> {
  const args = ['scan', dir, '--format', 'json', ...extra];
  const key = JSON.stringify(args);
  let pending = memo.get(key);
  if (pending === undefined) {
    pending = (async () => {
      const { io, stdout, stderr } = bufferIO(process.cwd());
      const code = await run(args, io);
      return { code, stdout: stdout(), stderr: stderr() };
    })();
    memo.set(key, pending);
  }
  return pending;
}
