import Pusher from 'pusher-js';

// ok: debug-logging
Pusher.logToConsole = import.meta.env.DEV;

// ok: hardcoded-credentials
export const pusher = new Pusher(import.meta.env.VITE_PUSHER_KEY, {
  cluster: import.meta.env.VITE_PUSHER_CLUSTER,
  channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
});

pusher.connection.bind('error', (err: { data?: { code?: number } }) => {
  if (err.data?.code === 4004) document.body.dataset.realtime = 'over-quota';
});
