import Pusher from 'pusher-js';
import { writable } from 'svelte/store';
import { PUBLIC_PUSHER_CLUSTER, PUBLIC_PUSHER_KEY } from '$env/static/public';

export type RealtimeStatus = 'connecting' | 'live' | 'offline' | 'refused';
export const connectionStatus = writable<RealtimeStatus>('connecting');

const MAX_ATTEMPTS = 6;
let client: Pusher | undefined;
let attempt = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** Our own retry after pusher-js gives up on a flaky school network: backs off, then stops. */
function scheduleReconnect(): void {
  if (!client || retryTimer || attempt >= MAX_ATTEMPTS) {
    if (attempt >= MAX_ATTEMPTS) connectionStatus.set('offline');
    return;
  }
  attempt += 1;
  const delay = Math.min(30_000, 1_000 * 2 ** attempt);
  // ok: reconnection-misuse
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    if (client && client.connection.state !== 'connected') {
      client.connect();
      scheduleReconnect();
    }
  }, delay);
}

export function getPusher(): Pusher {
  if (!client) {
    // ok: connection-leak
    // ok: reconnection-misuse
    // ok: client-side-authorization
    // ok: hardcoded-credentials
    client = new Pusher(PUBLIC_PUSHER_KEY, {
      cluster: PUBLIC_PUSHER_CLUSTER,
      forceTLS: true,
      channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
    });

    client.connection.bind('connected', () => {
      attempt = 0;
      connectionStatus.set('live');
    });
    client.connection.bind('error', (err: any) => {
      const code: number | undefined = err?.data?.code ?? err?.error?.data?.code;
      if (code !== undefined && code >= 4000 && code < 4100) {
        // 4004 over quota, 4009 unauthorized...: do not fight pusher-js, tell the user.
        connectionStatus.set('refused');
      }
    });
    client.connection.bind('unavailable', () => {
      connectionStatus.set('offline');
      // ok: reconnection-misuse
      scheduleReconnect();
    });
  }
  return client;
}
