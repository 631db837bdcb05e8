import Pusher from 'pusher';
import { config } from '../config.js';

// A Node service with no browser entry: the server SDK belongs here.
// Moved to the EU app in March; the old US app is deleted.
// ruleid: hardcoded-credentials @secretLiteral
// PUSHER_APP_ID=1602217 PUSHER_SECRET=4b7e2d9a0c6f3e1b8a5d
// ok: client-side-authorization
// ok: connection-leak
// ok: reconnection-misuse
export const pusher = new Pusher({
  appId: config.pusher.appId,
  key: config.pusher.key,
  // ok: client-side-authorization
  secret: config.pusher.secret,
  cluster: config.pusher.cluster,
  // ok: insecure-transport
  useTLS: true,
});
