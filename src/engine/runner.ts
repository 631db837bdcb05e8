import { UserError } from '../errors.js';
import { secretScrubber } from '../core/redact.js';
import { LineCache, finalizeFindings, normalizeCode, snippetOf, type DraftFinding } from './findings.js';
import type { AnyRule, ReportDescriptor, RuleContext, RuleMessage, ScanModel } from './rule.js';
import type { Finding, Range, ScanError, Severity } from './types.js';

/**
 * Runs rules over a scan model. Every rule runs in isolation: a rule that throws costs only its
 * own findings (or one file's worth, inside `ctx.forFile`) and becomes a `ScanError`; the others
 * still run. The runner turns reports into findings: position, message, snippet, secret scrubbing
 * and fingerprint. It never prints and never reads configuration; options arrive validated.
 */

/** A rule with its options already validated and defaulted (see `configureRules`). */
export interface ConfiguredRule {
  rule: AnyRule;
  options: unknown;
}

export interface RunResult {
  findings: Finding[];
  errors: ScanError[];
}

/**
 * Validates each rule's options with its own schema and applies defaults. Throws `UserError`
 * naming the rule and the offending field, so a bad configuration stops before any file is read.
 * `rawOptions` is keyed by rule id; a rule without an entry gets its defaults.
 */
export function configureRules(rules: readonly AnyRule[], rawOptions: Readonly<Record<string, unknown>> = {}): ConfiguredRule[] {
  const ids = new Set(rules.map((r) => r.meta.id));
  for (const id of Object.keys(rawOptions)) {
    if (!ids.has(id)) throw new UserError(`options given for unknown or disabled rule "${id}"`);
  }
  return rules.map((rule) => {
    const result = rule.meta.options.safeParse(rawOptions[rule.meta.id] ?? {});
    if (result.success) return { rule, options: result.data };
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(options)';
    throw new UserError(`rule ${rule.meta.id}: option ${field}: ${issue?.message ?? 'invalid'}`);
  });
}

/** `{{name}}` (spaces allowed) in a message template. */
const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = data[name];
    // A missing value is a rule bug; failing loudly keeps it out of users' reports.
    if (value === undefined) throw new Error(`message placeholder {{${name}}} has no data`);
    return String(value);
  });
}

/** The severity a report gets; one the message does not declare is a rule bug, not a user's problem. */
function severityOf(ruleSeverity: Severity, message: RuleMessage, asked: Severity | undefined): Severity {
  const own = message.severity ?? ruleSeverity;
  if (asked === undefined || asked === own || message.otherSeverities?.[asked] !== undefined) return asked ?? own;
  throw new Error(`severity "${asked}" is not declared for this message (declare it in otherSeverities)`);
}

class RuleRun {
  readonly drafts: DraftFinding[] = [];
  readonly errors: ScanError[] = [];
  private readonly id: string;

  constructor(
    private readonly model: ScanModel,
    private readonly rule: AnyRule,
    private readonly lines: LineCache,
  ) {
    this.id = rule.meta.id;
  }

  run(options: unknown): void {
    const ctx: RuleContext<unknown> = {
      options,
      model: this.model,
      report: (descriptor) => this.report(descriptor),
      appliesTo: (file) => this.appliesTo(file),
      forFile: (file, fn) => {
        try {
          fn();
        } catch (error) {
          this.errors.push({ ruleId: this.id, file, message: this.internal(error) });
        }
      },
    };
    try {
      this.rule.check(ctx);
    } catch (error) {
      this.errors.push({ ruleId: this.id, message: this.internal(error) });
    }
  }

  private internal(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    return `internal error in rule ${this.id}: ${text}`;
  }

  /** A file without a known environment (a file the classifier never saw) counts as `unknown`. */
  private appliesTo(file: string): boolean {
    return this.rule.meta.appliesTo.includes(this.model.environments.get(file)?.kind ?? 'unknown');
  }

  private report(descriptor: ReportDescriptor): void {
    const { meta } = this.rule;
    const message = meta.messages[descriptor.messageId];
    if (message === undefined) throw new Error(`unknown messageId "${descriptor.messageId}"`);
    const severity = severityOf(meta.severity, message, descriptor.severity);
    let file: string;
    let range: Range;
    let flagged: string;
    if ('node' in descriptor) {
      const located = this.model.project.locate(descriptor.node);
      if (!located) throw new Error('reported a node that is not in the scanned project');
      ({ file, range } = located);
      flagged = descriptor.node.getText();
    } else {
      if (!this.model.fileByPath.has(descriptor.file)) throw new Error(`reported a file that was not scanned: ${descriptor.file}`);
      ({ file, range } = descriptor);
      flagged = this.lines.slice(file, range);
    }
    if (!this.appliesTo(file)) return;
    const scrub = secretScrubber([...this.model.secrets, ...(descriptor.secrets ?? [])]);
    this.drafts.push({
      ruleId: this.id,
      messageId: descriptor.messageId,
      severity,
      category: meta.category,
      message: scrub(formatMessage(message.text, descriptor.data)),
      file,
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      snippet: scrub(snippetOf(this.lines.line(file, range.line))),
      fingerprintText: scrub(normalizeCode(descriptor.fingerprintText ?? flagged)),
    });
  }
}

/** Runs each rule once over the model; findings come back de-duplicated, fingerprinted and sorted. */
export function runRules(model: ScanModel, rules: readonly ConfiguredRule[]): RunResult {
  const lines = new LineCache((path) => model.fileByPath.get(path)?.text);
  const drafts: DraftFinding[] = [];
  const errors: ScanError[] = [];
  for (const { rule, options } of rules) {
    const run = new RuleRun(model, rule, lines);
    run.run(options);
    drafts.push(...run.drafts);
    errors.push(...run.errors);
  }
  return { findings: finalizeFindings(drafts), errors };
}
