import Pusher from 'pusher-js';
import { PUBLIC_PUSHER_KEY, PUBLIC_PUSHER_CLUSTER } from '$env/static/public';

let client: Pusher | undefined;

export function realtime() {
  if (!client) {
    // ruleid: debug-logging
    Pusher.log = (message: string) => console.log('[pusher]', message);
    client = new Pusher(PUBLIC_PUSHER_KEY, { cluster: PUBLIC_PUSHER_CLUSTER, channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' } });
    client.connection.bind('error', (err: { data?: { code?: number } }) => console.warn('[pusher] error', err.data?.code));
  }
  return client;
}
