import { auth } from '~/server/auth';
import { db } from '~/server/db';
import { pusher } from '~/server/pusher';

export async function POST(request: Request) {
  const session = await auth();
  if (!session?.user?.id) return new Response('Unauthorized', { status: 401 });

  const form = await request.formData();
  const socketId = String(form.get('socket_id'));
  const channel = String(form.get('channel_name'));

  const match = /^(private|presence)-ticket-(.+)$/.exec(channel);
  if (!match) return new Response('Forbidden', { status: 403 });
  const participant = await db.ticketParticipant.findFirst({ where: { ticketId: match[2], userId: session.user.id } });
  if (!participant) return new Response('Forbidden', { status: 403 });

  if (match[1] === 'presence') {
    // ok: client-side-authorization
    const signed = pusher.authorizeChannel(socketId, channel, {
      // ok: client-side-authorization
      user_id: session.user.id,
      user_info: {
        // ruleid: client-side-authorization @trustsClientIdentity
        name: String(form.get('display_name') ?? session.user.name),
        // ok: client-side-authorization
        avatar: session.user.image,
      },
    });
    return Response.json(signed);
  }
  // ok: client-side-authorization
  return Response.json(pusher.authorizeChannel(socketId, channel));
}
