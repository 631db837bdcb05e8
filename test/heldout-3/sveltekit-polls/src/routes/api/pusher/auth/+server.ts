import { error, json } from '@sveltejs/kit';
import { pusher } from '$lib/server/pusher';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.user) error(401, 'sign in first');
  const form = await request.formData();
  const socketId = String(form.get('socket_id'));
  const channel = String(form.get('channel_name'));

  if (channel === 'presence-lobby') {
    // ok: client-side-authorization
    return json(pusher.authorizeChannel(socketId, channel, { user_id: String(locals.user.id), user_info: { name: locals.user.name } }));
  }
  if (channel.startsWith('private-poll-admin-') && locals.user.isAdmin) {
    // ok: client-side-authorization
    return json(pusher.authorizeChannel(socketId, channel));
  }
  error(403, 'not your channel');
};
