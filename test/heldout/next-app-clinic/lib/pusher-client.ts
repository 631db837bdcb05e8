import Pusher from 'pusher-js/with-encryption';

type Listener = (state: 'live' | 'offline' | 'refused') => void;

let client: Pusher | null = null;
const listeners = new Set<Listener>();

function emit(state: Parameters<Listener>[0]) {
  listeners.forEach((fn) => fn(state));
}

export function onRealtimeState(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** One connection per tab, shared by every component. */
export function getPusherClient(): Pusher {
  if (typeof window === 'undefined') {
    throw new Error('getPusherClient() is browser-only');
  }
  if (!client) {
    // ok: connection-leak
    // ok: reconnection-misuse
    // ok: client-side-authorization
    // ok: hardcoded-credentials
    const instance = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
      forceTLS: true,
      channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
    });

    instance.connection.bind('connected', () => emit('live'));
    instance.connection.bind('error', (err: any) => {
      const code: number | undefined = err?.data?.code ?? err?.error?.data?.code;
      if (code === 4004 || code === 4009) {
        // Over quota / unauthorized: pusher-js stopped on purpose, so do we.
        emit('refused');
        console.error('[realtime] connection refused', code);
        return;
      }
      if (typeof code === 'number' && code >= 4200 && code < 4300) {
        // ok: reconnection-misuse
        instance.connect();
      }
    });

    client = instance;
  }
  return client;
}
