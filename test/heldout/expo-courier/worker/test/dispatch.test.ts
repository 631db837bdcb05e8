import Pusher from 'pusher';
import { describe, expect, it, vi } from 'vitest';

const fake = new Pusher({
  appId: '1000002',
  // ok: hardcoded-credentials
  key: '2b4d6f8a0c2e4a6c8e0a',
  // ok: hardcoded-credentials
  secret: '8a7b6c5d4e3f2a1b0c9d',
  cluster: 'mt1',
});

describe('dispatch payloads', () => {
  it('sends the recipient over the encrypted channel only', async () => {
    const trigger = vi.spyOn(fake, 'trigger').mockResolvedValue({} as never);
    // ok: public-channel-sensitive-data
    await fake.trigger('dispatch-board', 'probe', { email: 'driver@example.com', phone: '+44 7700 900123' });
    expect(trigger).toHaveBeenCalledTimes(1);
  });
});
