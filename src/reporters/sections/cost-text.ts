import pc from 'picocolors';
import { formatCount as n, formatFraction as pctOf, formatUsd as usd, trustLabel } from '../format.js';
import type { CostReport, PlanChoice, PlanRef, ReportPlanFit } from '../../cost/report.js';

export interface RenderTextOptions {
  /** ANSI colours; off unless asked for, so output piped or saved stays plain. */
  color?: boolean;
  /** Include the per-day table. */
  daily?: boolean;
}


/** Renders a cost report for the terminal. Pure: returns the text, never prints. */
export function renderCostText(report: CostReport, options: RenderTextOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const status = (s: ReportPlanFit['status']): string =>
    s === 'ok'
      ? c.green('ok')
      : s === 'warning'
        ? c.yellow('warning (≥ 80 %)')
        : s === 'over-plan'
          ? c.yellow('over plan (accepted up to the 120 % cap)')
          : s === 'at-limit'
            ? c.red('at the limit: requests were refused, demand is higher than observed')
            : c.red('refused');
  const planLabel = (p: PlanRef): string =>
    `${p.name} (${usd(p.monthlyUsd)}/month, ${p.maxConnections === null ? 'custom' : n(p.maxConnections)} connections, ${p.messagesPerDay === null ? 'custom' : n(p.messagesPerDay)} messages/day)${p.confirmed ? '' : c.yellow(trustLabel(p) === 'corroborated' ? ' [corroborated, not from Pusher\'s page]' : ' [not confirmed]')}`;
  const choiceLabel = (ch: PlanChoice): string => (ch.plan ? `${ch.plan.name} ${usd(ch.monthlyUsd)}/month` : 'Enterprise (contact sales)');
  const out: string[] = [];
  const h = (title: string): void => {
    out.push('', c.bold(title));
  };

  out.push(c.bold(`Pusher cost report: ${report.input.file ?? `profile ${report.input.profile}`} (${report.input.kind})`));
  const w = report.window;
  if (w) {
    out.push(`Window ${w.start} to ${w.end}: ${w.days} UTC days (${w.completeDays} complete), ${n(w.samples)} samples every ${w.intervalSeconds} s${w.gaps.count > 0 ? `, ${w.gaps.count} gap(s)` : ''}`);
  } else if (report.input.profile) {
    out.push(`Usage assumed from the "${report.input.profile}" profile${report.input.file ? ' with overrides' : ''}; messages derived with Pusher's counting rules.`);
  }

  const s = report.summary;
  h('Usage');
  const row = (label: string, d: CostReport['summary']['connections']): string =>
    `  ${label.padEnd(24)} max ${n(d.max)}${d.p99 === null ? '' : `   p99 ${n(d.p99)}   p95 ${n(d.p95 ?? 0)}`}${d.mean === null ? '' : `   mean ${n(d.mean)}`}`;
  out.push(row('Concurrent connections', s.connections));
  if (w) out.push(row('Daily peak connections', s.dailyPeakConnections));
  out.push(`${row('Messages per day', s.dailyMessages)}   (about ${n(s.monthlyMessages)} a month)`);
  const parts = Object.entries(s.breakdown);
  if (parts.length > 0) {
    const sum = s.messagesTotal;
    out.push(`  Messages by kind         ${parts.map(([k, v]) => `${k} ${sum > 0 ? pctOf(v / sum) : '–'}`).join(' · ')}`);
  }
  if (s.avgMessageSizeBytes !== null) out.push(`  Average message size     ${n(s.avgMessageSizeBytes)} bytes`);

  if (report.currentPlan) {
    const cp = report.currentPlan;
    h(`Current plan: ${planLabel(cp.now.plan)}`);
    const fitRow = (label: string, f: ReportPlanFit): string =>
      `  ${label.padEnd(12)} connections ${n(f.connections.value)} (${pctOf(f.connections.used)}) ${status(f.connections.status)}; messages/day ${n(f.messagesPerDay.value)} (${pctOf(f.messagesPerDay.used)}) ${status(f.messagesPerDay.status)}`;
    out.push(fitRow('now', cp.now), fitRow(`in ${report.forecast.horizonDays} days`, cp.atHorizon));
  }

  h(`Forecast (${report.forecast.horizonDays} days${report.forecast.lastObservedDate ? ` after ${report.forecast.lastObservedDate}` : ''})`);
  for (const [label, t] of [['Peak connections', report.forecast.connections], ['Messages per day', report.forecast.messagesPerDay]] as const) {
    if (!t) {
      out.push(`  ${label.padEnd(24)} no forecast (not enough complete days)`);
      continue;
    }
    const fit = t.model === 'assumed-growth' ? 'assumed growth' : `${t.model}, R² ${t.rSquared ?? '–'}, ${t.points} days`;
    out.push(`  ${label.padEnd(24)} ${n(t.current)} → ${n(t.atHorizon)}  (${fit}; ${t.monthlyGrowth === null ? '–' : `${t.monthlyGrowth >= 0 ? '+' : ''}${pctOf(t.monthlyGrowth)}`} a month)`);
    if (t.decisions) for (const why of explainDecisions(t.decisions)) out.push(`    ${c.dim(why)}`);
  }

  if (report.limits.length > 0) {
    h('When limits are reached');
    for (const l of report.limits) {
      const when = l.days === null ? 'not on the current trend' : l.days === 0 ? c.red(`${l.atLimit ? 'at the limit' : 'already reached'}${l.date ? ` on ${l.date}` : ''}`) : `in ${Math.ceil(l.days)} days${l.date ? ` (${l.date})` : ''}`;
      out.push(`  ${`${l.planId} (${l.role})`.padEnd(26)} ${`${l.metric === 'connections' ? 'connections' : 'messages/day'} ${l.threshold} ${n(l.level)}`.padEnd(36)} ${when}`);
    }
  }

  const r = report.recommendation;
  h(`Recommendation: ${r.choice.plan ? planLabel(r.choice.plan) : c.yellow('Enterprise: contact Pusher sales')}`);
  out.push(`  ${r.reason}`);

  if (report.savings.items.length > 0) {
    h('Savings from fixing findings');
    for (const it of report.savings.items) {
      const what = it.quantified
        ? `-${pctOf(it.reductionFraction)} ${it.metric === 'connections' ? 'connections' : 'messages/day'} (up to -${pctOf(it.upperBoundFraction)})`
        : 'not quantified';
      const saved = it.monthlySavingsUsd === null ? '' : it.monthlySavingsUsd > 0 ? c.green(`, saves ${usd(it.monthlySavingsUsd)}/month`) : ', same plan';
      out.push(`  ${c.bold(it.lever)}: ${what} → ${choiceLabel(it.resulting)}${saved}`);
      for (const f of it.findings) out.push(`    ${f.ruleId} ${f.file}:${f.line} (${f.fingerprint})`);
      out.push(`    ${c.dim(it.assumption)}`);
    }
    const cb = report.savings.combined;
    if (cb) {
      out.push(`  All together: -${pctOf(cb.connectionsFraction)} connections, -${pctOf(cb.messagesFraction)} messages/day → ${choiceLabel(cb.resulting)}${cb.monthlySavingsUsd ? `, saves ${usd(cb.monthlySavingsUsd)}/month` : ''}`);
    }
  }

  h('The same load elsewhere (a month)');
  const wl = report.alternatives.workload;
  out.push(`  ${n(wl.peakConnections)} peak connections, ${n(wl.meanConnections)} on average, ${n(wl.monthlyMessages)} messages a month`);
  out.push(`  ${'Pusher'.padEnd(28)} ${usd(r.choice.monthlyUsd).padStart(12)}  ${r.choice.plan?.name ?? 'Enterprise'}${r.choice.plan && trustLabel(r.choice.plan) ? ` (${trustLabel(r.choice.plan)})` : ''}`);
  for (const a of report.alternatives.items) {
    out.push(`  ${a.name.padEnd(28)} ${usd(a.monthlyUsd).padStart(12)}  ${a.package ?? ''}${a.confirmed ? '' : ` (not confirmed, source ${a.confidence})`}`);
    for (const as of a.assumptions) out.push(`    ${c.dim(`- ${as}`)}`);
  }

  if (options.daily && report.daily.length > 0) {
    h('Per UTC day');
    for (const d of report.daily) out.push(`  ${d.date}  ${n(d.peakConnections).padStart(10)} peak  ${n(d.messages).padStart(14)} messages${d.complete ? '' : '  (partial)'}`);
  }

  h('Plans');
  out.push(`  ${report.catalogue.note}`);
  h('Assumptions');
  for (const a of report.assumptions) out.push(`  - ${a.text}${a.confidence ? ` [${a.confidence}]` : ''}`);
  if (report.warnings.length > 0) {
    h('Warnings');
    for (const wn of report.warnings) out.push(`  ${c.yellow('!')} ${wn.message}`);
  }
  return `${out.join('\n')}\n`;
}

type Decisions = NonNullable<NonNullable<CostReport['forecast']['connections']>['decisions']>;

/** What the robust forecast did, one sentence each (the text, HTML and Markdown reports say the same). */
export function explainDecisions(d: Decisions): string[] {
  const out: string[] = [];
  if (d.outliers.length > 0) {
    const days = d.outliers.map((o) => `${o.date} (${n(o.value)}, about ${n(o.level)} around it)`).join(', ');
    out.push(`${d.outliers.length === 1 ? 'one outlier day' : `${d.outliers.length} outlier days`} ${days} ignored: far above the days around ${d.outliers.length === 1 ? 'it' : 'them'} (median absolute deviation).`);
  }
  if (d.levelShift) out.push(`level shift on ${d.levelShift.date} (${n(d.levelShift.from)} → ${n(d.levelShift.to)}): a new level, not growth; the trend is fitted from that day on.`);
  if (d.flat === 'slope-not-significant') out.push('no significant trend (the slope is within the noise): shown flat at its level.');
  if (d.flat === 'low-r-squared') out.push('a trend explains too little of the data (low R²): shown flat at its level.');
  if (d.flat === 'constant') out.push('constant: shown flat.');
  if (d.logLinearRejected === 'r-squared-margin') out.push('exponential not kept: it does not fit clearly better than a straight line.');
  if (d.logLinearRejected === 'implausible-rate') out.push('exponential not kept: it would double faster than once a week.');
  if (d.weekly) {
    out.push(`weekly cycle taken out (quietest weekday at ${pctOf(d.weekly.quietest / d.weekly.busiest)} of the busiest); the forecast is for the busiest weekday.`);
  }
  return out;
}
