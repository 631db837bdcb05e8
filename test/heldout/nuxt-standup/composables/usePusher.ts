import Pusher from 'pusher-js';

let client: Pusher | null = null;

/** One pusher-js connection for the whole app, created on first use. */
export function usePusher(): Pusher {
  if (!client) {
    const config = useRuntimeConfig();
    // ok: connection-leak
    // ok: client-side-authorization
    client = new Pusher(config.public.pusherKey, {
      cluster: config.public.pusherCluster,
      channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
    });
    const status = useState('realtime-status', () => 'connecting');
    const pusher = client;

    pusher.connection.bind('state_change', ({ current }: { current: string }) => {
      status.value = current;
    });

    // "Make sure we come back after the laptop sleeps."
    pusher.connection.bind('disconnected', () => {
      status.value = 'reconnecting';
      // ruleid: reconnection-misuse @reconnectInStateHandler
      pusher.connect();
    });
  }
  return client;
}
