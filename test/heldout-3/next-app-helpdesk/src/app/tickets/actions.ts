'use server';

import { revalidatePath } from 'next/cache';
import { auth } from '~/server/auth';
import { db } from '~/server/db';
import { pusher, ticketChannel } from '~/server/pusher';

export async function postReply(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Not signed in');
  const ticketId = String(formData.get('ticketId'));
  const body = String(formData.get('body'));
  const reply = await db.reply.create({ data: { ticketId, body, authorId: session.user.id } });
  // ok: public-channel-sensitive-data
  await pusher.trigger(ticketChannel(ticketId), 'reply-created', {
    id: reply.id,
    ticketId,
    authorId: session.user.id,
    excerpt: body.slice(0, 140),
    createdAt: reply.createdAt.toISOString(),
  });
  revalidatePath(`/tickets/${ticketId}`);
}

export async function createTicket(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Not signed in');
  const ticket = await db.ticket.create({
    data: { subject: String(formData.get('subject')), body: String(formData.get('body')), requesterId: session.user.id },
  });
  // ruleid: public-channel-sensitive-data @wholeRecord
  await pusher.trigger('tickets-board', 'ticket-created', ticket);
  return ticket.id;
}

export async function closeTicket(ticketId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Not signed in');
  const ticket = await db.ticket.update({
    where: { id: ticketId },
    data: { status: 'closed', closedById: session.user.id },
    include: { requester: true },
  });
  // The agents' board is a public channel every agent screen subscribes to.
  await pusher.trigger('tickets-board', 'ticket-closed', {
    id: ticket.id,
    status: ticket.status,
    // ruleid: public-channel-sensitive-data @sensitiveField
    requesterEmail: ticket.requester.email,
    // ok: public-channel-sensitive-data
    requesterHasAccount: ticket.requester.emailVerified !== null,
  });
}

export async function assignTicket(ticketId: string, agentId: string) {
  const ticket = await db.ticket.update({ where: { id: ticketId }, data: { agentId }, select: { id: true, status: true, customerId: true } });
  // ruleid: public-channel-sensitive-data @guessableChannel
  await pusher.trigger(`customer-${ticket.customerId}`, 'ticket-updated', { id: ticket.id, status: ticket.status });
}
