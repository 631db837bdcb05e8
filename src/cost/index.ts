/** Public API of the cost model: read usage, estimate (its text rendering is src/reporters/sections/cost-text.ts). */
export { estimateCost, costReportSchema, DEFAULT_HEADROOM_PCT, DEFAULT_HORIZON_DAYS, DEFAULT_SAVINGS_SHARE_PCT, type CostOptions } from './model.js';
export type { CostReport, Saving, Alternative, PlanChoice, PlanRef, LimitEta } from './report.js';
export type { CostFinding } from './savings.js';
export { loadUsage, loadPlans, type LoadUsageOptions } from './inputs/load.js';
export type { UsageData, SeriesUsage, AssumedUsage, UsageWarning } from './usage.js';
export { PUSHER_PLANS } from './catalogue.js';
export { countPublishes, countBatchPublishes, countClientEvents, countPresenceEvents } from './counting.js';
