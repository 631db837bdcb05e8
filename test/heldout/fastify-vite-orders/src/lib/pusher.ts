import Pusher from 'pusher-js';

// The app key is public by design; it comes from the per-environment .env.* file.
// ok: client-side-authorization
// ok: hardcoded-credentials
// ok: reconnection-misuse
export const pusher = new Pusher(import.meta.env.VITE_PUSHER_APP_KEY, {
  cluster: import.meta.env.VITE_PUSHER_CLUSTER,
  channelAuthorization: {
    endpoint: '/pusher/auth',
    transport: 'ajax',
    // Send the bearer token along; the server does the signing.
    customHandler: async ({ socketId, channelName }, callback) => {
      try {
        const res = await fetch('/pusher/auth', {
          method: 'POST',
          headers: { Authorization: `Bearer ${localStorage.getItem('token')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }),
        });
        if (!res.ok) throw new Error(`auth failed: ${res.status}`);
        // ok: client-side-authorization
        callback(null, await res.json());
      } catch (err) {
        callback(err as Error, null);
      }
    },
  },
});

export type RealtimeIssue = 'quota' | 'refused' | null;
let issueListener: (issue: RealtimeIssue) => void = () => {};
export const onRealtimeIssue = (fn: typeof issueListener) => (issueListener = fn);

pusher.connection.bind('error', (err: { data?: { code?: number } }) => {
  const code = err?.data?.code ?? 0;
  if (code >= 4000 && code < 4100) {
    // pusher-js stops retrying on these on purpose; tell the user instead of fighting it.
    issueListener(code === 4004 ? 'quota' : 'refused');
  }
});

/** After logout/login we call disconnect()/this; retry a few times with growing delays. */
export function resumeRealtime() {
  let attempt = 0;
  const tryConnect = () => {
    if (pusher.connection.state === 'connected' || attempt >= 6) return;
    attempt++;
    pusher.connect();
    // ok: reconnection-misuse
    setTimeout(tryConnect, Math.min(30_000, 1_000 * 2 ** attempt));
  };
  tryConnect();
}
