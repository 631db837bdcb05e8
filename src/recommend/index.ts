// advise.ts holds the function apart from the schemas, so the CLI building a report loads no schema.
export { advise } from './advise.js';
export * from './schema.js';
export { MESSAGES, message, type MessageId } from './messages.js';
export { PATTERNS, SIGNAL_IDS, SIMPLICITY, DESIGN_THRESHOLDS, type PatternDef, type SignalId } from './patterns.js';
export { SCORECARD_FORMULA } from './scorecard.js';
export type { AdviceInput, AdviceFinding, AdviceRule } from './signals.js';
