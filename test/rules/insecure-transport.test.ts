import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import rule from '../../rules/insecure-transport/index.js';
import { markersInDir, matchMarkers } from '../helpers/markers.js';

/** What the fixture markers cannot say: how severe a server SDK left on plain HTTP is. */
describe('serverTlsNotSet weighs what the instance sends', () => {
  const ROOT = 'test/fixtures/rules/insecure-transport/beams-push';

  it('is info for an instance no Channels call is traced to, and medium for the one that triggers', async () => {
    const result = await scan({ root: ROOT, rules: [rule] });
    expect(result.errors).toEqual([]);
    expect(matchMarkers('insecure-transport', markersInDir(ROOT), result.findings).mismatches).toEqual([]);
    const found = result.findings.filter((f) => f.messageId === 'serverTlsNotSet');
    expect(found.map((f) => [f.file, f.severity])).toEqual([
      ['api/send-notification.js', 'info'],
      ['server/chat.js', 'medium'],
    ]);
    expect(found[0]!.message).toContain('makes no Channels call in the scanned code yet');
    expect(found[1]!.message).not.toContain('makes no Channels call');
  });
});
