import { SEVERITY_RANK, type Category, type Severity } from '../engine/types.js';
import { fmt, message } from './messages.js';
import type { Advice, Audit, Effort, MigrationStep, Pillar, PillarId, PlanItem } from './schema.js';
import type { AdviceFinding, AdviceInput } from './signals.js';

/**
 * The pillar scorecard and the improvement plan. A pillar's score is Lighthouse's weighted mean
 * of its audits, Σ(score × weight) ÷ Σweight × 100, with Lighthouse's bands (pass ≥ 90, average ≥
 * 50); its risk counts follow the Well-Architected review (high = critical + high findings,
 * medium = medium). The plan orders every fix by impact ÷ effort.
 */

export const SCORECARD_FORMULA = 'score = 100 × Σ(audit score × weight) ÷ Σ weight over the audits that apply; pass ≥ 90, average ≥ 50, else fail';

const PILLAR_NAMES: Record<PillarId, string> = {
  security: 'Security',
  reliability: 'Reliability',
  cost: 'Cost',
  performance: 'Performance',
  operability: 'Operability',
};
const PILLAR_OF_CATEGORY: Record<Category, PillarId> = {
  security: 'security',
  reliability: 'reliability',
  cost: 'cost',
  performance: 'performance',
  maintainability: 'operability',
};

/** An audit's weight from its rule's default severity, and a rule audit's score from its worst finding. */
const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 7, medium: 4, low: 2, info: 1 };
const SEVERITY_SCORE: Record<Severity, number> = { critical: 0, high: 0.25, medium: 0.5, low: 0.75, info: 0.9 };
const SEVERITY_IMPACT: Record<Severity, number> = { critical: 10, high: 8, medium: 5, low: 3, info: 1 };
const EFFORT_COST: Record<Effort, number> = { S: 1, M: 2, L: 3 };
const RISK_IMPACT = { high: 8, medium: 6, low: 4 } as const;

/** How much work fixing a rule's findings usually is. */
const RULE_EFFORT: Record<string, Effort> = {
  'hardcoded-credentials': 'S',
  'insecure-transport': 'S',
  'connection-leak': 'S',
  'reconnection-misuse': 'S',
  'client-side-authorization': 'M',
  'public-channel-sensitive-data': 'M',
};
/** Which pillar each migration step improves. */
const STEP_PILLAR: Record<string, PillarId> = {
  'gateway.rate-limit-auth': 'security',
  'gateway.fix-auth': 'security',
  'gateway.stop-relay': 'security',
  'gateway.one-publisher': 'operability',
  'event-bus.queue': 'reliability',
  'event-bus.publisher': 'performance',
  'event-bus.credentials': 'security',
  'multi-region.publish-all': 'reliability',
  'multi-region.client-cluster': 'performance',
  'multi-region.auth': 'reliability',
  'cdn.pin': 'security',
  'cdn.cache': 'performance',
  'hybrid.move-backend': 'cost',
  'hybrid.remove-client': 'operability',
  'serverless.hoist': 'performance',
  'serverless.no-edge': 'reliability',
};

const round2 = (x: number): number => Math.round(x * 100) / 100;
const worst = (fs: readonly AdviceFinding[]): Severity => fs.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w), 'info');

function ruleAudits(input: AdviceInput, pillar: PillarId): Audit[] {
  const rules = new Map((input.rules ?? []).map((r) => [r.id, r]));
  for (const f of input.findings) if (!rules.has(f.ruleId)) rules.set(f.ruleId, { id: f.ruleId, title: f.ruleId, category: f.category, severity: f.severity });
  const out: Audit[] = [];
  for (const r of [...rules.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const mine = input.findings.filter((f) => f.ruleId === r.id && PILLAR_OF_CATEGORY[f.category] === pillar);
    if (PILLAR_OF_CATEGORY[r.category] !== pillar && mine.length === 0) continue;
    const w = worst(mine);
    out.push({
      id: `rule:${r.id}`,
      weight: SEVERITY_WEIGHT[r.severity],
      score: mine.length === 0 ? 1 : SEVERITY_SCORE[w],
      findings: mine.map((f) => f.fingerprint),
      text: mine.length === 0 ? message('audit.rule-clean', { rule: r.title }) : message('audit.rule', { rule: r.title, count: mine.length, severity: w }),
    });
  }
  return out;
}

const ratio = (ok: number, total: number): number | null => (total === 0 ? null : round2(ok / total));

function factAudits(input: AdviceInput, pillar: PillarId): Audit[] {
  const { facts, cost, inventory } = input;
  const out: Audit[] = [];
  const add = (id: string, weight: number, score: number | null, text: Audit['text']) => out.push({ id, weight, score, findings: [], text });
  if (pillar === 'security') {
    const ok = facts.authEndpoints.filter((a) => a.rateLimited).length;
    add('auth-rate-limited', 4, ratio(ok, facts.authEndpoints.length), message('audit.auth-rate-limited', { ok, total: facts.authEndpoints.length }));
  }
  if (pillar === 'reliability') {
    const ok = facts.sdkInstances.filter((s) => s.lifetime !== 'per-call').length;
    add('sdk-reused', 3, ratio(ok, facts.sdkInstances.length), message('audit.sdk-reused', { ok, total: facts.sdkInstances.length }));
    const fit = cost?.currentPlan?.atHorizon ?? cost?.recommendation.fit ?? null;
    const FIT_SCORE = { ok: 1, warning: 0.5, 'over-plan': 0.25, 'at-limit': 0, refused: 0 } as const;
    add('plan-headroom', 5, fit ? FIT_SCORE[fit.status] : null, message('audit.plan-headroom', { status: fit?.status ?? 'no usage data', plan: fit?.plan.name ?? 'no plan' }));
  }
  if (pillar === 'cost') {
    const current = cost?.currentPlan?.now.plan;
    const choice = cost?.recommendation.choice;
    let score: number | null = null;
    let status = 'no current plan given (--plan)';
    if (current && choice && current.monthlyUsd !== null && choice.monthlyUsd !== null) {
      score = current.monthlyUsd > choice.monthlyUsd ? 0.5 : 1;
      status = score === 1 ? `${current.name} is the cheapest plan that holds the forecast, or below it` : `${current.name} costs more than ${choice.plan!.name}, which holds the forecast`;
    }
    add('plan-cheapest', 5, score, message('audit.plan-cheapest', { status }));
  }
  if (pillar === 'performance') {
    const loops = facts.publishing.filter((p) => p.inLoop).length;
    add('batched-publishing', 4, facts.publishing.length === 0 ? null : round2(1 - loops / facts.publishing.length), message('audit.batched-publishing', { count: loops, total: facts.publishing.length }));
  }
  if (pillar === 'operability') {
    add('no-backend-subscribers', 3, facts.serverSubscribers.length === 0 ? 1 : 0, message('audit.no-backend-subscribers', { count: facts.serverSubscribers.length }));
    const fromEnv = inventory.servers.filter((s) => s.options['secret']?.kind === 'env' || s.construction === 'module').length;
    add('credentials-from-env', 3, ratio(fromEnv, inventory.servers.length), message('audit.credentials-from-env', { ok: fromEnv, total: inventory.servers.length }));
    if (input.scan) add('scan-complete', 2, input.scan.errors === 0 ? 1 : 0.5, message('audit.scan-complete', { count: input.scan.errors }));
  }
  return out;
}

export function scorecard(input: AdviceInput): Advice['scorecard'] {
  const pillars: Pillar[] = (Object.keys(PILLAR_NAMES) as PillarId[]).map((id) => {
    const audits = [...ruleAudits(input, id), ...factAudits(input, id)];
    const applied = audits.filter((a): a is Audit & { score: number } => a.score !== null);
    const totalWeight = applied.reduce((s, a) => s + a.weight, 0);
    const mean = totalWeight === 0 ? null : applied.reduce((s, a) => s + a.score * a.weight, 0) / totalWeight;
    const score = mean === null ? null : Math.round(mean * 100);
    const formula =
      mean === null
        ? 'no audit applies'
        : `100 × (${applied.map((a) => `${fmt(a.score)}×${fmt(a.weight)}`).join(' + ')}) ÷ ${fmt(totalWeight)} = ${fmt(score!)}`;
    const mine = input.findings.filter((f) => PILLAR_OF_CATEGORY[f.category] === id);
    const strength = [...applied].filter((a) => a.score === 1).sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))[0];
    const gap = [...applied].filter((a) => a.score < 1).sort((a, b) => b.weight * (1 - b.score) - a.weight * (1 - a.score) || a.id.localeCompare(b.id))[0];
    const top = [...mine].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]).slice(0, 3);
    return {
      id,
      name: PILLAR_NAMES[id],
      score,
      rating: score === null ? 'n/a' : score >= 90 ? 'pass' : score >= 50 ? 'average' : 'fail',
      formula,
      risks: {
        high: mine.filter((f) => f.severity === 'critical' || f.severity === 'high').length,
        medium: mine.filter((f) => f.severity === 'medium').length,
      },
      strength: strength ? message('pillar.strength', { audit: strength.text.text }) : null,
      gap: gap ? message('pillar.gap', { audit: gap.text.text }) : null,
      topFindings: top.map((f) => f.fingerprint),
      audits,
    };
  });
  return { formula: SCORECARD_FORMULA, pillars };
}

/** Steps whose saving is a cost-model lever. */
const STEP_LEVER: Record<string, string> = { 'event-bus.publisher': 'n-plus-one-triggers' };

function stepSaving(input: AdviceInput, s: MigrationStep): PlanItem['savings'] {
  if (s.benefit.kind !== 'saving') return null;
  const item = input.cost?.savings.items.find((x) => x.lever === STEP_LEVER[s.id]);
  return item ? { lever: item.lever, monthlyUsd: item.monthlySavingsUsd, metric: item.metric, reductionFraction: item.reductionFraction } : null;
}

/** One plan across pillars: every group of findings (rule + message) and every migration step, by impact ÷ effort. */
export function improvementPlan(input: AdviceInput, migration: readonly MigrationStep[]): PlanItem[] {
  const titles = new Map((input.rules ?? []).map((r) => [r.id, r.title]));
  const groups = new Map<string, AdviceFinding[]>();
  for (const f of input.findings) {
    const key = `${f.ruleId}\0${f.messageId}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const items: Omit<PlanItem, 'rank'>[] = [];
  for (const fs of groups.values()) {
    const first = fs[0]!;
    const sev = worst(fs);
    const prints = new Set(fs.map((f) => f.fingerprint));
    const lever = input.cost?.savings.items.find((s) => s.findings.some((f) => prints.has(f.fingerprint)));
    const effort = RULE_EFFORT[first.ruleId] ?? 'M';
    const impact = Math.min(10, SEVERITY_IMPACT[sev] + (lever?.monthlySavingsUsd ? 1 : 0));
    items.push({
      id: `finding:${first.ruleId}/${first.messageId}`,
      pillar: PILLAR_OF_CATEGORY[first.category],
      source: 'finding',
      text: message('plan.finding', { count: fs.length, rule: titles.get(first.ruleId) ?? first.ruleId, severity: sev, message: first.message }),
      impact,
      effort,
      priority: round2(impact / EFFORT_COST[effort]),
      findings: fs.map((f) => f.fingerprint),
      where: fs.map((f) => ({ file: f.file, line: f.line, column: 1 })),
      savings: lever ? { lever: lever.lever, monthlyUsd: lever.monthlySavingsUsd, metric: lever.metric, reductionFraction: lever.reductionFraction } : null,
    });
  }
  const covered = new Set(input.findings.map((f) => f.fingerprint));
  for (const s of migration) {
    const prints = s.evidence.filter((e) => e.kind === 'finding').map((e) => e.ref);
    // A step that only restates findings already in the plan would count them twice.
    if (prints.length > 0 && prints.every((p) => covered.has(p))) continue;
    const impact = Math.min(10, RISK_IMPACT[s.risk] + (s.benefit.kind === 'saving' ? 2 : 0));
    items.push({
      id: `migration:${s.id}`,
      pillar: STEP_PILLAR[s.id] ?? 'reliability',
      source: 'migration',
      text: s.text,
      impact,
      effort: s.effort,
      priority: round2(impact / EFFORT_COST[s.effort]),
      findings: prints,
      where: s.where,
      savings: stepSaving(input, s),
    });
  }
  return items
    .sort((a, b) => b.priority - a.priority || b.impact - a.impact || a.id.localeCompare(b.id))
    .map((item, i) => ({ rank: i + 1, ...item }));
}
