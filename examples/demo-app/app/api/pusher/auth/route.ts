import { NextResponse } from 'next/server';
import { pusherServer } from '@/lib/pusher-server';

/**
 * Channel authorization endpoint for pusher-js (`channelAuthorization.endpoint`).
 * pusher-js posts `socket_id` and `channel_name` as a form body.
 */
export async function POST(request: Request) {
  const form = await request.formData();
  const socketId = String(form.get('socket_id') ?? '');
  const channelName = String(form.get('channel_name') ?? '');

  if (!socketId || !channelName) {
    return NextResponse.json({ error: 'socket_id and channel_name are required' }, { status: 400 });
  }

  if (channelName.startsWith('presence-')) {
    const presenceData = {
      user_id: String(form.get('user_id') ?? 'anonymous'),
      user_info: { name: String(form.get('name') ?? 'Warehouse staff') },
    };
    return NextResponse.json(pusherServer.authorizeChannel(socketId, channelName, presenceData));
  }

  const authResponse = pusherServer.authorizeChannel(socketId, channelName);
  return NextResponse.json(authResponse);
}
