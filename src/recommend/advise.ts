import { ADVICE_SCHEMA_VERSION } from '../version.js';
import { recommendArchitecture } from './recommend.js';
import type { Advice } from './schema.js';
import { improvementPlan, scorecard } from './scorecard.js';
import type { AdviceInput } from './signals.js';

/**
 * The advice: architecture (today's pattern, the recommended one, migration), the pillar
 * scorecard and one improvement plan. A pure function of the architecture facts, the inventory,
 * the findings and (with usage data) the cost report; the same input gives the same output.
 */
export function advise(input: AdviceInput): Advice {
  const architecture = recommendArchitecture(input);
  return {
    schemaVersion: ADVICE_SCHEMA_VERSION,
    inputs: { usage: input.cost?.input.kind ?? 'none', findings: input.findings.length },
    architecture,
    scorecard: scorecard(input),
    plan: improvementPlan(input, architecture.migration),
  };
}
