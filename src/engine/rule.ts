import type { Node } from 'ts-morph';
import type { ZodType } from 'zod';
import type { DiscoveredFile } from '../discovery/types.js';
import type { ScanProject } from './project.js';
import type { Category, CostLever, Precision, Range, Severity } from './types.js';
import type { ImportGraph } from '../inventory/imports.js';
import type { EnvironmentKind, FileEnvironment, Instance, Inventory } from '../inventory/types.js';
import { ruleDocsUrl } from '../version.js';

/**
 * The contract between the engine and a rule. A rule sees one shared, read-only model of the scan
 * (files, the ts-morph project, the import graph, environments and the Pusher inventory) and
 * reports nodes with a message id. It never prints, exits or reads configuration: its options
 * arrive already validated by its own zod schema.
 */

/**
 * One message of a rule: what was found, why it matters, what to do instead, in one or two
 * sentences. `{{name}}` placeholders take values (names, hosts, numbers, code) from the report's
 * `data`, never sentence fragments, so the text reads the same in every report format.
 */
export interface RuleMessage {
  text: string;
  /** The message's severity; defaults to the rule's. */
  severity?: Severity;
  /**
   * Other severities a report may give this message, each with when it applies (the catalogue in
   * rules/README.md prints them). A report asking for any other severity is a rule bug.
   */
  otherSeverities?: Partial<Record<Severity, string>>;
  /** Why it matters, for reporters that show found / why / fix apart (the text still says it all). */
  why?: string;
  /** What to do instead, likewise. */
  fix?: string;
}

/**
 * What the engine must build for a rule (Lighthouse's `requiredArtifacts`): `text` for the
 * discovered files only, `imports` the import graph, `environments` each file's client / server
 * verdict, `ast` the parsed project, `inventory` the Pusher inventory.
 */
export const REQUIREMENTS = ['text', 'imports', 'environments', 'ast', 'inventory'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** Product code in any environment: tests and build scripts are left alone. */
export const PRODUCT_CODE: readonly EnvironmentKind[] = ['client', 'server', 'shared', 'unknown'];
/** Everything but tests (build scripts included). */
export const NOT_TESTS: readonly EnvironmentKind[] = ['client', 'server', 'shared', 'build', 'unknown'];

export interface RuleMeta<Options, MessageIds extends string = string> {
  /** kebab-case, stable: fingerprints, suppressions and baselines depend on it. */
  id: string;
  title: string;
  /** One paragraph: what the rule finds and why it matters. The README has the rest. */
  description: string;
  category: Category;
  /** Default severity of its messages. */
  severity: Severity;
  /** How often its findings are right, from the measured corpus and held-out precision (README). */
  precision?: Precision;
  /**
   * The environments of the files it reports in. The engine drops a report in any other file and
   * `ctx.appliesTo(file)` answers the same question, so no rule writes its own "skip tests".
   */
  appliesTo: readonly EnvironmentKind[];
  /** What the engine must build for it. */
  requires: readonly Requirement[];
  /**
   * Text a file must contain for the rule to find anything in it, beyond what the Pusher
   * prefilter already keeps (e.g. credential names in files that never say "pusher").
   */
  prefilter?: RegExp;
  /** Validates and defaults the rule's options; `z.object({})` when there are none. */
  options: ZodType<Options>;
  messages: Record<MessageIds, RuleMessage>;
  /** Which message ids change what Pusher bills, and how (read by the cost model). */
  costLevers?: Partial<Record<MessageIds, CostLever>>;
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
   * The files whose text contains `pattern` (a substring or a RegExp). A pass over every file for a
   * word asks this rather than reading each file: `scan --cache` then knows the pass could not
   * have changed for a changed file that still answers it the same (src/engine/reads.ts).
   */
  matching(pattern: string | RegExp): readonly DiscoveredFile[];
  /**
   * Secret values seen anywhere in the scan (server `secret` literals, `.env` secrets, forURL
   * credentials). The engine scrubs each of them from every message and snippet, whichever rule
   * produced it.
   */
  secrets: ReadonlySet<string>;
  /** The Pusher instance (client or server SDK) an expression evaluates to, traced as the inventory traces call receivers. */
  instanceOf(expr: Node): Instance | undefined;
}

export type ReportTarget = { node: Node } | { file: string; range: Range };

export type ReportDescriptor<MessageIds extends string = string> = ReportTarget & {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** Only the message's own severity or one of its `otherSeverities`. */
  severity?: Severity;
  /** Extra secret strings to scrub from this finding's message and snippet. */
  secrets?: readonly string[];
  /**
   * Text that identifies this finding for its fingerprint when the flagged code alone is not
   * distinctive (e.g. a line of a `.env` file). Defaults to the flagged code.
   */
  fingerprintText?: string;
};

export interface RuleContext<Options, MessageIds extends string = string> {
  readonly options: Options;
  readonly model: ScanModel;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /** Whether the rule looks at this file at all: its environment is one of `meta.appliesTo`. */
  appliesTo(file: string): boolean;
  /**
   * Runs `fn` for one file with isolation: if it throws, the engine records an internal error
   * naming the rule and the file, and the rule goes on with the next file.
   */
  forFile(file: string, fn: () => void): void;
}

export interface RuleSpec<Options, MessageIds extends string> {
  meta: RuleMeta<Options, MessageIds>;
  /** Called once per scan. Walk the inventory or the files; wrap per-file work in `ctx.forFile`. */
  check(ctx: RuleContext<Options, MessageIds>): void;
}

export interface Rule<Options = Record<string, never>, MessageIds extends string = string> extends RuleSpec<Options, MessageIds> {
  /** The rule's README as shipped with this version, derived from the id. */
  readonly docsUrl: string;
}

/**
 * Makes a rule. Type it as `defineRule<Options, MessageIds>({...})` (or let both be inferred):
 * `ctx.report` then accepts only the declared message ids, and `costLevers` only names those.
 */
export function defineRule<Options, MessageIds extends string>(rule: RuleSpec<Options, MessageIds>): Rule<Options, MessageIds> {
  return { ...rule, docsUrl: ruleDocsUrl(rule.meta.id) };
}

/** Rule with its options and message ids erased, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, string>;
