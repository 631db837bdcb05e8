import { formatInteger } from '../core/numbers.js';

/**
 * The one place numbers are rounded for the report, so JSON output is stable across platforms
 * and row orders (floating sums differ in the last bits when rows arrive out of order).
 */

/** Money in US dollars, to cents. */
export function money(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** Counts and rates: two decimals are enough and hide summation noise. */
export function qty(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Fractions and R²: four decimals. */
export function ratio(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Percentages: one decimal. */
export function pct(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A count inside a warning or a reason: whole, with thousands separators. */
export const fmt = formatInteger;
