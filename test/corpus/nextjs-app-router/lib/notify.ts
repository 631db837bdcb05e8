import Pusher from 'pusher';

// Escalations used to be sent from a Lambda; this helper was moved here so the button can call it.
// ruleid: client-side-authorization
const escalations = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.NEXT_PUBLIC_PUSHER_KEY!,
  // ok: client-side-authorization
  secret: process.env.PUSHER_SECRET!,
  cluster: 'eu',
  useTLS: true,
});

export async function notifyEscalation(ticketId: string, reason: string): Promise<void> {
  await escalations.trigger('private-escalations', 'ticket-escalated', {
    ticketId,
    reason,
    at: new Date().toISOString(),
  });
}
