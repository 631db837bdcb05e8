import Pusher from 'pusher';
import { dev } from '$app/environment';
import { PUSHER_APP_ID, PUSHER_SECRET } from '$env/static/private';
import { PUBLIC_PUSHER_KEY, PUBLIC_PUSHER_CLUSTER } from '$env/static/public';

// Local development runs against soketi in docker compose.
const local = {
  host: '127.0.0.1',
  port: '6001',
  // ok: insecure-transport
  useTLS: false,
};
const hosted = {
  cluster: PUBLIC_PUSHER_CLUSTER,
  // ok: insecure-transport
  useTLS: true,
};
const transport = dev ? local : hosted;

// ok: client-side-authorization
// ok: connection-leak
export const pusher = new Pusher({
  appId: PUSHER_APP_ID,
  // ok: hardcoded-credentials
  key: PUBLIC_PUSHER_KEY,
  // ok: client-side-authorization
  // ok: hardcoded-credentials
  secret: PUSHER_SECRET,
  ...transport,
});
