import { prisma } from '~/server/utils/prisma';

// pusher-js posts socket_id and channel_name form-encoded to this endpoint.
export default defineEventHandler(async (event) => {
  const session = await getUserSession(event);
  if (!session.user) {
    throw createError({ statusCode: 401, statusMessage: 'Sign in first' });
  }

  const { socket_id, channel_name } = await readBody<{ socket_id: string; channel_name: string }>(event);
  const match = /^private-team-(\d+)$/.exec(channel_name);
  if (!match) {
    throw createError({ statusCode: 403 });
  }

  const membership = await prisma.teamMember.findFirst({
    where: { teamId: Number(match[1]), userId: session.user.id },
  });
  if (!membership) {
    throw createError({ statusCode: 403, statusMessage: 'Not a member of this team' });
  }

  // ok: client-side-authorization
  return usePusherServer().authorizeChannel(socket_id, channel_name);
});
