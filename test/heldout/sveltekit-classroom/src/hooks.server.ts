import type { Handle } from '@sveltejs/kit';
import { db } from '$lib/server/db';

const SESSION_COOKIE = 'cl_session';

export const handle: Handle = async ({ event, resolve }) => {
  const sid = event.cookies.get(SESSION_COOKIE);
  event.locals.user = null;

  if (sid) {
    const session = await db.session.findUnique({
      where: { id: sid },
      select: {
        expiresAt: true,
        user: { select: { id: true, displayName: true, role: true } },
      },
    });
    if (session && session.expiresAt > new Date()) {
      event.locals.user = session.user;
    } else {
      event.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }

  return resolve(event);
};
