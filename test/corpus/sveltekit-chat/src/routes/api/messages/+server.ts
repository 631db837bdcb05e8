import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { pusher } from '$lib/server/pusher';
import { db } from '$lib/server/db';

export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.user) throw error(401, 'Sign in to chat');

  const { roomId, text } = (await request.json()) as { roomId?: string; text?: string };
  if (!roomId || !text?.trim()) throw error(400, 'roomId and text are required');
  if (!(await db.isRoomMember(locals.user.id, roomId))) throw error(403, 'Not in this room');

  const message = await db.createMessage({ roomId, authorId: locals.user.id, text: text.trim() });

  await pusher.trigger(`private-room-${roomId}`, 'message', {
    id: message.id,
    text: message.text,
    // ok: public-channel-sensitive-data
    authorName: locals.user.displayName,
    sentAt: message.createdAt,
  });

  // The room's presence roster shows a contact card next to the newest poster.
  await pusher.trigger(`presence-room-${roomId}`, 'last-poster', {
    displayName: locals.user.displayName,
    // ruleid: public-channel-sensitive-data
    email: locals.user.email,
  });

  return json({ id: message.id }, { status: 201 });
};
