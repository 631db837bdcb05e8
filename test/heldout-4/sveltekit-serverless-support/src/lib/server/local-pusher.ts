import Pusher from 'pusher';

/** Used by `npm run dev:offline` with soketi on this machine. */
// ok: insecure-transport
// ok: hardcoded-credentials
export const localPusher = new Pusher({ appId: 'app-id', key: 'app-key', secret: 'app-secret', host: '127.0.0.1', port: '6001' });
