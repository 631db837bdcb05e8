import { SEVERITIES, SEVERITY_RANK, type Category, type Severity } from '../engine/types.js';
import { explainDecisions } from './sections/cost-text.js';
import { usageChart, type ChartView } from './charts.js';
import { trustLabel } from './format.js';
import { layoutDiagram, type DiagramView } from './diagram.js';
import { currentTopology } from './topology.js';
import { buildAdviceView, type AdviceView } from './advice-view.js';
import type { ScanReport } from '../report/schema.js';

/**
 * The view model the HTML and Markdown reports share: the scan report regrouped the way a review
 * reads (pillars, rules, actions), with every figure a template needs already computed, so the
 * templates only lay it out. Pure.
 */

/** What a report says about a rule beyond its findings: its title and how to fix it (from its README). */
export interface RuleDoc {
  title: string;
  /** The README's "How to fix" items, as prose with `code` in backticks. */
  howToFix: string[];
}

export interface ReportOptions {
  /** By rule id; rules without an entry are shown by id with their messages only. */
  ruleDocs?: Readonly<Record<string, RuleDoc>>;
}

type Finding = ScanReport['findings'][number];
type Cost = NonNullable<ScanReport['cost']>;

export const PILLARS: ReadonlyArray<{ id: string; name: string; categories: readonly Category[]; question: string }> = [
  { id: 'security', name: 'Security', categories: ['security'], question: 'Can anyone read, join or publish what they should not?' },
  { id: 'reliability', name: 'Reliability', categories: ['reliability'], question: 'Do clients reconnect, clean up and survive outages?' },
  { id: 'cost', name: 'Cost', categories: ['cost'], question: 'Does the app pay for connections and messages it does not need?' },
  { id: 'performance', name: 'Performance', categories: ['performance'], question: 'Do events arrive fast, batched and within limits?' },
  { id: 'operability', name: 'Operability', categories: ['maintainability'], question: 'Can the team run, change and observe it safely?' },
];

/** The Well-Architected review's risk levels: critical and high findings are high risk. */
const RISK: Record<Severity, 'high' | 'medium' | 'low'> = { critical: 'high', high: 'high', medium: 'medium', low: 'low', info: 'low' };

export interface FindingView extends Finding {
  /** 1-based position in the report's findings, for anchors. */
  n: number;
}

export interface RuleGroupView {
  ruleId: string;
  title: string;
  severity: Severity;
  count: number;
  howToFix: string[];
  findings: FindingView[];
  pillar: string;
  /** The cost model's savings whose findings include this rule's. */
  savings: Array<{ lever: string; quantified: boolean; monthlySavingsUsd: number | null }>;
}

export interface PillarView {
  id: string;
  name: string;
  question: string;
  total: number;
  highRisk: number;
  mediumRisk: number;
  lowRisk: number;
  rules: RuleGroupView[];
}

const bySeverityThenCount = (a: RuleGroupView, b: RuleGroupView): number =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1);

function groupByRule(findings: FindingView[], docs: Readonly<Record<string, RuleDoc>>, pillar: string, savings: Cost['savings']['items']): RuleGroupView[] {
  const groups = new Map<string, RuleGroupView>();
  for (const f of findings) {
    let g = groups.get(f.ruleId);
    if (!g) {
      const doc = docs[f.ruleId];
      const mine = savings.filter((s) => s.findings.some((sf) => sf.ruleId === f.ruleId));
      g = {
        ruleId: f.ruleId,
        title: doc?.title ?? f.ruleId,
        severity: f.severity,
        count: 0,
        howToFix: doc?.howToFix ?? [],
        findings: [],
        pillar,
        savings: mine.map((s) => ({ lever: s.lever, quantified: s.quantified, monthlySavingsUsd: s.monthlySavingsUsd })),
      };
      groups.set(f.ruleId, g);
    }
    g.count++;
    g.findings.push(f);
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[g.severity]) g.severity = f.severity;
  }
  // Worst first, then the most findings, then by id so equal groups keep a stable order.
  return [...groups.values()].sort(bySeverityThenCount);
}

export interface CostView {
  inputLabel: string;
  window: Cost['window'];
  summary: Cost['summary'];
  breakdown: Array<{ kind: string; count: number; share: number | null }>;
  /** The plan the charts and limits are drawn for: the current one when given, else the recommended one. */
  chartPlan: { name: string; role: 'current' | 'recommended'; confirmed: boolean } | null;
  charts: ChartView[];
  fits: Array<{ label: string; fit: NonNullable<Cost['recommendation']['fit']> }>;
  /** `decisions`: what the robust forecast did to the data (outliers, weekly cycle, level shift, flat), one sentence each. */
  forecast: Array<{ label: string; trend: NonNullable<Cost['forecast']['connections']> | null; decisions: string[] }>;
  horizonDays: number;
  lastObservedDate: string | null;
  limits: Array<Cost['limits'][number] & { metricLabel: string; reached: boolean }>;
  /** Any metric's forecast set data aside or changed its model (the list under the forecast table). */
  forecastDecisions: boolean;
  /** Usage sits at a hard limit on some day: the observed peak understates demand. */
  censored: boolean;
  recommendation: Cost['recommendation'];
  savings: Cost['savings'];
  alternatives: Cost['alternatives'];
  plans: Cost['catalogue']['plans'];
  note: string;
  assumptions: Cost['assumptions'];
  warnings: Cost['warnings'];
  unconfirmed: string[];
  /** Plans whose figures independent dated sources agree on, without Pusher's own page. */
  corroborated: string[];
}

function costView(cost: Cost): CostView {
  const current = cost.currentPlan?.now.plan ?? null;
  const chosen = current ?? cost.recommendation.choice.plan;
  const catalogue = new Map(cost.catalogue.plans.map((p) => [p.id, p]));
  const planFor = (metric: 'connections' | 'messagesPerDay') => {
    if (!chosen) return null;
    const limit = metric === 'connections' ? chosen.maxConnections : chosen.messagesPerDay;
    const cap = catalogue.get(chosen.id)?.connectionHardCap;
    return { name: chosen.name, limit, hardCap: metric === 'connections' && limit !== null && cap !== undefined ? limit * cap : null };
  };
  const charts = [
    usageChart(cost, 'connections', 'Peak concurrent connections per UTC day', planFor('connections')),
    usageChart(cost, 'messagesPerDay', 'Messages per UTC day', planFor('messagesPerDay')),
  ].filter((c): c is ChartView => c !== null);
  const total = cost.summary.messagesTotal;
  const unconfirmed = [
    ...cost.catalogue.plans.filter((p) => trustLabel(p) === 'not confirmed').map((p) => p.name),
    ...cost.alternatives.items.filter((a) => !a.confirmed).map((a) => a.name),
  ];
  const corroborated = cost.catalogue.plans.filter((p) => trustLabel(p) === 'corroborated').map((p) => p.name);
  const forecast = [
    { label: 'Peak connections', trend: cost.forecast.connections },
    { label: 'Messages per day', trend: cost.forecast.messagesPerDay },
  ].map((f) => ({ ...f, decisions: f.trend?.decisions ? explainDecisions(f.trend.decisions) : [] }));
  return {
    inputLabel: cost.input.file ?? `profile ${cost.input.profile ?? ''}`,
    window: cost.window,
    summary: cost.summary,
    breakdown: Object.entries(cost.summary.breakdown).map(([kind, count]) => ({ kind, count: count ?? 0, share: total > 0 ? (count ?? 0) / total : null })),
    chartPlan: chosen ? { name: chosen.name, role: current ? 'current' : 'recommended', confirmed: chosen.confirmed } : null,
    charts,
    fits: [
      ...(cost.currentPlan ? [{ label: 'Current plan, now', fit: cost.currentPlan.now }, { label: `Current plan, in ${cost.forecast.horizonDays} days`, fit: cost.currentPlan.atHorizon }] : []),
      ...(cost.recommendation.fit ? [{ label: `Recommended plan, in ${cost.forecast.horizonDays} days`, fit: cost.recommendation.fit }] : []),
    ],
    forecast,
    forecastDecisions: forecast.some((f) => f.decisions.length > 0),
    horizonDays: cost.forecast.horizonDays,
    lastObservedDate: cost.forecast.lastObservedDate,
    limits: cost.limits.map((l) => ({ ...l, metricLabel: l.metric === 'connections' ? 'connections' : 'messages/day', reached: l.days === 0 })),
    censored: cost.limits.some((l) => l.atLimit === true),
    recommendation: cost.recommendation,
    savings: cost.savings,
    alternatives: cost.alternatives,
    plans: cost.catalogue.plans,
    note: cost.catalogue.note,
    assumptions: cost.assumptions,
    warnings: cost.warnings,
    unconfirmed,
    corroborated,
  };
}

export interface ReportView {
  root: string;
  tool: ScanReport['tool'];
  schemaVersion: number;
  summary: ScanReport['summary'];
  severities: Array<{ severity: Severity; count: number }>;
  highRisk: number;
  mediumRisk: number;
  pillars: PillarView[];
  /** The three rule groups to fix first: worst severity, then most findings. */
  topActions: RuleGroupView[];
  /** Every rule group across pillars, in the order to fix them. */
  planGroups: RuleGroupView[];
  topology: DiagramView | null;
  cost: CostView | null;
  inventory: ScanReport['inventory'] & { clientFiles: number; serverFiles: number };
  skipped: ScanReport['skipped'];
  errors: ScanReport['errors'];
  suppressed: ScanReport['suppressed'];
  probe: ScanReport['probe'] | null;
  /** The recommender's verdict, scorecard and plan, when the report has them. */
  advice: AdviceView | null;
}

export function buildView(report: ScanReport, options: ReportOptions = {}): ReportView {
  const docs = options.ruleDocs ?? {};
  const findings: FindingView[] = report.findings.map((f, i) => ({ ...f, n: i + 1 }));
  const savings = report.cost?.savings.items ?? [];
  const pillars = PILLARS.map((p): PillarView => {
    const mine = findings.filter((f) => p.categories.includes(f.category));
    const risk = (level: 'high' | 'medium' | 'low') => mine.filter((f) => RISK[f.severity] === level).length;
    return { id: p.id, name: p.name, question: p.question, total: mine.length, highRisk: risk('high'), mediumRisk: risk('medium'), lowRisk: risk('low'), rules: groupByRule(mine, docs, p.name, savings) };
  });
  const planGroups = pillars.flatMap((p) => p.rules).sort(bySeverityThenCount);
  const inv = report.inventory;
  const hasPusher = inv.clients.length + inv.servers.length + inv.operations.length > 0;
  return {
    root: report.root,
    tool: report.tool,
    schemaVersion: report.schemaVersion,
    summary: report.summary,
    severities: SEVERITIES.map((severity) => ({ severity, count: report.summary.bySeverity[severity] })),
    highRisk: pillars.reduce((s, p) => s + p.highRisk, 0),
    mediumRisk: pillars.reduce((s, p) => s + p.mediumRisk, 0),
    pillars,
    topActions: planGroups.slice(0, 3),
    planGroups,
    topology: hasPusher ? layoutDiagram(currentTopology(inv)) : null,
    cost: report.cost ? costView(report.cost) : null,
    inventory: { ...inv, clientFiles: new Set(inv.clients.map((c) => c.location.file)).size, serverFiles: new Set(inv.servers.map((s) => s.location.file)).size },
    skipped: report.skipped,
    errors: report.errors,
    suppressed: report.suppressed,
    probe: report.probe ?? null,
    advice: buildAdviceView(report, new Map(report.findings.map((f, i) => [f.fingerprint, { n: i + 1, file: f.file, line: f.line, ruleId: f.ruleId }]))),
  };
}
