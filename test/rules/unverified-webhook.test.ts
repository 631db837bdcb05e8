import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/engine/types.js';
import rule from '../../rules/unverified-webhook/index.js';

/** What the fixture markers cannot say: how severe an unverified handler is, by what it does with the events. */
const ROOT = 'rules/unverified-webhook/fixtures';

describe('unverified-webhook weighs what the handler does with the events', () => {
  let findings: Finding[] = [];
  beforeAll(async () => {
    findings = (await scan({ root: ROOT, rules: [rule] })).findings;
  });
  const at = (file: string) => findings.filter((f) => f.file === file).map((f) => [f.messageId, f.severity]);

  it('is low for a handler that only reads, logs and answers, and says why', () => {
    expect(at('app/api/pusher/events/route.ts')).toEqual([['noVerification', 'low']]);
    expect(at('pages/api/pusher/webhook.ts')).toEqual([['timingUnsafeCompare', 'low']]);
    expect(findings.find((f) => f.file === 'app/api/pusher/events/route.ts')!.message).toContain('which this handler only reads and answers today');
    expect(findings.find((f) => f.file === 'pages/api/pusher/webhook.ts')!.message).toContain('does nothing with the events yet');
  });

  it('keeps its severity where the handler acts: the app\'s own helpers, a store, a publish', () => {
    expect(at('app/api/pusher/presence/route.ts')).toEqual([['noVerification', 'high']]);
    // `db.participant.update(…)` is a write, whatever an HMAC's `update` is.
    expect(at('app/api/pusher/participants/route.ts')).toEqual([['noVerification', 'high']]);
    expect(at('server/routes/webhooks.js')).toEqual([
      ['noVerification', 'high'],
      ['timingUnsafeCompare', 'medium'],
      ['noVerification', 'high'],
    ]);
    expect(findings.find((f) => f.file === 'app/api/pusher/presence/route.ts')!.message).toContain('and the app acts on them');
  });
});
