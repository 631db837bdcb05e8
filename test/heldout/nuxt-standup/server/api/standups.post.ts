import { prisma } from '~/server/utils/prisma';

export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  const body = await readBody<{ teamId: number; yesterday: string; today: string; blockers: string }>(event);

  const standup = await prisma.standup.create({
    data: { teamId: body.teamId, authorId: user.id, yesterday: body.yesterday, today: body.today, blockers: body.blockers },
  });

  const pusher = usePusherServer();

  // Team members fetch the full entry over the API; the event only says something changed.
  // ok: public-channel-sensitive-data
  await pusher.trigger(`private-team-${body.teamId}`, 'standup-posted', { id: standup.id, authorId: user.id });

  // The company-wide activity ticker on the landing page.
  await pusher.trigger('team-activity', 'member-posted', {
    teamId: body.teamId,
    displayName: user.displayName,
    // ruleid: public-channel-sensitive-data @sensitiveField
    email: user.email,
    // ok: public-channel-sensitive-data
    emailVerified: user.emailVerified,
    postedAt: standup.createdAt,
  });

  return { id: standup.id };
});
