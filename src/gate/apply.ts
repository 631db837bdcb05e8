import { compareFindings } from '../engine/findings.js';
import type { Finding } from '../engine/types.js';
import type { GateSection } from '../report/schema.js';
import type { Baseline, BaselineEntry } from './baseline.js';
import { splitByChangedLines, type ChangedLines } from './changed-lines.js';
import { matchFindings, type Comparable } from './match.js';

export interface BaselineResult<C> {
  /** Findings the baseline does not hold: the ones that count. */
  added: C[];
  known: C[];
  /** Baseline entries that no longer occur: fixed, or their code deleted. */
  absent: BaselineEntry[];
}

/** Here rather than beside the baseline's schema (baseline.ts), so that gating loads no schema. */
export function applyBaseline<C extends Comparable>(baseline: Baseline, findings: readonly C[]): BaselineResult<C> {
  const { added, known, gone } = matchFindings(baseline.findings, findings);
  return { added, known, absent: gone };
}

export interface GateInputs {
  changed?: ChangedLines;
  baseline?: { file: string; baseline: Baseline };
}

/**
 * Narrows a scan's findings to the ones a CI gate reports: not in the baseline and, with
 * `--diff-base`, touching a changed line. The baseline is matched against every finding, so its
 * list of entries that no longer occur does not depend on which lines a pull request touched.
 */
export function applyGate(findings: readonly Finding[], inputs: GateInputs): { findings: Finding[]; section?: GateSection } {
  if (inputs.changed === undefined && inputs.baseline === undefined) return { findings: [...findings] };
  let kept = [...findings];
  const held: Finding[] = [];
  const section: GateSection = { unchanged: [] };
  if (inputs.baseline !== undefined) {
    const r = applyBaseline(inputs.baseline.baseline, kept);
    kept = r.added;
    held.push(...r.known);
    section.baseline = { file: inputs.baseline.file, known: r.known.length, absent: r.absent };
  }
  if (inputs.changed !== undefined) {
    const { inChanged, outside } = splitByChangedLines(kept, inputs.changed);
    kept = inChanged;
    held.push(...outside);
    section.diffBase = { ref: inputs.changed.ref, mergeBase: inputs.changed.mergeBase, outsideChangedLines: outside.length };
  }
  section.unchanged = held.sort(compareFindings);
  return { findings: kept.sort(compareFindings), section };
}
