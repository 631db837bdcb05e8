import 'server-only';
import Pusher from 'pusher';

// Also reached through app/rooms/actions.ts, which client components import as server-action stubs.
// ok: insecure-transport
// ok: client-side-authorization
export const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.NEXT_PUBLIC_PUSHER_KEY!,
  secret: process.env.PUSHER_SECRET!,
  cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
  useTLS: true,
});
