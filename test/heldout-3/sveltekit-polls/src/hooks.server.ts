import type { Handle } from '@sveltejs/kit';
import { PUSHER_SECRET } from '$env/static/private';
import { getUserFromSession } from '$lib/server/session';

// ok: hardcoded-credentials
console.log('[polls] pusher secret configured:', Boolean(PUSHER_SECRET));

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = await getUserFromSession(event.cookies.get('session'));
  return resolve(event);
};
