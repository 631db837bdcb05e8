import Pusher from 'pusher-js';
import { browser } from '$app/environment';
import { PUBLIC_PUSHER_CLUSTER, PUBLIC_PUSHER_KEY } from '$env/static/public';

let instance: Pusher | undefined;

export function pusherClient(): Pusher {
  if (!browser) throw new Error('pusherClient() is browser-only');
  if (instance) return instance;

  // ok: hardcoded-credentials
  // ok: connection-leak
  // ok: reconnection-misuse
  instance = new Pusher(PUBLIC_PUSHER_KEY, {
    cluster: PUBLIC_PUSHER_CLUSTER,
    channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
  });
  instance.connection.bind('error', (err: { data?: { code?: number } }) => {
    if (err.data?.code === 4009) window.location.assign('/login');
  });
  return instance;
}
