import { linearRegression, quantile, rSquared } from 'simple-statistics';

/**
 * Growth trend of a daily series (peak connections or messages): a straight line and an
 * exponential (a straight line through log values) are both fitted, and the one with the higher
 * R² on the original values is kept. The trend is lifted by the 95th percentile of the positive
 * residuals, so it follows the busy days of a weekly cycle rather than the average day.
 */
export type TrendModel = 'linear' | 'log-linear' | 'assumed-growth';

export interface Trend {
  model: TrendModel;
  /** Linear: value at x = 0 and change per day. Log-linear: ln value at x = 0 and ln change per day. */
  intercept: number;
  slope: number;
  /** Added (linear) or multiplied (log-linear) on top of the line so it tracks peaks. */
  allowance: number;
  rSquared: number | null;
  points: number;
}

export const MIN_FORECAST_DAYS = 3;

export function fitTrend(points: ReadonlyArray<readonly [number, number]>): Trend | null {
  if (points.length < MIN_FORECAST_DAYS) return null;
  const data = points.map(([x, y]) => [x, y]);
  const lin = linearRegression(data);
  const linLine = (x: number): number => lin.m * x + lin.b;
  const linear: Trend = {
    model: 'linear',
    intercept: lin.b,
    slope: lin.m,
    allowance: upperResidual(points.map(([x, y]) => y - linLine(x))),
    rSquared: safeR2(data, linLine),
    points: points.length,
  };
  if (points.some(([, y]) => y <= 0)) return linear;

  const lg = linearRegression(points.map(([x, y]) => [x, Math.log(y)]));
  const logLine = (x: number): number => Math.exp(lg.m * x + lg.b);
  const logLinear: Trend = {
    model: 'log-linear',
    intercept: lg.b,
    slope: lg.m,
    allowance: Math.exp(upperResidual(points.map(([x, y]) => Math.log(y) - (lg.m * x + lg.b)))),
    rSquared: safeR2(data, logLine),
    points: points.length,
  };
  // Ties go to the straight line: it is the more cautious of the two far from the data.
  return (logLinear.rSquared ?? -Infinity) > (linear.rSquared ?? -Infinity) + 1e-9 ? logLinear : linear;
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

export function predict(t: Trend, x: number): number {
  const v = t.model === 'linear' ? Math.max(0, t.slope * x + t.intercept + t.allowance) : Math.exp(t.slope * x + t.intercept) * t.allowance;
  return Number.isFinite(v) ? Math.min(v, MAX_FORECAST) : MAX_FORECAST;
}

/** The first x at which the trend reaches `level`, or null if it never does (flat or falling). */
export function crossing(t: Trend, level: number): number | null {
  if (t.slope <= 0 || !(level > 0)) return null;
  if (t.model === 'linear') return (level - t.intercept - t.allowance) / t.slope;
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
