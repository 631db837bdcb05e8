import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseUsageText } from '../../src/cost/inputs/load.js';
import { costReportSchema, estimateCost } from '../../src/cost/model.js';

/** Either a valid report or an InputError: nothing else may escape for any input. */
async function outcome(text: string, file: string): Promise<'report' | 'input-error'> {
  try {
    const usage = await parseUsageText(text, file, { connectionsMetric: 'pusher.connections' });
    const report = estimateCost(usage, { currentPlan: 'startup' });
    costReportSchema.parse(JSON.parse(JSON.stringify(report)));
    return 'report';
  } catch (err) {
    if (err instanceof InputError) {
      expect(err.message).not.toContain('\n');
      return 'input-error';
    }
    throw err;
  }
}

const header = fc.constantFrom('timestamp,connections,messages', 'Time,Concurrent Connections,Message Count,api_requests', 'ts,connections,messages,deliveries,colour', 'timestamp,connections', '');
const cell = fc.oneof(
  fc.constantFrom('', 'NaN', '-1', '1e999', 'abc', '0', '12', '3.5', '"7"', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00+02:00', '2026-02-30T00:00:00Z', '1767225600', '1767225600000', '2026-01-01 00:05:00', '\u0000', '"a,b"', '"'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 5000 }).map(String),
);
const goodTimestamp = fc.integer({ min: 0, max: 2000 }).map((i) => new Date(Date.UTC(2026, 0, 1) + i * 300_000).toISOString());
const csvRow = fc.oneof(
  fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(',')),
  fc.tuple(goodTimestamp, fc.integer({ min: -2, max: 1000 }), fc.oneof(fc.integer({ min: -2, max: 10_000 }).map(String), cell)).map(([t, c, m]) => `${t},${c},${m}`),
);
const malformedCsv = fc.tuple(header, fc.array(csvRow, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([h, rows, eol]) => [h, ...rows].join(eol));

const jsonValue = fc.oneof(fc.constant(null), fc.integer({ min: -10, max: 10_000 }), fc.double(), fc.string({ maxLength: 6 }), fc.boolean());
const point = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 40 }).map((i) => 1767225600000 + i * 300_000), jsonValue),
  fc.array(jsonValue, { maxLength: 3 }),
  jsonValue,
);
const series = fc.record({
  metric: fc.oneof(fc.constantFrom('pusher.messages', 'pusher.connections', 'pusher.messages.broadcast', 'pusher.message_size.avg', 'pusher.messages.api_request', 'cpu'), fc.string({ maxLength: 8 }), jsonValue),
  pointlist: fc.oneof(fc.array(point, { maxLength: 12 }), jsonValue),
});
const malformedJson = fc.oneof(
  fc.record({ series: fc.oneof(fc.array(series, { maxLength: 4 }), jsonValue) }).map((o) => JSON.stringify(o)),
  fc.record({ series: fc.array(series, { maxLength: 4 }) }).map((o) => JSON.stringify(o).slice(0, -3)),
  fc.dictionary(fc.constantFrom('profile', 'peak_concurrent_users', 'presence', 'channels_per_publish', 'users', 'info_share'), jsonValue).map((o) => JSON.stringify(o)),
  fc.string({ maxLength: 40 }),
);

describe('random malformed usage input never crashes', () => {
  it('CSV: a report or an InputError, for 1,000 inputs', async () => {
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(malformedCsv, async (text) => {
        if ((await outcome(text, 'usage.csv')) === 'input-error') errors++;
      }),
      { numRuns: 1000, seed: 4 },
    );
    expect(errors).toBeGreaterThan(500);
  });

  it('JSON: a report or an InputError, for 1,000 inputs', async () => {
    await fc.assert(
      fc.asyncProperty(malformedJson, async (text) => {
        await outcome(text, 'usage.json');
      }),
      { numRuns: 1000, seed: 4 },
    );
  });
});
