import { describe, expect, it } from 'vitest';
import { repeatsShortUnit } from '../../src/core/placeholder.js';

describe('repeatsShortUnit', () => {
  it.each(['aaaaaaaa', 'xx', 'asd123asd123asd123as', '1234512345123451', 'abababab'])('%s is a typed stand-in', (v) => {
    expect(repeatsShortUnit(v)).toBe(true);
  });

  it.each(['7ad3773142a6692b25b8', 'f28485c50e19dc2841d4', 'abcabc', 'abcdefghiabcdefghi', 'soketi-secret'])('%s is not', (v) => {
    // Under three repeats, or a unit longer than 8, could be a real value.
    expect(repeatsShortUnit(v)).toBe(false);
  });
});
