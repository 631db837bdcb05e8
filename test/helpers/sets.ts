import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The labelled app sets and what their numbers may be used for. Only a set nobody tuned on can
 * give an honest figure, and a set stops being one the day a rule is changed because of it; the
 * role records which is which, so the harness gates only where a gate means something.
 *
 * - `gated`: the mini-corpus the rules were written against; a drop below target fails the build.
 * - `regression`: held-out sets that were measured once and then tuned on; their first figures are
 *   in their README, today's are printed, and they guard against crashes, not for accuracy.
 * - `blind`: written without sight of the rules' code, fixtures or the other sets, and not tuned
 *   on yet; printed, never gated (a gate would invite tuning on them).
 */
export type SetRole = 'gated' | 'regression' | 'blind';

export interface LabelledSet {
  dir: string;
  role: SetRole;
  /**
   * The rule ids its authors labelled (every marker and every unmarked line speaks for these only).
   * A rule outside the list is not scored on the set: its unlabelled findings there are counted and
   * printed, not called false positives. Absent: every registered rule is scored.
   */
  labels?: readonly string[];
  /**
   * Rules held to ≥ 90 % on this set once their first measurement is recorded in its README: those
   * tuned on it (no longer blind there, so it is their regression gate), and issue #14's rules on the
   * set written for them, which the issue asks to keep at 90 % whether or not they were tuned.
   */
  tunedRules?: readonly string[];
}

const FIVE_RULES = ['public-channel-sensitive-data', 'client-side-authorization', 'hardcoded-credentials', 'reconnection-misuse', 'connection-leak'];

export const LABELLED_SETS: readonly LabelledSet[] = [
  { dir: 'test/corpus', role: 'gated' },
  // Its README: "insecure-transport is not labelled here".
  { dir: 'test/heldout', role: 'regression', labels: FIVE_RULES },
  // Written for the six rules of the day; issue #14's rules were not labelled there.
  { dir: 'test/heldout-3', role: 'blind', labels: [...FIVE_RULES, 'insecure-transport'] },
  { dir: 'test/heldout-4', role: 'blind', tunedRules: ['trigger-relay', 'unbatched-triggers', 'info-on-hot-path', 'insecure-transport', 'debug-logging', 'unverified-webhook', 'client-event-misuse', 'protocol-limits', 'presence-misuse', 'event-data-xss', 'excessive-channels'] },
];

/**
 * Rule ids that blind sets may label before the rule exists (issue #14's proposals). A marker for
 * one of these is counted once a rule with that id is registered; until then it is listed as
 * waiting. A marker for any other unregistered id is a typo and fails the harness.
 */
export const PLANNED_RULE_IDS: readonly string[] = [
  'trigger-relay',
  'unbatched-triggers',
  'unverified-webhook',
  'info-on-hot-path',
  'presence-misuse',
  'client-event-misuse',
  'event-data-xss',
  'protocol-limits',
  'excessive-channels',
  'debug-logging',
];

/** Each app of a set: its direct sub-directories, sorted. */
export function appsOf(set: LabelledSet): string[] {
  if (!existsSync(set.dir)) return [];
  return readdirSync(set.dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(set.dir, d.name))
    .sort();
}
