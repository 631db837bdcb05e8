import { error, json } from '@sveltejs/kit';
import { pusher } from '$lib/server/pusher';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
  if (!locals.agent) error(401);
  const ticket = await db.tickets.findForAgent(params.id, locals.agent.id);
  if (!ticket) error(404);
  const { html, attachment } = await request.json();
  const reply = await db.replies.insert({ ticketId: ticket.id, agentId: locals.agent.id, html });
  // ok: trigger-relay
  await pusher.trigger(`private-ticket-${ticket.id}`, 'reply', { id: reply.id, html, agent: locals.agent.name });
  if (attachment) {
    // ruleid: protocol-limits
    await pusher.trigger(`private-ticket-${ticket.id}`, 'attachment', { name: attachment.name, dataBase64: attachment.base64 });
  }
  // ruleid: protocol-limits
  await pusher.trigger('ticket updates', 'reply-count', { ticketId: ticket.id });
  return json(reply, { status: 201 });
};
