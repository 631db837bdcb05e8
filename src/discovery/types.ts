import type { ScanError, SkippedFile } from '../engine/types.js';

/**
 * What discovery hands to everything after it: the files of a project, read once, with their
 * script blocks. Types only, so any layer (rules too) may read them.
 */

export type ScriptLang = 'ts' | 'tsx' | 'js' | 'jsx';

export interface ScriptBlock {
  /** The script text exactly as in the file (no trimming), so positions map back. */
  code: string;
  lang: ScriptLang;
  /** 1-based line in the original file where `code` starts. */
  startLine: number;
  /** 1-based column (UTF-16 code units) in the original file of `code`'s first character. */
  startColumn: number;
  kind: 'module' | 'script' | 'script-setup' | 'svelte-module' | 'inline';
}

export interface ExtractResult {
  blocks: ScriptBlock[];
  /** `<script src>` URLs of an HTML file, in document order. */
  scriptSrcs: string[];
}

export type FileKind = 'source' | 'component' | 'html' | 'env' | 'json' | 'yaml' | 'prisma';

export interface DiscoveredFile {
  /** Repo-relative POSIX path (forward slashes), relative to the scanned root. */
  path: string;
  absPath: string;
  kind: FileKind;
  /** Decoded UTF-8 text, BOM stripped. */
  text: string;
  /** Size in bytes. */
  size: number;
  /** Script blocks for source, component and html files; [] for config files. */
  blocks: ScriptBlock[];
  /** `<script src>` URLs of html files; [] otherwise. */
  scriptSrcs: string[];
}

export interface DiscoveryOptions {
  /** Gitignore-style globs on repo-relative paths; when non-empty, only matching files are kept. */
  include?: string[];
  /** Extra gitignore-style globs to exclude, after `DEFAULT_EXCLUDES` and `.pusher-advisorignore`. */
  exclude?: string[];
  /** Default 1 MiB. */
  maxFileBytes?: number;
  /** Default true. Links are only followed to targets inside the root. */
  followSymlinks?: boolean;
}

export interface DiscoveryResult {
  root: string;
  files: DiscoveredFile[];
  skipped: SkippedFile[];
  errors: ScanError[];
}

