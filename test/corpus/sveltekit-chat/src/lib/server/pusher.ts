import Pusher from 'pusher';
import { PUSHER_APP_ID, PUSHER_SECRET } from '$env/static/private';
import { PUBLIC_PUSHER_CLUSTER, PUBLIC_PUSHER_KEY } from '$env/static/public';

// ok: client-side-authorization
export const pusher = new Pusher({
  appId: PUSHER_APP_ID,
  // ok: hardcoded-credentials
  key: PUBLIC_PUSHER_KEY,
  // ok: hardcoded-credentials
  secret: PUSHER_SECRET,
  cluster: PUBLIC_PUSHER_CLUSTER,
  useTLS: true,
});

export const roomChannel = (roomId: string) => `private-room-${roomId}`;
