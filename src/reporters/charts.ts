import { scaleLinear, scaleUtc } from 'd3-scale';
import { area, line } from 'd3-shape';
import { quantile } from 'simple-statistics';
import { WARNING_SHARE } from '../pusher/billing.js';
import type { ScanReport } from '../report/schema.js';

/**
 * Usage charts for the HTML report: geometry only. d3-scale maps values to pixels and picks the
 * ticks, d3-shape writes the SVG paths; the template draws them. Nothing here formats prose.
 */

type Cost = NonNullable<ScanReport['cost']>;
type Trend = NonNullable<Cost['forecast']['connections']>;

export interface ChartLine {
  y: number;
  kind: 'limit' | 'warning' | 'hard-cap';
  label: string;
}

export interface ChartView {
  id: string;
  title: string;
  /** For the text alternative: the last observed value, the forecast at the horizon, the plan limit. */
  lastValue: number;
  forecastValue: number | null;
  limitValue: number | null;
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  observed: string;
  forecast: string | null;
  band: string | null;
  /** x of the last observed day: where the forecast starts. */
  nowX: number;
  lines: ChartLine[];
  planName: string | null;
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 132, bottom: 28, left: 56 };
const DAY_MS = 86_400_000;
/** Days between forecast points: smooth enough for an exponential, small enough for the file. */
const FORECAST_STEP_DAYS = 3;

const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * The trend the cost model reported, between the last observed day and the horizon: a straight line,
 * or an exponential through the same two values. Points before the last day (negative `t`) follow the
 * same curve backwards, to measure how observed days sat around it.
 */
function trendAt(t: Trend, horizonDays: number, dayOffset: number): number {
  if (t.model === 'linear' || t.current <= 0 || t.atHorizon <= 0) return t.current + ((t.atHorizon - t.current) * dayOffset) / horizonDays;
  return t.current * (t.atHorizon / t.current) ** (dayOffset / horizonDays);
}

export function usageChart(
  cost: Cost,
  metric: 'connections' | 'messagesPerDay',
  title: string,
  plan: { name: string; limit: number | null; hardCap: number | null } | null,
): ChartView | null {
  const days = cost.daily.filter((d) => d.complete);
  if (days.length < 2) return null;
  const value = (d: Cost['daily'][number]): number => (metric === 'connections' ? d.peakConnections : d.messages);
  const trend = metric === 'connections' ? cost.forecast.connections : cost.forecast.messagesPerDay;
  const horizon = cost.forecast.horizonDays;
  const lastDay = dayMs(days[days.length - 1]!.date);
  const end = trend ? lastDay + horizon * DAY_MS : lastDay;

  const forecastPoints: Array<[number, number]> = [];
  let band: Array<[number, number, number]> = [];
  if (trend) {
    for (let d = 0; d <= horizon; d += FORECAST_STEP_DAYS) forecastPoints.push([lastDay + d * DAY_MS, trendAt(trend, horizon, d)]);
    if (forecastPoints[forecastPoints.length - 1]![0] !== end) forecastPoints.push([end, trend.atHorizon]);
    // The band is where 90 % of the observed days sat around the trend, carried forward.
    const residuals = days.map((d) => value(d) - trendAt(trend, horizon, (dayMs(d.date) - lastDay) / DAY_MS));
    const low = quantile(residuals, 0.05);
    const high = Math.max(0, quantile(residuals, 0.95));
    band = forecastPoints.map(([x, y]) => [x, Math.max(0, y + low), y + high]);
  }

  const lines: Array<{ value: number; kind: ChartLine['kind'] }> = [];
  if (plan?.limit != null) {
    lines.push({ value: plan.limit * WARNING_SHARE, kind: 'warning' }, { value: plan.limit, kind: 'limit' });
    if (plan.hardCap != null && plan.hardCap > plan.limit) lines.push({ value: plan.hardCap, kind: 'hard-cap' });
  }
  const highest = Math.max(...days.map(value), ...forecastPoints.map(([, y]) => y), ...band.map(([, , hi]) => hi), ...lines.map((l) => l.value));

  const x = scaleUtc().domain([dayMs(days[0]!.date), end]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear().domain([0, highest > 0 ? highest : 1]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const xFormat = x.tickFormat(6, '%b %-d');
  const yFormat = y.tickFormat(5, '~s');
  const path = line<[number, number]>().x(([t]) => x(t)).y(([, v]) => y(v));
  const round = (v: number): number => Math.round(v * 10) / 10;
  const label = (kind: ChartLine['kind']): string => (kind === 'warning' ? `${Math.round(WARNING_SHARE * 100)} % warning` : kind === 'limit' ? 'plan limit' : 'hard cap');

  return {
    id: `chart-${metric}`,
    title,
    lastValue: value(days[days.length - 1]!),
    forecastValue: trend ? trend.atHorizon : null,
    limitValue: plan?.limit ?? null,
    width: WIDTH,
    height: HEIGHT,
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: HEIGHT - MARGIN.bottom,
    xTicks: x.ticks(6).map((t) => ({ x: round(x(t)), label: xFormat(t) })),
    yTicks: y.ticks(5).map((v) => ({ y: round(y(v)), label: yFormat(v) })),
    observed: path.digits(1)(days.map((d) => [dayMs(d.date), value(d)])) ?? '',
    forecast: trend ? (path.digits(1)(forecastPoints) ?? null) : null,
    band: trend
      ? (area<[number, number, number]>()
          .x(([t]) => x(t))
          .y0(([, lo]) => y(lo))
          .y1(([, , hi]) => y(hi))
          .digits(1)(band) ?? null)
      : null,
    nowX: round(x(lastDay)),
    lines: lines.map((l) => ({ y: round(y(l.value)), kind: l.kind, label: `${label(l.kind)} ${yFormat(l.value)}` })),
    planName: plan?.name ?? null,
  };
}
