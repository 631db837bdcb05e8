export { runAuthProbe, planAuthProbe, parseRetryAfter, type RequestBudget } from './run.js';
export {
  DEFAULT_TARGETS,
  PROBE_DEFAULTS,
  PROBE_LIMITS,
  isLoopbackHost,
  type AuthProbeOptions,
  type LatencyTargets,
  type ProbeChannel,
} from './options.js';
export {
  PROBE_CHECK_IDS,
  PROBE_SCHEMA_VERSION,
  PROBE_STATUSES,
  loadProbeReport,
  parseProbeReport,
  probeReportSchema,
  type BurstStats,
  type LoadStats,
  type ProbeCheck,
  type ProbeCheckId,
  type ProbeReport,
  type ProbeStatus,
} from './schema.js';
export { channelsFromInventory, loadInventory, type FromInventoryOptions, type InventoryForProbe } from './from-inventory.js';
export { evaluateLoad, percentile, type LoadSample } from './load.js';
