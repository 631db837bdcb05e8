import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { pusher } from '@/lib/pusher-server';
import { isMember } from '@/lib/db';

export async function POST(request: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return new Response('Unauthorized', { status: 401 });
  const params = new URLSearchParams(await request.text());
  const socketId = params.get('socket_id')!;
  const channel = params.get('channel_name')!;
  const roomId = channel.replace(/^(private|presence)-room-/, '');
  if (channel !== `private-user-${session.user.id}` && !(await isMember(roomId, session.user.id))) {
    return new Response('Forbidden', { status: 403 });
  }
  if (channel.startsWith('presence-')) {
    // ok: presence-misuse
    return Response.json(pusher.authorizeChannel(socketId, channel, { user_id: session.user.id, user_info: { name: session.user.name, image: session.user.image } }));
  }
  return Response.json(pusher.authorizeChannel(socketId, channel));
}
