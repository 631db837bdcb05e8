import { UserError } from '../errors.js';
import { GitError, type GitRunner } from './git.js';

/**
 * Lines added or changed since the merge base of HEAD and a ref, for `--diff-base`: Semgrep's
 * `--baseline-commit`. The analysis still reads the whole repository (a secret added to `.env` can
 * make an unchanged client file dangerous); only the reporting is limited, to findings whose range
 * touches a changed line. A line whose text (ignoring whitespace) the same diff removes somewhere
 * is moved code, not changed code, so moving or re-indenting a block does not report its old
 * findings. Uncommitted and untracked files count as changed, as they would in the commit being
 * prepared.
 */

export interface ChangedLines {
  ref: string;
  mergeBase: string;
  /** Root-relative path → added line number → its text; `'all'` for new (untracked) files. */
  files: ReadonlyMap<string, ReadonlyMap<number, string> | 'all'>;
  /** Removed lines' text, whitespace removed: an added line found here was moved. */
  removed: ReadonlySet<string>;
}

const squash = (text: string): string => text.replace(/\s+/g, '');

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses `git diff --unified=0` output: every added line (number and text) and the removed lines' text. */
export function parseUnifiedDiff(diff: string): { files: Map<string, Map<number, string>>; removed: Set<string> } {
  const files = new Map<string, Map<number, string>>();
  const removed = new Set<string>();
  let current: Map<number, string> | undefined;
  let next = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      if (target === '/dev/null') current = undefined;
      else {
        const path = target.startsWith('b/') ? target.slice(2) : target;
        current = files.get(path) ?? new Map<number, string>();
        files.set(path, current);
      }
      continue;
    }
    if (line.startsWith('--- ') || line.startsWith('diff ') || line.startsWith('index ')) continue;
    const hunk = HUNK.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (line.startsWith('+') && current) current.set(next++, line.slice(1));
    else if (line.startsWith('-')) {
      const text = squash(line.slice(1));
      if (text !== '') removed.add(text);
    }
  }
  return { files, removed };
}

async function git(run: GitRunner, args: string[], cwd: string): Promise<string | undefined> {
  try {
    return await run(args, cwd);
  } catch (err) {
    if (err instanceof GitError) return undefined;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('--diff-base: git is not installed (or not on PATH)');
    throw err;
  }
}

/**
 * `root` is the absolute scanned folder; `shownRoot` and `ref` are named in errors as given.
 * Paths come back relative to `root` (`--relative`), as findings' paths are.
 */
export async function changedLines(run: GitRunner, root: string, shownRoot: string, ref: string): Promise<ChangedLines> {
  if ((await git(run, ['rev-parse', '--is-inside-work-tree'], root))?.trim() !== 'true') throw new UserError(`--diff-base: ${shownRoot} is not inside a git work tree`);
  // A ref that starts with "-" would be read as an option.
  const commit = ref.startsWith('-') ? undefined : (await git(run, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root))?.trim();
  if (!commit) throw new UserError(`--diff-base: unknown git ref "${ref}" (fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  const mergeBase = (await git(run, ['merge-base', commit, 'HEAD'], root))?.trim();
  if (!mergeBase) throw new UserError(`--diff-base: "${ref}" and HEAD have no common ancestor`);
  const diff = await git(run, ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--unified=0', '--relative', '-M', mergeBase, '--'], root);
  if (diff === undefined) throw new UserError(`--diff-base: git diff against ${ref} failed`);
  const parsed = parseUnifiedDiff(diff);
  const files = new Map<string, ReadonlyMap<number, string> | 'all'>(parsed.files);
  const untracked = (await git(run, ['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard'], root)) ?? '';
  for (const path of untracked.split('\n')) if (path !== '') files.set(path, 'all');
  return { ref, mergeBase, files, removed: parsed.removed };
}

/** Findings whose range touches a changed (not merely moved) line, and the rest. */
export function splitByChangedLines<F extends { file: string; line: number; endLine: number }>(findings: readonly F[], changed: ChangedLines): { inChanged: F[]; outside: F[] } {
  const inChanged: F[] = [];
  const outside: F[] = [];
  for (const f of findings) {
    const lines = changed.files.get(f.file);
    let hit = lines === 'all';
    if (lines !== undefined && lines !== 'all') {
      for (let l = f.line; l <= f.endLine && !hit; l++) {
        const text = lines.get(l);
        hit = text !== undefined && !changed.removed.has(squash(text));
      }
    }
    (hit ? inChanged : outside).push(f);
  }
  return { inChanged, outside };
}
