import { describe, expect, it } from 'vitest';
import { CHANNEL_NAME, CHANNEL_PREFIXES } from '../../src/pusher/channels.js';
import { CLOSE_CODES, isRefusal, LIMITS } from '../../src/pusher/protocol.js';

describe('Pusher facts', () => {
  it('knows which close codes pusher-js gives up on (4001–4099, 4300–4399) and which it retries', () => {
    expect([CLOSE_CODES.overConnectionQuota, CLOSE_CODES.unauthorized, CLOSE_CODES.appDisabled, CLOSE_CODES.clientEventRateLimit].every(isRefusal)).toBe(true);
    expect([CLOSE_CODES.tlsOnly, CLOSE_CODES.overCapacity, CLOSE_CODES.pongNotReceived, 1006].some(isRefusal)).toBe(false);
  });

  it('orders channel prefixes longest first, so a name takes the most specific type', () => {
    const typeOf = (name: string) => CHANNEL_PREFIXES.find((p) => name.startsWith(p.prefix));
    expect(typeOf('private-encrypted-cache-x')).toMatchObject({ type: 'private-encrypted', cache: true });
    expect(typeOf('presence-room')).toMatchObject({ type: 'presence', cache: false });
    expect(typeOf('cache-ticker')).toMatchObject({ type: 'public', cache: true });
  });

  it('states the documented name and payload limits', () => {
    expect(CHANNEL_NAME.pattern.test('private-user-42@a.b;c=d,e')).toBe(true);
    expect(CHANNEL_NAME.pattern.test('#server-to-user-1')).toBe(false);
    expect(LIMITS).toMatchObject({ eventDataBytes: 10_240, channelsPerTrigger: 100, eventsPerBatch: 10, presenceMembers: 100, clientEventsPerSecond: 10 });
  });
});
