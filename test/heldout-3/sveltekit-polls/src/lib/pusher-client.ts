import Pusher from 'pusher-js';
import { browser, dev } from '$app/environment';
import { PUBLIC_PUSHER_KEY, PUBLIC_PUSHER_CLUSTER } from '$env/static/public';
import { writable } from 'svelte/store';

export const connectionState = writable('initialized');

let client: Pusher | undefined;

export function getClient(): Pusher {
  if (!browser) throw new Error('pusher-js is browser-only here');
  if (!client) {
    const options = dev
      ? {
          cluster: 'local',
          wsHost: '127.0.0.1',
          wsPort: 6001,
          // ok: insecure-transport
          forceTLS: false,
          // ok: insecure-transport
          enabledTransports: ['ws' as const],
        }
      : { cluster: PUBLIC_PUSHER_CLUSTER, forceTLS: true };
    // ok: connection-leak
    // ok: reconnection-misuse
    // ok: client-side-authorization
    // ok: hardcoded-credentials
    client = new Pusher(PUBLIC_PUSHER_KEY, { ...options, channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' } });
    client.connection.bind('state_change', ({ current }: { current: string }) => connectionState.set(current));
    client.connection.bind('unavailable', () => {
      setTimeout(() => {
        // ruleid: reconnection-misuse @reconnectInStateHandler
        client?.connect();
      }, 3000);
    });
  }
  return client;
}
