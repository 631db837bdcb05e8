import { NextResponse } from 'next/server';
import { z } from 'zod';
import { auth } from '@/lib/auth';
import { prisma } from '@/lib/prisma';
import { pusher } from '@/lib/pusher';
import { TICKETS_CHANNEL, TICKET_CREATED } from '@/lib/channels';

const NewTicket = z.object({
  subject: z.string().min(3).max(200),
  body: z.string().min(1),
  priority: z.enum(['low', 'normal', 'urgent']).default('normal'),
  teamId: z.string(),
  customerId: z.string(),
});

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }

  const parsed = NewTicket.safeParse(await req.json());
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 422 });
  }

  const ticket = await prisma.ticket.create({
    data: { ...parsed.data, createdById: session.user.id },
    include: { customer: true, assignee: true },
  });

  // The shared queue view: every agent on the floor sees new tickets arrive.
  await pusher.trigger(TICKETS_CHANNEL, TICKET_CREATED, {
    // ok: public-channel-sensitive-data
    id: ticket.id,
    subject: ticket.subject,
    priority: ticket.priority,
    // ruleid: public-channel-sensitive-data
    customerEmail: ticket.customer.email,
    // ok: public-channel-sensitive-data
    gravatarHash: ticket.customer.emailHash,
  });

  // The owning team gets the contact details end-to-end encrypted.
  await pusher.trigger(`private-encrypted-team-${ticket.teamId}`, TICKET_CREATED, {
    id: ticket.id,
    // ok: public-channel-sensitive-data
    customerEmail: ticket.customer.email,
    // ok: public-channel-sensitive-data
    customerPhone: ticket.customer.phone,
  });

  if (ticket.assignee) {
    // Private but not encrypted: Pusher itself can read what goes through here.
    await pusher.trigger(`private-agent-${ticket.assignee.id}`, 'ticket-assigned', {
      id: ticket.id,
      subject: ticket.subject,
      // ruleid: public-channel-sensitive-data
      customerPhone: ticket.customer.phone,
    });

    // Server-to-user messages only reach the signed-in assignee.
    await pusher.sendToUser(ticket.assignee.id, 'ticket-assigned', {
      id: ticket.id,
      // ok: public-channel-sensitive-data
      customerEmail: ticket.customer.email,
    });
  }

  return NextResponse.json({ id: ticket.id }, { status: 201 });
}
