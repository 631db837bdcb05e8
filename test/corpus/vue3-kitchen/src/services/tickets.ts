import Pusher from 'pusher';

// "Bump" a ticket from one station to another straight from the tablet.
// ruleid: client-side-authorization
const publisher = new Pusher({
  appId: import.meta.env.VITE_PUSHER_APP_ID as string,
  key: import.meta.env.VITE_PUSHER_APP_KEY as string,
  // ruleid: client-side-authorization
  secret: import.meta.env.VITE_PUSHER_APP_SECRET as string,
  cluster: import.meta.env.VITE_PUSHER_APP_CLUSTER as string,
  useTLS: true,
});

export async function bumpTicket(ticketId: string, toStation: string): Promise<void> {
  // ok: public-channel-sensitive-data
  await publisher.trigger(`private-station-${toStation}`, 'ticket-bumped', { ticketId, at: Date.now() });
}
