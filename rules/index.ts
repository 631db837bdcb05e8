import type { AnyRule } from '../src/engine/rule.js';

/**
 * The rule registry: rule id → loader. Each rule folder adds one line; the meta-test fails when a
 * folder under rules/ is missing here. Rules load on first use, so `scan --rule x` loads rule x
 * and nothing else.
 */
const loaders: Readonly<Record<string, () => Promise<{ default: AnyRule }>>> = {
  'client-event-misuse': () => import('./client-event-misuse/index.js'),
  'client-side-authorization': () => import('./client-side-authorization/index.js'),
  'connection-leak': () => import('./connection-leak/index.js'),
  'debug-logging': () => import('./debug-logging/index.js'),
  'event-data-xss': () => import('./event-data-xss/index.js'),
  'excessive-channels': () => import('./excessive-channels/index.js'),
  'hardcoded-credentials': () => import('./hardcoded-credentials/index.js'),
  'info-on-hot-path': () => import('./info-on-hot-path/index.js'),
  'insecure-transport': () => import('./insecure-transport/index.js'),
  'presence-misuse': () => import('./presence-misuse/index.js'),
  'protocol-limits': () => import('./protocol-limits/index.js'),
  'public-channel-sensitive-data': () => import('./public-channel-sensitive-data/index.js'),
  'reconnection-misuse': () => import('./reconnection-misuse/index.js'),
  'trigger-relay': () => import('./trigger-relay/index.js'),
  'unbatched-triggers': () => import('./unbatched-triggers/index.js'),
  'unverified-webhook': () => import('./unverified-webhook/index.js'),
};

/** Every rule id, sorted by code unit (not locale), so the order is the same on every machine. */
export const RULE_IDS: readonly string[] = Object.freeze(Object.keys(loaders).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

export function isRuleId(id: string): boolean {
  return Object.hasOwn(loaders, id);
}

/** One rule, or undefined for an unknown id. */
export async function loadRule(id: string): Promise<AnyRule | undefined> {
  const load = Object.hasOwn(loaders, id) ? loaders[id] : undefined;
  if (load === undefined) return undefined;
  const rule = (await load()).default;
  if (rule.meta.id !== id) throw new Error(`rules/index.ts: "${id}" loads a rule whose meta.id is "${rule.meta.id}"`);
  return rule;
}

/** The named rules (all by default), in `RULE_IDS` order; an unknown id is a bug of the caller. */
export async function loadRules(ids: readonly string[] = RULE_IDS): Promise<AnyRule[]> {
  const wanted = new Set(ids);
  for (const id of wanted) if (!isRuleId(id)) throw new Error(`unknown rule id "${id}"`);
  return Promise.all(RULE_IDS.filter((id) => wanted.has(id)).map(async (id) => (await loadRule(id))!));
}
