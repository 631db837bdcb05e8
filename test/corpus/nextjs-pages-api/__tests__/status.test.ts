import { beforeEach, describe, expect, it, vi } from 'vitest';
import Pusher from 'pusher';
import { createMocks } from 'node-mocks-http';

// A real SDK instance (never used for the network) so authorizeChannel signatures can be checked.
const testPusher = new Pusher({
  appId: '1',
  // ok: hardcoded-credentials
  key: 'ffffffffffffffffffff',
  // ok: hardcoded-credentials
  secret: '0123456789abcdef0123',
  cluster: 'mt1',
  useTLS: true,
});

const trigger = vi.fn().mockResolvedValue({ status: 200 });

vi.mock('../lib/pusher', () => ({ pusher: { trigger }, DISPATCH_CHANNEL: 'private-dispatch' }));
vi.mock('../lib/depots', () => ({ requireSession: vi.fn().mockResolvedValue({ user: { email: 'a@b.test' } }) }));
vi.mock('../lib/db', () => ({
  db: { order: { update: vi.fn().mockResolvedValue({ id: 'o1', status: 'delivered', eta: null, updatedAt: 'now' }) } },
}));

describe('PUT /api/orders/[id]/status', () => {
  beforeEach(() => trigger.mockClear());

  it('publishes the new status', async () => {
    const { default: handler } = await import('../pages/api/orders/[id]/status');
    const { req, res } = createMocks({ method: 'PUT', query: { id: 'o1' }, body: { status: 'delivered' } });
    await handler(req as never, res as never);
    expect(res._getStatusCode()).toBe(200);
    expect(trigger).toHaveBeenCalledWith('order-o1', 'status-changed', expect.objectContaining({ status: 'delivered' }));
  });

  it('signs private channels with the app secret', () => {
    const auth = testPusher.authorizeChannel('123.456', 'private-dispatch');
    expect(auth.auth.startsWith('ffffffffffffffffffff:')).toBe(true);
  });
});
