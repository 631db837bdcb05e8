/** Milliseconds as shown to people: one decimal below 10 ms, whole numbers above. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A 0..1 rate as a percentage with at most two decimals: `99.9 %`, `100 %`. */
export function formatPercent(rate: number): string {
  return `${Number((rate * 100).toFixed(2))} %`;
}

/** Rounded once, here, so the JSON and every renderer agree. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Counts of equal strings, most frequent first, e.g. `HTTP 500 ×2, HTTP 502 ×1`. */
export function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v, n]) => `${v} ×${n}`)
    .join(', ');
}
