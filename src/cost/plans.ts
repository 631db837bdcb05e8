import { UserError } from '../errors.js';
import { PUSHER_PLANS, type PlanEntry } from './catalogue.js';
import type { PlanFit } from './fit.js';
import type { PlanRef, ReportPlanFit } from './report.js';
import { fmt, money, qty, ratio } from './round.js';
import type { UsageWarning } from './usage.js';

/** The plan catalogue as the report sees it: merged with the user's plans, looked up, and explained. */

export function mergePlans(overrides: readonly PlanEntry[]): PlanEntry[] {
  const byId = new Map(PUSHER_PLANS.map((p) => [p.id, p]));
  for (const p of overrides) byId.set(p.id, p);
  return [...byId.values()].sort(
    (a, b) => (a.monthlyUsd ?? Infinity) - (b.monthlyUsd ?? Infinity) || (a.maxConnections ?? Infinity) - (b.maxConnections ?? Infinity) || a.id.localeCompare(b.id),
  );
}

export function findPlan(plans: readonly PlanEntry[], wanted: string): PlanEntry {
  const key = wanted.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const plan = plans.find((p) => p.id === key || p.name.toLowerCase() === wanted.trim().toLowerCase());
  if (!plan) throw new UserError(`unknown plan "${wanted}"; known plans: ${plans.map((p) => p.id).join(', ')}`);
  return plan;
}

export function planRef(p: PlanEntry): PlanRef {
  return {
    id: p.id,
    name: p.name,
    monthlyUsd: p.monthlyUsd === null ? null : money(p.monthlyUsd),
    maxConnections: p.maxConnections,
    messagesPerDay: p.messagesPerDay,
    confirmed: p.confirmed,
    evidence: p.evidence,
  };
}

export function reportFit(p: PlanEntry, f: PlanFit): ReportPlanFit {
  const m = (x: PlanFit['connections']) => ({ value: qty(x.value), limit: x.limit, used: x.used === null ? null : ratio(x.used), status: x.status });
  return { plan: planRef(p), connections: m(f.connections), messagesPerDay: m(f.messagesPerDay), status: f.status };
}

/** Says so, once per plan, when a plan the report names has a price and limits Pusher's own page does not confirm. */
export function planEvidenceWarnings(named: ReadonlyArray<PlanEntry | null>, warnings: UsageWarning[]): void {
  for (const p of named) {
    if (p && !p.confirmed && p.confidence !== 'user' && !warnings.some((w) => w.message.includes(`"${p.name}"`))) {
      warnings.push(
        p.evidence === 'corroborated'
          ? {
              code: 'corroborated-plan',
              message: `plan "${p.name}": price and limits are corroborated by independent transcriptions of Pusher's pricing page (newest ${p.asOf}), not taken from Pusher's own page; check them there or pass your own with --plans`,
            }
          : {
              code: 'unconfirmed-plan',
              message: `plan "${p.name}": price and limits are not confirmed (a generated dataset, and no independent source agrees); check them on Pusher's pricing page or pass your own with --plans`,
            },
      );
    }
  }
}

export function recommendationReason(
  p: PlanEntry | null,
  required: { connections: number; messagesPerDay: number },
  horizon: number,
  headroomPct: number,
  censoredOn: PlanEntry | null,
): string {
  const load = `${fmt(required.connections)} concurrent connections and ${fmt(required.messagesPerDay)} messages a day (the ${horizon}-day forecast) plus ${headroomPct} % headroom`;
  const censored = censoredOn
    ? ` Usage is at ${censoredOn.name}'s hard limit, so requests were refused and demand is higher than observed: the forecast is a lower bound.`
    : '';
  if (!p) return `No plan with a published price holds ${load}; Enterprise pricing is custom: contact Pusher sales.${censored}`;
  const caveat = p.confirmed || p.confidence === 'user'
    ? ''
    : p.evidence === 'corroborated'
      ? ` Its price and limits are corroborated by independent transcriptions of Pusher's pricing page (newest ${p.asOf}), not from Pusher's own page; check them before buying.`
      : ' Its price and limits are not confirmed (a generated dataset, and no independent source agrees); check them before buying.';
  return `${p.name} is the cheapest plan that holds ${load}.${caveat}${censored}`;
}

export function catalogueNote(plans: readonly PlanEntry[]): string {
  const priced = plans.filter((p) => p.monthlyUsd !== null);
  const named = (e: PlanEntry['evidence']): string[] => priced.filter((p) => p.evidence === e && (e === 'confirmed' || p.confidence !== 'user')).map((p) => p.name);
  const corroborated = named('corroborated');
  const unconfirmed = [...named('not-confirmed'), ...priced.filter((p) => p.evidence === 'not-confirmed' && p.confidence === 'user').map((p) => `${p.name} (plans file)`)];
  return (
    `Confirmed plans: ${named('confirmed').join(', ') || 'none'}. ` +
    (corroborated.length > 0
      ? `Corroborated, not from Pusher's own page (independent dated transcriptions of its pricing page, 2026-04 to 2026-09, agree with the ladder): ${corroborated.join(', ')}. `
      : '') +
    (unconfirmed.length > 0 ? `Not confirmed: ${unconfirmed.join(', ')}. ` : '') +
    'Enterprise is custom-priced (contact sales) and never recommended as a priced plan.'
  );
}
