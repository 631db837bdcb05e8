import type { AnyRule } from '../src/engine/rule.js';

/**
 * The rule registry. Each rule folder adds one import and one entry; the meta-test fails when a
 * folder under rules/ is missing here. Order does not matter: the list is sorted by id.
 */
const registered: AnyRule[] = [];

export const rules: readonly AnyRule[] = Object.freeze([...registered].sort((a, b) => a.meta.id.localeCompare(b.meta.id)));

export function ruleById(id: string): AnyRule | undefined {
  return rules.find((r) => r.meta.id === id);
}
