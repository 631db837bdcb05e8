import Pusher from 'pusher-js';

// Left on while chasing the reconnect bug in October.
// ruleid: debug-logging
Pusher.logToConsole = true;

let client: Pusher | undefined;

export function getPusher() {
  if (!client) {
    client = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
      channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
    });
    client.connection.bind('state_change', ({ current }: { current: string }) => window.dispatchEvent(new CustomEvent('realtime', { detail: current })));
  }
  return client;
}
