import { linearRegression, median, medianAbsoluteDeviation, probit, quantile, rSquared, sampleCorrelation } from 'simple-statistics';

/**
 * Growth trend of a daily series (peak connections or messages), made to survive real usage:
 * one-off spike days are set aside, a step to a new level is fitted from the step on, an
 * exponential is kept only when it clearly fits better at a plausible rate, and a slope the data
 * cannot tell from noise is shown flat. The kept trend is lifted by the 95th percentile of its
 * residuals, so it follows the busy days of a weekly cycle rather than the average day.
 */
export type TrendModel = 'linear' | 'log-linear' | 'flat' | 'assumed-growth';

export interface Trend {
  model: TrendModel;
  /** Linear and flat: value at x = 0 and change per day (0 when flat). Log-linear: ln value at x = 0 and ln change per day. */
  intercept: number;
  slope: number;
  /** Added (linear, flat) or multiplied (log-linear) on top of the line so it tracks peaks. */
  allowance: number;
  rSquared: number | null;
  points: number;
}

export const MIN_FORECAST_DAYS = 3;
/** A day is an outlier when it sits this many robust standard deviations above the days around it… */
const OUTLIER_Z = 5;
/** …and at least this much above them, so ordinary noise on a very smooth series is never one. */
const OUTLIER_MIN_RISE = 0.25;
/** More candidates than this share of the days is a pattern (e.g. a busy weekday), not outliers. */
const OUTLIER_MAX_SHARE = 0.05;
/** A weekly cycle is taken out only when its quietest weekday is below this share of the busiest. */
const MIN_WEEKLY_DIP = 0.85;
/** MAD × 1.4826 estimates the standard deviation of normal noise. */
const MAD_TO_SD = 1.4826;
/** An exponential must leave at most this share of the straight line's unexplained variance… */
const LOG_VARIANCE_SHARE = 0.5;
/** …win by at least this much R²… */
const LOG_R2_MARGIN = 0.002;
/** …and not double faster than once a week: faster growth is not sustained for months. */
const MAX_LOG_SLOPE = Math.LN2 / 7;
/** Below this R² a trend explains too little of the data to extrapolate. */
const MIN_R2 = 0.25;
/** Two-sided significance of the slope. */
const SLOPE_ALPHA = 0.05;
/** A level shift must cut the single fit's squared error to this share… */
const SHIFT_SSE_SHARE = 0.2;
/** …from a single fit whose typical error is above this share of the level (a clean fit needs no shift). */
const SHIFT_MIN_RMS_SHARE = 0.01;
/** Each side of a level shift needs this many days. */
const SHIFT_MIN_SIDE = 5;

export type Point = readonly [number, number];

export interface DailyValue {
  /** Day number on the trend's axis. */
  x: number;
  y: number;
  date: string;
}

export interface OutlierDay {
  date: string;
  value: number;
  /** The median of the days around it. */
  level: number;
}

/** What the robust fit did, and why: reports turn this into sentences. */
export interface TrendDecisions {
  outliers: OutlierDay[];
  /** The weekly cycle taken out before fitting: the busiest and quietest weekday's factor on the level around them. */
  weekly: { busiest: number; quietest: number } | null;
  levelShift: { date: string; from: number; to: number } | null;
  /** Why the trend is flat, when it is. */
  flat: 'constant' | 'slope-not-significant' | 'low-r-squared' | null;
  /** Why an exponential that fitted better was not kept. */
  logLinearRejected: 'r-squared-margin' | 'implausible-rate' | null;
  /** First day the kept trend is fitted to. */
  fittedFrom: string;
}

export interface RobustFit {
  trend: Trend;
  decisions: TrendDecisions;
}

/**
 * The forecast of a daily series: outliers out, the weekly cycle out from 7 days on, a level
 * shift detected, then `chooseTrend` on the days since the shift, forecast for the busiest weekday.
 */
export function fitDaily(days: readonly DailyValue[]): RobustFit | null {
  if (days.length < MIN_FORECAST_DAYS) return null;
  const levels = localLevels(days);
  const outliers = findOutliers(days, levels);
  const outlierDates = new Set(outliers.map((o) => o.date));
  const keptIdx = days.map((_, i) => i).filter((i) => !outlierDates.has(days[i]!.date));
  const kept = keptIdx.map((i) => days[i]!);
  if (kept.length < MIN_FORECAST_DAYS) return null;
  const cycle = days.length >= 7 ? weekdayFactors(kept, keptIdx.map((i) => levels[i]!)) : null;
  // A spread of weekday factors this small is noise: dividing it out would fit the noise.
  const weekly = cycle && cycle.quietest < MIN_WEEKLY_DIP * cycle.busiest ? cycle : null;
  const series = weekly ? kept.map((d) => ({ ...d, y: d.y / weekly.factor(d.x) })) : kept;

  const shift = findLevelShift(series);
  const window = shift ? series.slice(shift.index) : series;
  const fit = chooseTrend(window.map((d) => [d.x, d.y] as const));
  return {
    trend: weekly ? scaleTrend(fit.trend, weekly.busiest) : fit.trend,
    decisions: {
      outliers,
      weekly: weekly && { busiest: weekly.busiest, quietest: weekly.quietest },
      levelShift: shift ? { date: series[shift.index]!.date, from: shift.from, to: shift.to } : null,
      flat: fit.flat,
      logLinearRejected: fit.logLinearRejected,
      fittedFrom: window[0]!.date,
    },
  };
}

/** The median of the 7 days centred on each day (fewer at the ends): the level around it. */
function localLevels(days: readonly DailyValue[]): number[] {
  return days.map((_, i) => median(days.slice(Math.max(0, i - 3), i + 4).map((d) => d.y)));
}

/**
 * The weekly cycle (quiet weekends): each weekday's median ratio to the level around it. The
 * trend is fitted to the values divided by their weekday's factor, and forecast for the busiest
 * weekday, so quiet days neither tilt the slope nor hide the peaks that hit limits first.
 */
function weekdayFactors(days: readonly DailyValue[], levels: readonly number[]): { factor(x: number): number; busiest: number; quietest: number } {
  const weekday = (x: number): number => ((Math.round(x) % 7) + 7) % 7;
  const ratios: number[][] = Array.from({ length: 7 }, () => []);
  days.forEach((d, i) => {
    const level = levels[i]!;
    ratios[weekday(d.x)]!.push(level > 0 && d.y > 0 ? d.y / level : 1);
  });
  const factors = ratios.map((r) => (r.length > 0 ? median(r) : 1));
  const seen = factors.filter((_, w) => ratios[w]!.length > 0);
  return { factor: (x) => factors[weekday(x)]!, busiest: Math.max(...seen), quietest: Math.min(...seen) };
}

/** The trend of values × k (forecasting the busiest weekday from weekday-adjusted values). */
function scaleTrend(t: Trend, k: number): Trend {
  if (t.model === 'log-linear') return { ...t, intercept: t.intercept + Math.log(k) };
  return { ...t, intercept: t.intercept * k, slope: t.slope * k, allowance: t.allowance * k };
}

/** The trend of clean points (no outlier or level-shift handling): see `chooseTrend`. */
export function fitTrend(points: readonly Point[]): Trend | null {
  if (points.length < MIN_FORECAST_DAYS) return null;
  return chooseTrend(points).trend;
}

/**
 * A straight line, unless an exponential fits clearly better at a plausible rate; flat at the
 * data's level when the slope is not significant or R² is low. Ties go to the straight line: it is
 * the more cautious of the two far from the data.
 */
function chooseTrend(points: readonly Point[]): { trend: Trend; flat: TrendDecisions['flat']; logLinearRejected: TrendDecisions['logLinearRejected'] } {
  const data = points.map(([x, y]) => [x, y]);
  const lin = linearRegression(data);
  const linLine = (x: number): number => lin.m * x + lin.b;
  const linR2 = safeR2(data, linLine);
  const flatTrend = (reason: NonNullable<TrendDecisions['flat']>) => {
    const level = median(points.map(([, y]) => y));
    return {
      trend: { model: 'flat' as const, intercept: level, slope: 0, allowance: upperResidual(points.map(([, y]) => y - level)), rSquared: linR2, points: points.length },
      flat: reason,
      logLinearRejected: null,
    };
  };
  if (linR2 === null) return flatTrend('constant');
  if (!slopeSignificant(points)) return flatTrend('slope-not-significant');
  if (linR2 < MIN_R2) return flatTrend('low-r-squared');

  const linear: Trend = {
    model: 'linear',
    intercept: lin.b,
    slope: lin.m,
    allowance: upperResidual(points.map(([x, y]) => y - linLine(x))),
    rSquared: linR2,
    points: points.length,
  };
  if (points.some(([, y]) => y <= 0)) return { trend: linear, flat: null, logLinearRejected: null };

  const lg = linearRegression(points.map(([x, y]) => [x, Math.log(y)]));
  const logR2 = safeR2(data, (x) => Math.exp(lg.m * x + lg.b));
  if (logR2 === null || logR2 <= linR2) return { trend: linear, flat: null, logLinearRejected: null };
  const clearMargin = logR2 >= linR2 + LOG_R2_MARGIN && 1 - logR2 <= LOG_VARIANCE_SHARE * (1 - linR2);
  if (!clearMargin) return { trend: linear, flat: null, logLinearRejected: 'r-squared-margin' };
  if (lg.m > MAX_LOG_SLOPE) return { trend: linear, flat: null, logLinearRejected: 'implausible-rate' };
  return {
    trend: {
      model: 'log-linear',
      intercept: lg.b,
      slope: lg.m,
      allowance: Math.exp(upperResidual(points.map(([x, y]) => Math.log(y) - (lg.m * x + lg.b)))),
      rSquared: logR2,
      points: points.length,
    },
    flat: null,
    logLinearRejected: null,
  };
}

/**
 * Whether the straight line's slope differs from zero at `SLOPE_ALPHA`: t = r √((n−2)/(1−r²)),
 * against Student's t critical value (Cornish-Fisher expansion of the normal quantile, within 1 %
 * from 3 degrees of freedom on; a perfect fit is always significant).
 */
function slopeSignificant(points: readonly Point[]): boolean {
  const df = points.length - 2;
  if (df < 1) return false;
  const r = sampleCorrelation(points.map(([x]) => x), points.map(([, y]) => y));
  if (!Number.isFinite(r)) return false;
  if (Math.abs(r) >= 1 - 1e-12) return true;
  const t = Math.abs(r) * Math.sqrt(df / (1 - r * r));
  const z = probit(1 - SLOPE_ALPHA / 2);
  const critical = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
  return t > critical;
}

/**
 * Days far above the days around them (a launch, a load test, an incident): residuals from the
 * median of the 7 days centred on each, scaled by their median absolute deviation. When more days
 * qualify than a one-off would explain, they are a pattern and none is set aside.
 */
function findOutliers(days: readonly DailyValue[], levels: readonly number[]): OutlierDay[] {
  if (days.length < 7) return [];
  const residuals = days.map((d, i) => d.y - levels[i]!);
  const typical = Math.abs(median(levels));
  const spread = Math.max(MAD_TO_SD * medianAbsoluteDeviation(residuals), 0.02 * typical);
  const candidates = days
    .map((d, i) => ({ date: d.date, value: d.y, level: levels[i]! }))
    .filter((c) => c.value - c.level > OUTLIER_Z * spread && c.value - c.level > OUTLIER_MIN_RISE * Math.abs(c.level));
  return candidates.length <= Math.max(1, Math.floor(OUTLIER_MAX_SHARE * days.length)) ? candidates : [];
}

/**
 * A step to a new level: the split into two straight lines that fits best, kept only when it fits
 * much better than any single trend, so a step is read as a new level and not as growth.
 */
function findLevelShift(series: readonly DailyValue[]): { index: number; from: number; to: number } | null {
  const n = series.length;
  if (n < 2 * SHIFT_MIN_SIDE) return null;
  const pts = series.map((d) => [d.x, d.y] as const);
  const single = Math.min(sse(pts), pts.every(([, y]) => y > 0) ? sseLog(pts) : Infinity);
  const level = Math.abs(median(pts.map(([, y]) => y)));
  if (!(Math.sqrt(single / n) > SHIFT_MIN_RMS_SHARE * level)) return null;
  let best: { index: number; error: number } | null = null;
  for (let k = SHIFT_MIN_SIDE; k <= n - SHIFT_MIN_SIDE; k++) {
    const error = sse(pts.slice(0, k)) + sse(pts.slice(k));
    if (!best || error < best.error) best = { index: k, error };
  }
  if (!best || best.error > SHIFT_SSE_SHARE * single) return null;
  const x = pts[best.index]![0];
  const at = (part: readonly Point[]): number => {
    const l = linearRegression(part.map(([px, py]) => [px, py]));
    return l.m * x + l.b;
  };
  return { index: best.index, from: at(pts.slice(0, best.index)), to: at(pts.slice(best.index)) };
}

function sse(points: readonly Point[]): number {
  const l = linearRegression(points.map(([x, y]) => [x, y]));
  return points.reduce((s, [x, y]) => s + (y - (l.m * x + l.b)) ** 2, 0);
}

function sseLog(points: readonly Point[]): number {
  const l = linearRegression(points.map(([x, y]) => [x, Math.log(y)]));
  return points.reduce((s, [x, y]) => s + (y - Math.exp(l.m * x + l.b)) ** 2, 0);
}

/** Compound monthly growth from a usage-assumptions file, as an exponential trend. */
export function assumedGrowthTrend(valueAtZero: number, monthlyGrowthPct: number, daysPerMonth: number): Trend {
  return {
    model: 'assumed-growth',
    intercept: Math.log(Math.max(valueAtZero, Number.MIN_VALUE)),
    slope: Math.log(1 + monthlyGrowthPct / 100) / daysPerMonth,
    allowance: 1,
    rSquared: null,
    points: 0,
  };
}

/** Forecasts are capped so a wild exponential fit stays a finite (and JSON-safe) number. */
export const MAX_FORECAST = 1e18;

const additive = (t: Trend): boolean => t.model === 'linear' || t.model === 'flat';

export function predict(t: Trend, x: number): number {
  const v = additive(t) ? Math.max(0, t.slope * x + t.intercept + t.allowance) : Math.exp(t.slope * x + t.intercept) * t.allowance;
  return Number.isFinite(v) ? Math.min(v, MAX_FORECAST) : MAX_FORECAST;
}

/** The first x at which the trend reaches `level`, or null if it never does (flat or falling). */
export function crossing(t: Trend, level: number): number | null {
  if (t.slope <= 0 || !(level > 0)) return null;
  if (additive(t)) return (level - t.intercept - t.allowance) / t.slope;
  return (Math.log(level / t.allowance) - t.intercept) / t.slope;
}

/** Growth over 30 days as a fraction of the value at `x`, for reports. */
export function monthlyGrowth(t: Trend, x: number, daysPerMonth: number): number | null {
  const now = predict(t, x);
  if (!(now > 0)) return null;
  return predict(t, x + daysPerMonth) / now - 1;
}

function upperResidual(residuals: number[]): number {
  return Math.max(0, quantile(residuals, 0.95));
}

function safeR2(data: number[][], f: (x: number) => number): number | null {
  const r = rSquared(data, f);
  // A flat series has no variance to explain; R² is undefined rather than perfect.
  return Number.isFinite(r) ? r : null;
}
