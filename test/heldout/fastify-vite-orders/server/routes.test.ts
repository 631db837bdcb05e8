import Fastify from 'fastify';
import Pusher from 'pusher';
import { describe, expect, it, vi } from 'vitest';

vi.mock('./pusher.js', () => ({
  pusher: new Pusher({
    appId: '1000001',
    key: '1a2b3c4d5e6f7a8b9c0d',
    // ok: hardcoded-credentials
    secret: '0f1e2d3c4b5a69788796',
    cluster: 'mt1',
  }),
}));

describe('POST /pusher/user-auth', () => {
  it('rejects requests without a token', async () => {
    const { routes } = await import('./routes.js');
    const app = Fastify();
    await app.register(routes);
    const res = await app.inject({ method: 'POST', url: '/pusher/user-auth', payload: { socket_id: '123.456' } });
    expect(res.statusCode).toBe(401);
  });
});
