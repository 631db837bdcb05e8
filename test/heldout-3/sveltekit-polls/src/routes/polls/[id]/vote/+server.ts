import { error, json } from '@sveltejs/kit';
import { pusher } from '$lib/server/pusher';
import { recordVote } from '$lib/server/votes';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals, getClientAddress }) => {
  if (!locals.user) error(401);
  const { optionId } = await request.json();
  const tallies = await recordVote(params.id, optionId, locals.user.id);
  // ok: public-channel-sensitive-data
  await pusher.trigger(`poll-${params.id}`, 'tally', tallies);
  await pusher.trigger(`poll-${params.id}`, 'voted', {
    optionId,
    voter: {
      name: locals.user.name,
      // ruleid: public-channel-sensitive-data @sensitiveField
      email: locals.user.email,
    },
    // ruleid: public-channel-sensitive-data @sensitiveField
    ip: getClientAddress(),
  });
  return json({ ok: true });
};
