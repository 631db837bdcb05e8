import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/engine/types.js';
import rule from '../../rules/trigger-relay/index.js';
import { markersInDir, matchMarkers } from '../helpers/markers.js';

/** What the fixture markers cannot say: the severity each case gets. */
const ROOT = 'rules/trigger-relay/fixtures';

describe('trigger-relay severities on its fixtures', () => {
  let findings: Finding[] = [];
  beforeAll(async () => {
    findings = (await scan({ root: ROOT, rules: [rule] })).findings;
  });
  const at = (file: string) => findings.filter((f) => f.file === file).map((f) => [f.line, f.messageId, f.severity]);

  it('keeps a relay of the caller\'s own data high, and the stray-directive route is one of them', () => {
    expect(at('app/api/uploads/route.ts')).toEqual([[12, 'relayedChannel', 'high']]);
    // The event is the route's own: the caller picks the channel, not what kind of event arrives.
    const upload = findings.find((f) => f.file === 'app/api/uploads/route.ts')!;
    expect(upload.message).toContain('can publish `incoming-file` events on any channel of the app');
    expect(upload.message).not.toContain('any event');
  });

  it('lowers a fixed event that carries nothing of the caller\'s by one step', () => {
    // Nobody checked, part of the channel from the request: medium for a message, low for a bare ping.
    // The same fixed event carrying a record stored from the body is the caller's message: not lowered.
    expect(at('server/trpc/boards.ts')).toEqual([[21, 'relayedChannel', 'low'], [28, 'relayedChannel', 'medium']]);
    const nudge = findings.find((f) => f.file === 'server/trpc/boards.ts')!;
    expect(nudge.message).toContain("can send `nudge`, with the server's own data");
  });

  it('judges the event and payload a caller hands a wrapper, not the wrapper\'s parameters', () => {
    // `broadcast(channel, 'group-updated', { reason })` is the same nudge through lib/realtime.ts.
    expect(at('pages/api/groups/refresh.ts')).toEqual([[13, 'relayedChannel', 'low'], [15, 'relayedChannel', 'medium']]);
    expect(findings.find((f) => f.file === 'pages/api/groups/refresh.ts')!.message).toContain("can send `group-updated`, with the server's own data");
  });
});

describe('trigger-relay for controllers registered in a routes file', () => {
  it('takes the auth middleware of the route that registers a handler as its session check', async () => {
    const { findings } = await scan({ root: `${ROOT}/express-controllers`, rules: [rule] });
    const at = findings.map((f) => [f.file, f.line, f.severity]);
    // `router.post('/typing', authenticateToken, chatController.userTyping)`: a signed-in caller aiming a bare ping.
    expect(at).toContainEqual(['src/controllers/chat.controller.js', 6, 'low']);
    // `router.post('/announce', chatController.announce)`: anyone, with their own text.
    expect(at).toContainEqual(['src/controllers/chat.controller.js', 13, 'high']);
  });
});

describe('trigger-relay behind a NextAuth v5 middleware that refuses no one', () => {
  it('reports the relay: `export { auth as middleware }` without an `authorized` callback lets every caller through', async () => {
    const root = 'test/fixtures/rules/nextauth-open';
    const result = await scan({ root, rules: [rule] });
    expect(result.errors).toEqual([]);
    const match = matchMarkers('trigger-relay', markersInDir(root), result.findings);
    expect(match.mismatches).toEqual([]);
    expect(match.truePositives).toBe(1);
  });
});
