import type { PlanEntry } from './catalogue.js';
import { crossing } from './forecast.js';
import { WARNING_SHARE } from '../pusher/billing.js';
import { MESSAGE_HARD_CAP, reaches } from './fit.js';
import { DAY_MS, type Observed } from './observe.js';
import type { LimitEta } from './report.js';
import { fmt, qty } from './round.js';
import type { UsageWarning } from './usage.js';

/**
 * When each threshold is (or was) reached. Reached already: 0 days, dated the first observed day at
 * or above it. `hard` marks the level past which Pusher refuses (the 120 % cap of a paid plan's
 * connections, Sandbox's connection limit, every message limit); observed usage at it is censored.
 */
export function limitEtas(plan: PlanEntry, role: LimitEta['role'], obs: Observed): LimitEta[] {
  const out: LimitEta[] = [];
  const add = (metric: LimitEta['metric'], threshold: LimitEta['threshold'], level: number, hard: boolean): void => {
    const observed = metric === 'connections' ? obs.peakConnections : obs.maxDailyMessages;
    const t = metric === 'connections' ? obs.connTrend : obs.msgTrend;
    const reached = reaches(observed, level);
    let days: number | null;
    let date: string | null = null;
    if (reached) {
      days = 0;
      const first = obs.days.find((d) => reaches(metric === 'connections' ? d.peakConnections : d.messages, level));
      date = first?.date ?? obs.lastDate;
    } else {
      const x = t ? crossing(t, level) : null;
      days = x === null ? null : Math.max(0, x - obs.lastX);
      if (days !== null && obs.lastDate !== null) {
        date = new Date(Date.parse(`${obs.lastDate}T00:00:00Z`) + Math.ceil(days) * DAY_MS).toISOString().slice(0, 10);
      }
    }
    out.push({ planId: plan.id, role, metric, threshold, level: qty(level), days: days === null ? null : qty(days), date, hard, atLimit: hard && reached && obs.basis === 'observed' });
  };
  if (plan.maxConnections !== null) {
    const capped = plan.connectionHardCap > 1;
    add('connections', 'warning', plan.maxConnections * WARNING_SHARE, false);
    add('connections', 'limit', plan.maxConnections, !capped);
    if (capped) add('connections', 'hard-cap', plan.maxConnections * plan.connectionHardCap, true);
  }
  if (plan.messagesPerDay !== null) {
    add('messagesPerDay', 'warning', plan.messagesPerDay * WARNING_SHARE, false);
    add('messagesPerDay', 'limit', plan.messagesPerDay * MESSAGE_HARD_CAP, true);
  }
  return out;
}

/** Usage observed at a hard limit is censored: Pusher refused the rest, so every figure derived from it is a lower bound. */
export function atLimitWarnings(file: string | null, atLimit: readonly LimitEta[], plans: readonly PlanEntry[], warnings: UsageWarning[]): void {
  for (const l of atLimit) {
    const p = plans.find((q) => q.id === l.planId)!;
    warnings.push({
      code: 'at-limit',
      message: `${file}: ${l.metric === 'connections' ? 'connections' : 'messages a day'} reached ${p.name}'s ${l.threshold === 'hard-cap' ? 'hard cap' : 'limit'} of ${fmt(l.level)}${l.date ? ` on ${l.date}` : ''}: at the limit: requests were refused, demand is higher than observed; the forecast and the recommended plan are lower bounds`,
    });
  }
}
