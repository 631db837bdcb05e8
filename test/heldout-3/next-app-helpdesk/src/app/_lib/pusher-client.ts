'use client';

import PusherJs from 'pusher-js';
import { env } from '~/env';

let client: PusherJs | null = null;

export function getPusherClient(): PusherJs {
  if (!client) {
    // ok: connection-leak
    // ok: reconnection-misuse
    // ok: client-side-authorization
    // ok: hardcoded-credentials
    client = new PusherJs(env.NEXT_PUBLIC_PUSHER_KEY, {
      cluster: env.NEXT_PUBLIC_PUSHER_CLUSTER,
      channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
    });
    client.connection.bind('state_change', ({ current }: { current: string }) => {
      document.documentElement.dataset.realtime = current;
    });
    client.connection.bind('error', (err: { data?: { code?: number } }) => {
      if (err?.data?.code === 4004) console.warn('[realtime] over connection quota');
    });
  }
  return client;
}
