import { describe, expect, it } from 'vitest';
import { effectiveEnvAssignments } from '../../src/analysis/dotenv.js';

describe('effectiveEnvAssignments', () => {
  it('keeps the last assignment of each name, as dotenv does, in line order', () => {
    const text = ['# auth', 'SECRET=first', 'export PUSHER_KEY="abc" # public', '', 'SECRET=second', 'not an assignment'].join('\n');
    expect(effectiveEnvAssignments(text)).toEqual([
      { name: 'PUSHER_KEY', raw: '"abc" # public', line: 3, column: 8, endColumn: 33 },
      { name: 'SECRET', raw: 'second', line: 5, column: 1, endColumn: 14 },
    ]);
  });

  it('reads CRLF files and keeps an empty last value (it still overrides)', () => {
    expect(effectiveEnvAssignments('A=1\r\nA=\r\n').map((a) => [a.name, a.raw, a.line])).toEqual([['A', '', 2]]);
  });
});
