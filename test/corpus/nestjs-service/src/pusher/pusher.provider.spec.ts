import { createPusher } from './pusher.provider';

describe('createPusher', () => {
  const pusher = createPusher({
    appId: '1',
    // ok: hardcoded-credentials
    key: '0000000000000000000a',
    // ok: hardcoded-credentials
    secret: '0000000000000000000b',
    cluster: 'mt1',
  });

  it('signs merchant channels with the configured key', () => {
    const auth = pusher.authorizeChannel('1234.5678', 'private-encrypted-merchant-42');
    expect(auth.auth).toMatch(/^0000000000000000000a:[0-9a-f]{64}$/);
  });

  it('rejects socket ids that are not n.n', () => {
    expect(() => pusher.authorizeChannel('nope', 'private-x')).toThrow();
  });
});
