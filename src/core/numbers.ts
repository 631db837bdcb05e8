/**
 * Numbers as every output writes them, en-US: `1,529,255`, `0.42`, `$1,234.50`.
 *
 * Written out instead of `toLocaleString('en-US', …)` because the first such call in a process
 * loads ICU's number data, 10–20 ms of a 0.3 s scan, for output that is only ever en-US. The
 * strings are the same as `toLocaleString` gives (a property test holds it to that): it rounds the
 * shortest decimal that reads back as the number, half away from zero, as ICU does, which is why
 * 1.005 shows as 1.01 where `toFixed(2)` says 1.00.
 */
export function formatNumber(n: number, fraction: { min?: number; max?: number } = {}): string {
  const min = fraction.min ?? 0;
  const max = Math.max(min, fraction.max ?? 3);
  const shortest = String(Math.abs(n));
  // Exponent forms (below 1e-6, from 1e21) and NaN/Infinity are rare enough to leave to ICU.
  if (!/^\d+(\.\d+)?$/.test(shortest)) return n.toLocaleString('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
  const [whole, decimals = ''] = shortest.split('.') as [string, string?];
  let digits = whole + decimals.slice(0, max).padEnd(max, '0');
  if ((decimals[max] ?? '0') >= '5') digits = increment(digits);
  const intPart = digits.slice(0, digits.length - max) || '0';
  const fracPart = digits.slice(digits.length - max).replace(/0+$/, '').padEnd(min, '0');
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${intPart.replace(/\B(?=(\d{3})+$)/g, ',')}${fracPart ? `.${fracPart}` : ''}`;
}

/** A whole count with thousands separators: `1,529,255`. */
export const formatInteger = (n: number): string => formatNumber(Math.round(n), { max: 0 });

/** Adds one in the last place of a string of decimal digits: `0199` → `0200`, `99` → `100`. */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${Number(digits[i]) + 1}${'0'.repeat(digits.length - i - 1)}`;
}
