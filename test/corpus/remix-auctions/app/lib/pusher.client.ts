import Pusher from 'pusher-js';

declare global {
  interface Window {
    ENV: { PUSHER_KEY: string; PUSHER_CLUSTER: string };
  }
}

let client: Pusher | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

export function getPusher(): Pusher {
  if (client) return client;

  // ok: hardcoded-credentials
  // ok: connection-leak
  // ok: reconnection-misuse
  client = new Pusher(window.ENV.PUSHER_KEY, {
    cluster: window.ENV.PUSHER_CLUSTER,
    channelAuthorization: { endpoint: '/api/pusher-auth', transport: 'ajax' },
  });

  client.connection.bind('error', (err: { data?: { code?: number } }) => {
    console.error('realtime error', err.data?.code);
  });

  client.connection.bind('disconnected', () => scheduleReconnect());

  return client;
}

// Bidding must never stall: keep trying every 3 seconds until we are back.
function scheduleReconnect(): void {
  clearTimeout(retryTimer);
  // ruleid: reconnection-misuse
  retryTimer = setTimeout(() => {
    getPusher().connect();
    if (getPusher().connection.state !== 'connected') scheduleReconnect();
  }, 3000);
}

/** Wired to the "Reconnect" button shown after the user went offline on purpose. */
export function reconnectNow(): void {
  // ok: reconnection-misuse
  getPusher().connect();
}
