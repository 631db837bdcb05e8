import 'server-only';
import Pusher from 'pusher';
import { env } from '~/env';

// ok: client-side-authorization
// ok: connection-leak
// ok: reconnection-misuse
export const pusher = new Pusher({
  appId: env.PUSHER_APP_ID,
  // ok: hardcoded-credentials
  key: env.NEXT_PUBLIC_PUSHER_KEY,
  // ok: client-side-authorization
  // ok: hardcoded-credentials
  secret: env.PUSHER_SECRET,
  cluster: env.NEXT_PUBLIC_PUSHER_CLUSTER,
  // ok: insecure-transport
  useTLS: true,
});

// Startup diagnostics: says whether the secret is configured, never what it is.
// ok: hardcoded-credentials
// ok: client-side-authorization
console.info(`[pusher] app ${env.PUSHER_APP_ID}, secret ${env.PUSHER_SECRET ? 'present' : 'missing'}`);

export interface TicketEvent {
  id: string;
  ticketId: string;
  authorId: string;
  excerpt: string;
  createdAt: string;
}

export const ticketChannel = (ticketId: string) => `private-ticket-${ticketId}`;
