import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInteger, formatNumber } from '../../src/core/numbers.js';

const icu = (n: number, min: number, max: number) => n.toLocaleString('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });

describe('formatNumber', () => {
  it('writes what toLocaleString(en-US) writes, for any number and fraction digits', () => {
    const fractions = fc.integer({ min: 0, max: 4 }).chain((min) => fc.tuple(fc.constant(min), fc.integer({ min, max: 6 })));
    const numbers = fc.oneof(
      fc.double({ noNaN: false }),
      fc.double({ min: -1e7, max: 1e7 }),
      // Cents and ties: where rounding the shortest decimal and rounding the exact binary value differ.
      fc.integer({ min: -10_000_000, max: 10_000_000 }).map((k) => k / 1000),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 8),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(numbers, fractions, (n, [min, max]) => {
        expect(formatNumber(n, { min, max })).toBe(icu(n, min, max));
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds like ICU, not like toFixed, and groups thousands', () => {
    expect(formatNumber(1.005, { max: 2 })).toBe('1.01');
    expect(formatNumber(2.675, { max: 2 })).toBe('2.68');
    expect(formatNumber(999.995, { min: 2, max: 2 })).toBe('1,000.00');
    expect(formatNumber(-0.001, { max: 2 })).toBe('-0');
    expect(formatNumber(1234567.5)).toBe('1,234,567.5');
    expect(formatNumber(1e21)).toBe('1,000,000,000,000,000,000,000');
  });

  it('formatInteger rounds to a whole count first', () => {
    expect(formatInteger(1529254.5)).toBe('1,529,255');
    expect(formatInteger(999.4)).toBe('999');
    expect(formatInteger(0)).toBe('0');
  });
});
