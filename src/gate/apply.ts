import { compareFindings } from '../engine/findings.js';
import type { Finding } from '../engine/types.js';
import type { GateSection } from '../report/schema.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { splitByChangedLines, type ChangedLines } from './changed-lines.js';

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
