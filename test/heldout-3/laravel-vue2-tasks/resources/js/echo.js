import Echo from 'laravel-echo';
import Pusher from 'pusher-js';

window.Pusher = Pusher;

// ok: connection-leak
// ok: reconnection-misuse
// ok: hardcoded-credentials
window.Echo = new Echo({
  broadcaster: 'pusher',
  key: import.meta.env.VITE_PUSHER_APP_KEY,
  cluster: import.meta.env.VITE_PUSHER_APP_CLUSTER ?? 'mt1',
  wsHost: import.meta.env.VITE_PUSHER_HOST ? import.meta.env.VITE_PUSHER_HOST : `ws-${import.meta.env.VITE_PUSHER_APP_CLUSTER}.pusher.com`,
  wsPort: import.meta.env.VITE_PUSHER_PORT ?? 80,
  wssPort: import.meta.env.VITE_PUSHER_PORT ?? 443,
  // ok: insecure-transport
  forceTLS: (import.meta.env.VITE_PUSHER_SCHEME ?? 'https') === 'https',
  // ok: insecure-transport
  enabledTransports: ['ws', 'wss'],
});

window.Echo.connector.pusher.connection.bind('unavailable', () => {
  document.body.classList.add('realtime-offline');
});
window.Echo.connector.pusher.connection.bind('error', (e) => {
  console.warn('[echo] connection error', e.error?.data?.code);
  // ruleid: reconnection-misuse @retriesFatalClose
  window.Echo.connector.pusher.connect();
});
window.Echo.connector.pusher.connection.bind('connected', () => {
  document.body.classList.remove('realtime-offline');
});
