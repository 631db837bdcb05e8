import { execFile } from 'node:child_process';

/**
 * How the gate runs git: an injected function, so tests can script git's answers and the CLI
 * passes the real binary. `args` never go through a shell.
 */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<string>;

/** Thrown by a runner when git exits non-zero (or cannot start). */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim().split('\n')[0] ?? ''}`);
    this.name = 'GitError';
  }
}

/** The real `git`, through execFile; output up to 256 MiB (a diff of a large repository). */
export const execGit: GitRunner = (args, cwd) =>
  new Promise((resolvePromise, reject) => {
    execFile('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (error) reject(new GitError(args, stderr || error.message));
      else resolvePromise(stdout);
    });
  });
