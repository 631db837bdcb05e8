import { json } from '@sveltejs/kit';
import { pusher } from '$lib/server/pusher';
import type { RequestHandler } from './$types';

/** The widget on the marketing site calls this without a login. */
export const GET: RequestHandler = async ({ url }) => {
  const channel = url.searchParams.get('channel') ?? 'support-lobby';
  // ruleid: trigger-relay
  await pusher.trigger(channel, 'typing', { at: Date.now() });
  return json({ ok: true });
};
