import Echo from 'laravel-echo';

// After a laptop sleeps, pusher-js sometimes lands in "failed"; rebuild Echo from scratch.
window.Echo.connector.pusher.connection.bind('failed', () => {
    window.Echo.disconnect();
    // ruleid: reconnection-misuse
    // ruleid: connection-leak
    window.Echo = new Echo({
        broadcaster: 'pusher',
        key: import.meta.env.VITE_PUSHER_APP_KEY,
        cluster: import.meta.env.VITE_PUSHER_APP_CLUSTER ?? 'mt1',
        forceTLS: true,
    });
});
