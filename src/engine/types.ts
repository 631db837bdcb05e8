/**
 * Shared vocabulary of the scanner. The engine, the rules, the inventory and the reporters all
 * speak in these types; nothing here does any work.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse; used for sorting and for the `--fail-on` threshold. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/**
 * How often a rule's findings are right, in GitHub code scanning's terms (SARIF `precision`):
 * code scanning sorts and filters alerts by it.
 */
export const PRECISIONS = ['very-high', 'high', 'medium', 'low'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const CATEGORIES = ['security', 'reliability', 'cost', 'performance', 'maintainability'] as const;
export type Category = (typeof CATEGORIES)[number];

/** A 1-based line and column range in an original file (not in an extracted script block). */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Range {
  ruleId: string;
  /** Which of the rule's messages: the key for cost levers and for `@messageId` fixture markers. */
  messageId: string;
  severity: Severity;
  category: Category;
  message: string;
  /** Repo-relative POSIX path. */
  file: string;
  /** The first flagged source line, trimmed and with secrets redacted. */
  snippet: string;
  /** Stable across line moves: rule + file + normalised flagged code (+ occurrence index). */
  fingerprint: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ScanError {
  file?: string;
  ruleId?: string;
  message: string;
}

/**
 * How fixing a rule's findings changes what Pusher bills. The cost model turns each kind into a
 * conservative, stated reduction of connections or messages.
 */
export const COST_LEVERS = [
  /** Several client instances for one app key: each opens its own connection per user. */
  'duplicate-connections',
  /** Clients created without `disconnect()` in cleanup: connections outlive the page or component. */
  'connection-leak',
  /** Subscriptions or bindings added on every render: deliveries multiply. */
  'subscription-leak',
  /** One trigger call per channel or per item in a loop: publish calls multiply. */
  'n-plus-one-triggers',
  /** `info` on trigger: each publish is billed twice. */
  'info-param',
  /** Reconnect loops that fight pusher-js: connection churn and extra connections. */
  'reconnect-storm',
] as const;
export type CostLever = (typeof COST_LEVERS)[number];
