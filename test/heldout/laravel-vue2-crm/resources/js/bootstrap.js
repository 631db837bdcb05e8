window._ = require('lodash');

window.axios = require('axios');
window.axios.defaults.headers.common['X-Requested-With'] = 'XMLHttpRequest';

/**
 * Echo exposes an expressive API for subscribing to channels and listening
 * for events that are broadcast by Laravel.
 */
import Echo from 'laravel-echo';

window.Pusher = require('pusher-js');

// ok: client-side-authorization
// ok: reconnection-misuse
// ok: connection-leak
window.Echo = new Echo({
  broadcaster: 'pusher',
  // ok: hardcoded-credentials
  key: process.env.MIX_PUSHER_APP_KEY,
  cluster: process.env.MIX_PUSHER_APP_CLUSTER,
  forceTLS: true,
});

window.Echo.connector.pusher.connection.bind('error', (err) => {
  const code = (err && err.error && err.error.data && err.error.data.code) || (err && err.data && err.data.code);
  if (code === 4004 || code === 4009) {
    window.dispatchEvent(new CustomEvent('realtime:refused', { detail: { code } }));
  }
});

// Reps leave the CRM open all day on hotel Wi-Fi; get the socket back quickly.
window.Echo.connector.pusher.connection.bind('unavailable', () => {
  setTimeout(() => {
    // ruleid: reconnection-misuse @reconnectInStateHandler
    window.Echo.connector.pusher.connect();
  }, 3000);
});
