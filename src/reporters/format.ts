import { formatInteger, formatNumber } from '../core/numbers.js';

/**
 * How numbers read in every human format (text, Markdown, HTML): one definition each, so the
 * terminal and the consulting report never disagree on a figure.
 */

/** A count, rounded, with thousands separators: `1,529,255`. */
export const formatCount = formatInteger;

/** US dollars to the cent, or "contact sales" for a price that is not published. */
export const formatUsd = (v: number | null): string =>
  v === null ? 'contact sales' : `$${formatNumber(v, { min: 2, max: 2 })}`;

/** A fraction (0.469) as a percentage with one decimal (`46.9 %`); `–` when unknown. */
export const formatFraction = (v: number | null): string => (v === null ? '–' : `${Math.round(v * 1000) / 10} %`);

/**
 * What a reader must be told about a price's provenance. A corroborated plan is not "unconfirmed":
 * independent dated transcriptions agree on it, only Pusher's own page is missing.
 */
export function trustLabel(item: { confirmed: boolean; evidence?: string }): '' | 'corroborated' | 'not confirmed' {
  if (item.confirmed) return '';
  return item.evidence === 'corroborated' ? 'corroborated' : 'not confirmed';
}
