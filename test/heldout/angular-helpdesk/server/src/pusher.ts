import Pusher from 'pusher';

export interface TicketEvent {
  ticketId: string;
  kind: 'comment' | 'status' | 'assignment';
  at: string;
}

export const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.PUSHER_KEY!,
  // ok: hardcoded-credentials
  secret: process.env.PUSHER_SECRET!,
  cluster: process.env.PUSHER_CLUSTER ?? 'eu',
  useTLS: true,
});

interface Ticket {
  id: string;
  status: string;
  priority: number;
  assigneeId: string | null;
  requester: { id: string; email: string; phone: string | null };
}

/** Nightly SLA job: one batch call for up to 10 tickets instead of one trigger each. */
export async function publishSlaUpdates(tickets: Ticket[]) {
  for (let i = 0; i < tickets.length; i += 10) {
    await pusher.triggerBatch(
      tickets.slice(i, i + 10).map((t) => ({
        channel: 'tickets',
        name: 'ticket-updated',
        // ok: public-channel-sensitive-data
        data: { id: t.id, status: t.status, priority: t.priority, assigneeId: t.assigneeId },
      })),
    );
  }
}

/** Escalations go to the wallboard in the support room. */
export async function publishEscalations(tickets: Ticket[]) {
  await pusher.triggerBatch(
    tickets.map((t) => ({
      channel: 'wallboard',
      name: 'escalated',
      data: {
        id: t.id,
        priority: t.priority,
        // ruleid: public-channel-sensitive-data @sensitiveField
        requesterEmail: t.requester.email,
      },
    })),
  );
}

export async function publishTicketEvent(event: TicketEvent, requesterPhone: string | null) {
  // Agents see the caller's number in the ticket pane; the channel is encrypted end to end.
  // ok: public-channel-sensitive-data
  await pusher.trigger(`private-encrypted-ticket-${event.ticketId}`, 'ticket-event', { ...event, requesterPhone });
}
