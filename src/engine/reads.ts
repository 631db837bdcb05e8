import type { DiscoveredFile, ScriptBlock } from '../discovery/types.js';

/**
 * What the analysis read of each file's content, so `scan --cache` can tell a change nothing read
 * from a change that could move a finding. The inventory, the rules and the architecture facts see
 * the files only through {@link ReadLog.files}, whose `text`, `size`, `scriptSrcs` and block
 * `code` are getters that log the file as read: no code path can use a file's content without
 * being logged, so a file the log does not name cannot have shaped the result.
 *
 * Passes that sweep every file's text for a word (credential names, `x-pusher-`, suppression
 * directives) ask {@link ReadLog.matching} instead of reading each file: the log keeps the
 * pattern and which files matched it, and a changed file that still matches exactly the patterns
 * it matched before, and was not otherwise read, left the analysis as it was.
 */

/** A text test a sweep made of every file: a substring or a regular expression. */
export type Pattern = string | RegExp;

export interface Sweep {
  /** The substring, or a RegExp as `/source/flags`. */
  pattern: { includes: string } | { source: string; flags: string };
  /** Paths of the files whose text passed the test. */
  matched: string[];
}

export interface ReadRecord {
  /** Paths of files whose content the analysis read. */
  reads: string[];
  sweeps: Sweep[];
}

function tester(pattern: Sweep['pattern']): (text: string) => boolean {
  if ('includes' in pattern) {
    const word = pattern.includes;
    return (text) => text.includes(word);
  }
  // Without g/y a RegExp keeps no state between tests.
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (text) => re.test(text);
}

function patternOf(pattern: Pattern): Sweep['pattern'] {
  return typeof pattern === 'string' ? { includes: pattern } : { source: pattern.source, flags: pattern.flags };
}

export class ReadLog {
  readonly files: readonly DiscoveredFile[];
  private readonly originals: readonly DiscoveredFile[];
  private readonly read = new Set<string>();
  private readonly sweeps = new Map<string, Sweep>();

  constructor(files: readonly DiscoveredFile[]) {
    this.originals = files;
    const mark = (path: string): void => void this.read.add(path);
    this.files = files.map((f) => logged(f, mark));
  }

  /**
   * The files (as {@link files} gives them) whose text contains `pattern`: the sweep is logged, not
   * a read of every file. Later reads of the files returned are logged as usual.
   */
  matching(pattern: Pattern): DiscoveredFile[] {
    const p = patternOf(pattern);
    const key = JSON.stringify(p);
    let sweep = this.sweeps.get(key);
    if (sweep === undefined) {
      const test = tester(p);
      sweep = { pattern: p, matched: this.originals.filter((f) => test(f.text)).map((f) => f.path) };
      this.sweeps.set(key, sweep);
    }
    const matched = new Set(sweep.matched);
    return this.files.filter((f) => matched.has(f.path));
  }

  record(): ReadRecord {
    return { reads: [...this.read].sort(), sweeps: [...this.sweeps.values()] };
  }
}

/**
 * Whether an analysis that logged `record` would have come out the same had `changed` (the new
 * content of files it analysed before) been as they are now: none of them was read, and each
 * passes every sweep it passed before and no other.
 */
export function untouchedBy(record: ReadRecord, changed: readonly DiscoveredFile[]): boolean {
  const reads = new Set(record.reads);
  if (changed.some((f) => reads.has(f.path))) return false;
  return record.sweeps.every((s) => {
    const test = tester(s.pattern);
    const matched = new Set(s.matched);
    return changed.every((f) => test(f.text) === matched.has(f.path));
  });
}

function logged(file: DiscoveredFile, mark: (path: string) => void): DiscoveredFile {
  const path = file.path;
  const blocks: ScriptBlock[] = file.blocks.map((b) => ({
    get code() {
      mark(path);
      return b.code;
    },
    lang: b.lang,
    startLine: b.startLine,
    startColumn: b.startColumn,
    kind: b.kind,
  }));
  return {
    path,
    absPath: file.absPath,
    kind: file.kind,
    get text() {
      mark(path);
      return file.text;
    },
    get size() {
      mark(path);
      return file.size;
    },
    blocks,
    get scriptSrcs() {
      // A source file has none whatever it says (extract.ts): only HTML's are content.
      if (file.kind !== 'source') mark(path);
      return file.scriptSrcs;
    },
  };
}
