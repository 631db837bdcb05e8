'use server';

import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { pusher } from '@/lib/pusher-server';
import { db, isMember } from '@/lib/db';

export async function sendMessage(roomId: string, text: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user) throw new Error('Unauthorized');
  if (!(await isMember(roomId, session.user.id))) throw new Error('Forbidden');
  const message = await db.message.create({ data: { roomId, text, authorId: session.user.id }, select: { id: true, text: true } });
  // ok: trigger-relay
  await pusher.trigger(`private-room-${roomId}`, 'message', { id: message.id, text: message.text, authorId: session.user.id });
}

export async function markAllRead() {
  const session = await getServerSession(authOptions);
  if (!session?.user) throw new Error('Unauthorized');
  await db.membership.updateMany({ where: { userId: session.user.id }, data: { lastReadAt: new Date() } });
  // ok: trigger-relay
  await pusher.trigger(`private-user-${session.user.id}`, 'read-all', { at: Date.now() });
}

/** Pins a message in several rooms at once: one call, one channel per room. */
export async function pinAnnouncement(roomIds: string[], messageId: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.isAdmin) throw new Error('Forbidden');
  // ok: unbatched-triggers
  // ok: trigger-relay
  // ok: protocol-limits
  await pusher.trigger(roomIds.slice(0, 100).map((id) => `private-room-${id}`), 'pinned', { messageId });
}
