import type { Node } from 'ts-morph';
import type { ZodType } from 'zod';
import type { DiscoveredFile } from './discovery.js';
import type { ScanProject } from './project.js';
import type { Category, CostLever, Precision, Range, Severity } from './types.js';
import type { ImportGraph } from '../inventory/imports.js';
import type { FileEnvironment, Inventory } from '../inventory/types.js';

/**
 * The contract between the engine and a rule. A rule sees one shared, read-only model of the scan
 * (files, the ts-morph project, the import graph, environments and the Pusher inventory) and
 * reports nodes with a message id. It never prints, exits or reads configuration: its options
 * arrive already validated by its own zod schema.
 */

export interface RuleMeta<Options> {
  /** kebab-case, stable: fingerprints, suppressions and baselines depend on it. */
  id: string;
  title: string;
  /** One paragraph: what the rule finds and why it matters. The README has the rest. */
  description: string;
  category: Category;
  /** Default severity; a report may override it per finding. */
  severity: Severity;
  /** How often its findings are right, from the measured corpus and held-out precision (README). */
  precision?: Precision;
  /** Validates and defaults the rule's options; `z.object({})` when there are none. */
  options: ZodType<Options>;
  /** Message templates; `{{name}}` is replaced with the report's `data.name`. */
  messages: Record<string, string>;
  /** Which message ids change what Pusher bills, and how (read by the cost model). */
  costLevers?: Partial<Record<string, CostLever>>;
}

/** Everything a scan knows, built once and shared by all rules. */
export interface ScanModel {
  /** Absolute scan root. */
  root: string;
  files: readonly DiscoveredFile[];
  /** Lookup by repo-relative path. */
  fileByPath: ReadonlyMap<string, DiscoveredFile>;
  project: ScanProject;
  graph: ImportGraph;
  environments: ReadonlyMap<string, FileEnvironment>;
  inventory: Inventory;
  /** The folder of the package.json nearest above a file: which app of a monorepo it belongs to. */
  packageOf(file: string): string;
  /**
   * Secret values seen anywhere in the scan (server `secret` literals, `.env` secrets, forURL
   * credentials). The engine scrubs each of them from every message and snippet, whichever rule
   * produced it.
   */
  secrets: ReadonlySet<string>;
}

export type ReportTarget = { node: Node } | { file: string; range: Range };

export type ReportDescriptor = ReportTarget & {
  messageId: string;
  data?: Record<string, string | number>;
  severity?: Severity;
  /** Extra secret strings to scrub from this finding's message and snippet. */
  secrets?: readonly string[];
  /**
   * Text that identifies this finding for its fingerprint when the flagged code alone is not
   * distinctive (e.g. a line of a `.env` file). Defaults to the flagged code.
   */
  fingerprintText?: string;
};

export interface RuleContext<Options> {
  readonly options: Options;
  readonly model: ScanModel;
  report(descriptor: ReportDescriptor): void;
  /**
   * Runs `fn` for one file with isolation: if it throws, the engine records an internal error
   * naming the rule and the file, and the rule goes on with the next file.
   */
  forFile(file: string, fn: () => void): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>;
  /** Called once per scan. Walk the inventory or the files; wrap per-file work in `ctx.forFile`. */
  check(ctx: RuleContext<Options>): void;
}

export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** Rule with its options type erased, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;
