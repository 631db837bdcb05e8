import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { pusher } from '@/lib/pusher-server';
import { db } from '@/lib/db';

/** Used by the mobile app and the bots: post a message to any channel the client names. */
export async function POST(request: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return new Response('Unauthorized', { status: 401 });
  const { channel, event, text } = await request.json();
  const message = await db.message.create({ data: { channel, text, authorId: session.user.id }, select: { id: true, text: true, createdAt: true } });
  // ruleid: trigger-relay
  await pusher.trigger(channel, event ?? 'message', { id: message.id, text: message.text, authorId: session.user.id });
  return Response.json(message, { status: 201 });
}
