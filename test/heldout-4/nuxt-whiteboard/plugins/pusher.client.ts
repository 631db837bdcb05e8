import Pusher from 'pusher-js';

export default defineNuxtPlugin(() => {
  const config = useRuntimeConfig();
  // ok: debug-logging
  if (import.meta.dev) Pusher.logToConsole = true;
  // ok: reconnection-misuse
  // ok: connection-leak
  const pusher = new Pusher(config.public.pusherKey, {
    cluster: config.public.pusherCluster,
    channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
  });
  pusher.connection.bind('state_change', ({ current }: { current: string }) => useState('realtime').value = current);
  return { provide: { pusher } };
});
