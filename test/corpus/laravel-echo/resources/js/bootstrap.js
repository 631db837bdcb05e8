import axios from 'axios';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';

window.axios = axios;
window.axios.defaults.headers.common['X-Requested-With'] = 'XMLHttpRequest';

window.Pusher = Pusher;

// ok: connection-leak
// ok: reconnection-misuse
window.Echo = new Echo({
    broadcaster: 'pusher',
    // ok: hardcoded-credentials
    key: import.meta.env.VITE_PUSHER_APP_KEY,
    cluster: import.meta.env.VITE_PUSHER_APP_CLUSTER ?? 'mt1',
    forceTLS: true,
});

window.Echo.connector.pusher.connection.bind('error', (error) => {
    const code = error?.data?.code ?? error?.error?.data?.code;
    if (code >= 4000 && code < 4100) {
        // Over quota or app disabled: pusher-js will not retry these, and neither do we.
        // ok: reconnection-misuse
        document.dispatchEvent(new CustomEvent('realtime:unavailable', { detail: { code } }));
    }
});
