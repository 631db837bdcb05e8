import { describe, expect, it } from 'vitest';
import { matchMarkers, parseMarkers, precision, recall } from './helpers/markers.js';

describe('fixture markers', () => {
  it('reads every comment style, stacks markers, and points them at the next code line', () => {
    const text = [
      '// ruleid: a',
      'one();',
      '# ok: a',
      '{/* ruleid: a @msgId */}',
      '<!-- todook: b -->',
      'two();',
      '/* todoruleid: a, b */',
      'three();',
      '// ruleid: a',
    ].join('\n');
    expect(parseMarkers('f.ts', text).map((m) => [m.kind, m.ruleId, m.line, m.target, m.messageId])).toEqual([
      ['ruleid', 'a', 1, 2, undefined],
      ['ok', 'a', 3, 6, undefined],
      ['ruleid', 'a', 4, 6, 'msgId'],
      ['todook', 'b', 5, 6, undefined],
      ['todoruleid', 'a', 7, 8, undefined],
      ['todoruleid', 'b', 7, 8, undefined],
      ['ruleid', 'a', 9, -1, undefined],
    ]);
  });

  it('matches both ways and counts precision and recall', () => {
    const markers = parseMarkers('f.ts', ['// ruleid: r', 'hit();', '// ruleid: r @other', 'wrongMessage();', '// ok: r', 'near();', '// todoruleid: r', 'missed();'].join('\n'));
    const result = matchMarkers('r', markers, [
      { ruleId: 'r', messageId: 'm', file: 'f.ts', line: 2 },
      { ruleId: 'r', messageId: 'm', file: 'f.ts', line: 4 },
      { ruleId: 'r', messageId: 'm', file: 'f.ts', line: 6, message: 'boom' },
      { ruleId: 'other', messageId: 'm', file: 'f.ts', line: 6 },
    ]);
    expect(result.mismatches).toEqual(['f.ts:4: expected r @other, got nothing (found @m)', 'f.ts:6: unexpected r @m: boom']);
    expect([result.truePositives, result.falseNegatives, result.falsePositives]).toEqual([1, 2, 1]);
    expect(precision(result)).toBe(0.5);
    expect(recall(result)).toBeCloseTo(1 / 3);
  });

  it('one site, one finding: the same message twice at one column is a mismatch', () => {
    const markers = parseMarkers('f.ts', ['// ruleid: r', 'trigger(a, b);'].join('\n'));
    const twice = matchMarkers('r', markers, [
      { ruleId: 'r', messageId: 'm', file: 'f.ts', line: 2, column: 9 },
      { ruleId: 'r', messageId: 'm', file: 'f.ts', line: 2, column: 9 },
    ]);
    expect(twice.mismatches).toEqual(['f.ts:2: r @m at column 9 reported 2 times']);
    expect([twice.truePositives, twice.falsePositives]).toEqual([1, 1]);
    const twoSites = matchMarkers('r', markers, [
      { ruleId: 'r', messageId: 'm', file: 'f.ts', line: 2, column: 9 },
      { ruleId: 'r', messageId: 'm', file: 'f.ts', line: 2, column: 12 },
    ]);
    expect(twoSites.mismatches).toEqual([]);
  });
});
