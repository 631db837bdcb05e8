'use client';

import PusherJs from 'pusher-js';

let client: PusherJs | null = null;

/** One connection per browser tab, shared by every component. */
export function getPusherClient(): PusherJs {
  if (client) return client;

  // ok: hardcoded-credentials
  // ok: connection-leak
  // ok: reconnection-misuse
  client = new PusherJs(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
    cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER ?? 'eu',
    channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
  });

  client.connection.bind('error', (error: { data?: { code?: number; message?: string } }) => {
    console.warn('[realtime] connection error', error.data?.code, error.data?.message);
  });

  return client;
}
