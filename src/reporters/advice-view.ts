import { arc } from 'd3-shape';
import { layoutDiagram, type DiagramView } from './diagram.js';
import type { ScanReport } from '../report/schema.js';
import { currentTopology, recommendedTopology } from './topology.js';

/**
 * The `advice` section regrouped for the templates: the verdict, the pattern scores with their
 * signals and evidence as links, the scorecard with Lighthouse-style gauges, the migration and the
 * improvement plan. The recommender wrote every sentence; this only places them. Pure.
 */

type Advice = NonNullable<ScanReport['advice']>;
type Evidence = Advice['architecture']['patterns'][number]['signals'][number]['evidence'][number];

export interface EvidenceView {
  label: string;
  /** An anchor in the report (a finding), or null. */
  href: string | null;
}

export interface GaugeView {
  track: string;
  value: string;
  label: string;
}

const GAUGE = { inner: 24, outer: 30 };
const ring = arc<{ endAngle: number }>().innerRadius(GAUGE.inner).outerRadius(GAUGE.outer).startAngle(0).cornerRadius(0).digits(2);

/** A donut like Lighthouse's: the track, and the arc for the score out of 100. */
export function gauge(score: number | null): GaugeView {
  const full = 2 * Math.PI;
  return {
    track: ring({ endAngle: full }) ?? '',
    value: score === null || score <= 0 ? '' : (ring({ endAngle: (full * Math.min(score, 100)) / 100 }) ?? ''),
    label: score === null ? '–' : String(Math.round(score)),
  };
}

export function buildAdviceView(report: ScanReport, findingNumbers: ReadonlyMap<string, { n: number; file: string; line: number; ruleId: string }>) {
  const advice = report.advice;
  if (!advice) return null;
  const a = advice.architecture;
  const names = new Map(a.patterns.map((p) => [p.id, p.name]));
  const evidence = (e: Evidence): EvidenceView => {
    const finding = e.kind === 'finding' ? findingNumbers.get(e.ref) : undefined;
    if (finding) return { label: `${finding.file}:${finding.line}`, href: `#f-${e.ref}` };
    const where = e.file !== undefined ? `${e.file}${e.line !== undefined ? `:${e.line}` : ''}` : e.ref;
    return { label: e.value !== undefined ? `${where} (${e.value})` : where, href: null };
  };
  const location = (l: { file: string; line: number }): string => `${l.file}:${l.line}`;
  return {
    usage: advice.inputs.usage,
    verdict: a.verdict.text,
    current: { id: a.current.pattern, name: names.get(a.current.pattern) ?? a.current.pattern, reasons: a.current.reasons.map((r) => r.text) },
    recommended: a.patterns.find((p) => p.id === a.recommended)!,
    runnerUp: a.patterns.find((p) => p.id === a.runnerUp)!,
    alreadyRight: a.alreadyRight,
    patterns: a.patterns.map((p) => ({
      id: p.id,
      name: p.name,
      score: p.score,
      formula: p.formula,
      isRecommended: p.id === a.recommended,
      isCurrent: p.id === a.current.pattern,
      signals: p.signals
        .filter((s) => s.contribution !== 0 || s.assumed)
        .map((s) => ({ text: s.text.text, weight: s.weight, strength: s.strength, contribution: s.contribution, assumed: s.assumed, against: s.contribution < 0, evidence: s.evidence.slice(0, 6).map(evidence) })),
    })),
    changeIf: a.changeIf.map((c) => c.text.text),
    assumptions: a.assumptions.map((m) => m.text),
    watch: a.watch.map((m) => m.text),
    migration: a.migration.map((m) => ({ step: m.step, text: m.text.text, where: m.where.map(location), effort: m.effort, risk: m.risk, benefit: m.benefit.text.text })),
    topology: {
      current: layoutDiagram(currentTopology(report.inventory, a.facts)),
      recommended: layoutDiagram(recommendedTopology(report.inventory, a.facts, a.recommended)) as DiagramView,
    },
    scorecard: {
      formula: advice.scorecard.formula,
      pillars: advice.scorecard.pillars.map((p) => ({
        id: p.id,
        name: p.name,
        score: p.score,
        rating: p.rating,
        formula: p.formula,
        high: p.risks.high,
        medium: p.risks.medium,
        strength: p.strength?.text ?? null,
        gap: p.gap?.text ?? null,
        gauge: gauge(p.score),
        top: p.topFindings.flatMap((fp) => {
          const f = findingNumbers.get(fp);
          return f ? [{ href: `#f-${fp}`, label: `${f.file}:${f.line}` }] : [];
        }),
      })),
    },
    plan: advice.plan.map((item) => ({
      rank: item.rank,
      pillar: advice.scorecard.pillars.find((p) => p.id === item.pillar)?.name ?? item.pillar,
      text: item.text.text,
      impact: item.impact,
      effort: item.effort,
      priority: item.priority,
      where: item.where.slice(0, 4).map(location),
      more: Math.max(0, item.where.length - 4),
      savings: item.savings,
    })),
  };
}

export type AdviceView = NonNullable<ReturnType<typeof buildAdviceView>>;
