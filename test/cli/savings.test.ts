import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { scanReportSchema } from '../../src/report/schema.js';
import { syntheticCsv } from '../cost/helpers.js';
import { bufferIO, tempProject } from '../helpers/project.js';

/**
 * `scan --usage` prices the publishing rules' findings: a trigger per channel in a loop and an
 * `info` nobody reads become savings on the API-request share of the messages, which only a usage
 * export with an `api_requests` column can tell apart from deliveries.
 */

const ROUTE = `import express from 'express';
import Pusher from 'pusher';
const pusher = new Pusher({ appId: process.env.PUSHER_APP_ID, key: process.env.PUSHER_KEY, secret: process.env.PUSHER_SECRET, cluster: 'eu', useTLS: true });
export const router = express.Router();
router.post('/announce', async (req, res) => {
  const teams = await req.db.teams.findMany();
  const notice = { text: String(req.body.text) };
  for (const team of teams) {
    await pusher.trigger(\`private-team-\${team.id}\`, 'announcement', notice);
  }
  await pusher.trigger('private-audit', 'announced', { count: teams.length }, { info: 'subscription_count' });
  res.sendStatus(204);
});
`;

const MESSAGES = 3_000_000;
const API_SHARE = 0.4;
const PER_SAMPLE = MESSAGES / 288;

function usage(withApiRequests: boolean): string {
  return syntheticCsv({
    days: 14,
    peak: () => 400,
    messages: () => MESSAGES,
    ...(withApiRequests ? { extraHeader: 'api_requests,deliveries', extraCells: () => `${PER_SAMPLE * API_SHARE},${PER_SAMPLE * (1 - API_SHARE)}` } : {}),
  });
}

async function savings(withApiRequests: boolean) {
  const dir = tempProject({ 'server/routes.ts': ROUTE, 'usage.csv': usage(withApiRequests) });
  const out = bufferIO(dir);
  expect(await run(['scan', '.', '--usage', 'usage.csv', '--format', 'json'], out.io)).toBe(1);
  const report = scanReportSchema.parse(JSON.parse(out.stdout()));
  const items = report.cost?.savings.items ?? [];
  return { report, byLever: new Map(items.map((s) => [s.lever, s])) };
}

describe('scan --usage: savings from the publishing rules', () => {
  it('turns a per-channel trigger loop and an unread info into quantified message savings', async () => {
    const { report, byLever } = await savings(true);
    expect(report.findings.map((f) => `${f.ruleId}@${f.messageId}`).sort()).toEqual(['info-on-hot-path@infoUnused', 'unbatched-triggers@loopChannels']);
    for (const lever of ['n-plus-one-triggers', 'info-param'] as const) {
      const s = byLever.get(lever);
      expect(s, lever).toBeDefined();
      expect(s!.quantified).toBe(true);
      expect(s!.metric).toBe('messagesPerDay');
      // Both levers halve the API-request share of the traffic that passes through flagged code.
      expect(s!.upperBoundFraction).toBeCloseTo(API_SHARE / 2, 2);
      expect(s!.reduction).toBeGreaterThan(0);
      expect(s!.findings).toHaveLength(1);
    }
    expect(byLever.get('n-plus-one-triggers')!.findings[0]!.ruleId).toBe('unbatched-triggers');
    expect(byLever.get('info-param')!.findings[0]!.ruleId).toBe('info-on-hot-path');
  });

  it('lists the same levers unquantified, saying why, when the usage data has no api_requests column', async () => {
    const { byLever } = await savings(false);
    for (const lever of ['n-plus-one-triggers', 'info-param'] as const) {
      const s = byLever.get(lever)!;
      expect(s.quantified).toBe(false);
      expect(s.reduction).toBe(0);
      expect(s.assumption).toContain('API-request column');
    }
  });
});
