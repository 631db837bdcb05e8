import { describe, expect, it } from 'vitest';
import { parseUsageText } from '../../src/cost/inputs/load.js';
import type { SeriesUsage } from '../../src/cost/usage.js';

async function series(text: string, file = 'u.csv', connectionsMetric?: string): Promise<SeriesUsage> {
  const u = await parseUsageText(text, file, connectionsMetric ? { connectionsMetric } : {});
  if (u.kind !== 'series') throw new Error('expected a series');
  return u;
}

describe('CSV usage', () => {
  it('accepts header aliases in any case and epoch seconds', async () => {
    const u = await series('Time,Concurrent Connections,Message Count,pusher.messages.broadcast,Avg Message Size (bytes)\n1767225600,5,10,6,100\n1767225900,7,30,20,200\n');
    expect(u.samples).toBe(2);
    expect(u.connections.max).toBe(7);
    expect(u.breakdownFields).toEqual(['deliveries']);
    expect(u.days[0]!.breakdown).toEqual({ deliveries: 26 });
    // Weighted by messages: (100·10 + 200·30) / 40.
    expect(u.avgMessageSizeBytes).toBe(175);
  });

  it('counts days in UTC whatever the offset of the export', async () => {
    const u = await series('timestamp,connections,messages\n2026-01-01T23:00:00+02:00,1,5\n2026-01-02T00:00:00+02:00,9,7\n2026-01-02T01:00:00+02:00,3,11\n2026-01-02T02:00:00+02:00,3,13\n');
    expect(u.days.map((d) => [d.date, d.messages, d.peakConnections])).toEqual([
      ['2026-01-01', 5 + 7 + 11, 9],
      ['2026-01-02', 13, 3],
    ]);
    expect(u.warnings.map((w) => w.code)).toContain('coarse-interval');
  });

  it('accepts epoch milliseconds and a BOM and CRLF line ends', async () => {
    const u = await series('\uFEFFtimestamp,connections,messages\r\n1767225600000,1,1\r\n1767225605000,2,2\r\n');
    expect(u.intervalSeconds).toBe(5);
    expect(u.warnings.map((w) => w.code)).toEqual(['partial-days']);
  });

  it('gives exact percentiles of the connection samples', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${1767225600 + i * 60},${i + 1},0`);
    const u = await series(`timestamp,connections,messages\n${rows.join('\n')}\n`);
    expect(u.connections.max).toBe(100);
    expect(u.connections.mean).toBe(50.5);
    expect(u.connections.p95).toBeGreaterThanOrEqual(95);
    expect(u.connections.p95).toBeLessThanOrEqual(96);
    expect(u.connections.p99).toBeGreaterThanOrEqual(99);
    expect(u.connections.p99).toBeLessThanOrEqual(100);
  });

  it('marks partial days and keeps them out of the daily statistics', async () => {
    const rows = Array.from({ length: 288 + 10 }, (_, i) => `${1767225600 + i * 300},1,1`);
    const u = await series(`timestamp,connections,messages\n${rows.join('\n')}\n`);
    expect(u.days.map((d) => d.complete)).toEqual([true, false]);
    expect(u.warnings.map((w) => w.code)).toContain('partial-days');
  });
});

describe('Datadog usage', () => {
  const dd = (series: unknown[]) => JSON.stringify({ status: 'ok', series });
  it('sums series of one metric across apps, since limits are per account', async () => {
    const u = await series(
      dd([
        { metric: 'pusher.messages', scope: 'app_id:1', pointlist: [[0, 10], [300_000, 20]] },
        { metric: 'pusher.messages', scope: 'app_id:2', pointlist: [[0, 1], [300_000, 2]] },
        { metric: 'my.conns', scope: 'app_id:1', pointlist: [[0, 5], [300_000, null]] },
        { metric: 'my.conns', scope: 'app_id:2', pointlist: [[0, 6], [300_000, 4]] },
        { metric: 'pusher.message_size.p95', pointlist: [[0, 1]] },
      ]),
      'd.json',
      'my.conns',
    );
    expect(u.days[0]!.messages).toBe(33);
    expect(u.connections.max).toBe(11);
    expect(u.warnings.map((w) => w.code)).toEqual(['ignored-metrics', 'null-points', 'coarse-interval', 'partial-days']);
  });

  it('guesses the connection metric only when one name fits, and says so', async () => {
    const u = await series(dd([
      { metric: 'pusher.messages', pointlist: [[0, 1], [5000, 1]] },
      { metric: 'pusher.connections', pointlist: [[5000, 2], [0, 1]] },
    ]), 'd.json');
    expect(u.connections.max).toBe(2);
    expect(u.warnings.map((w) => w.code)).toEqual(['connection-metric-guessed', 'rows-sorted', 'partial-days']);
  });
});
