import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { pusher } from '$lib/server/pusher';
import { db } from '$lib/server/db';

const ROOM = /^(?:private|presence)-room-([a-z0-9]+)$/;

export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.user) throw error(401, 'Not signed in');

  const form = await request.formData();
  const socketId = String(form.get('socket_id') ?? '');
  const channelName = String(form.get('channel_name') ?? '');
  const match = ROOM.exec(channelName);
  if (!socketId || !match) throw error(403, 'Unknown channel');
  if (!(await db.isRoomMember(locals.user.id, match[1]))) throw error(403, 'Not in this room');

  if (channelName.startsWith('presence-')) {
    return json(
      pusher.authorizeChannel(socketId, channelName, {
        // ok: client-side-authorization
        user_id: locals.user.id,
        user_info: { displayName: locals.user.displayName },
      }),
    );
  }

  // ok: client-side-authorization
  return json(pusher.authorizeChannel(socketId, channelName));
};
