import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { pusher } from '$lib/server/pusher';

const PRESENCE_CLASS = /^presence-class-([a-z0-9]{8,32})$/;

export const POST: RequestHandler = async ({ request, locals }) => {
  const user = locals.user;
  if (!user) throw error(401, 'Sign in first');

  const form = await request.formData();
  const socketId = String(form.get('socket_id') ?? '');
  const channel = String(form.get('channel_name') ?? '');

  const match = PRESENCE_CLASS.exec(channel);
  if (match) {
    const enrolment = await db.enrolment.findFirst({
      where: { classId: match[1], userId: user.id },
      select: { role: true },
    });
    if (!enrolment) throw error(403, 'Not enrolled in this class');

    // ok: client-side-authorization
    const auth = pusher.authorizeChannel(socketId, channel, {
      // ok: client-side-authorization
      user_id: user.id,
      user_info: {
        // ok: client-side-authorization
        name: user.displayName,
        // The page passes ?role=teacher for co-teachers so the roster shows the badge.
        // ruleid: client-side-authorization @trustsClientIdentity
        role: (form.get('role') as string | null) ?? enrolment.role,
      },
    });
    return json(auth);
  }

  if (channel === `private-encrypted-student-${user.id}`) {
    // ok: client-side-authorization
    return json(pusher.authorizeChannel(socketId, channel));
  }

  throw error(403, 'Unknown channel');
};
