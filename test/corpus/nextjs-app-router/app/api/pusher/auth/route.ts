import { NextResponse } from 'next/server';
import { auth } from '@/lib/auth';
import { prisma } from '@/lib/prisma';
import { pusher } from '@/lib/pusher';
import { INBOX_PRESENCE } from '@/lib/channels';

const TEAM_CHANNEL = /^private-(?:encrypted-)?team-([A-Za-z0-9_-]+)$/;
const AGENT_CHANNEL = /^private-agent-([A-Za-z0-9_-]+)$/;
const TICKET_CHANNEL = /^private-ticket-([A-Za-z0-9_-]+)$/;

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) {
    return new NextResponse('Unauthorized', { status: 401 });
  }

  const form = await req.formData();
  const socketId = form.get('socket_id');
  const channelName = form.get('channel_name');
  if (typeof socketId !== 'string' || typeof channelName !== 'string') {
    return new NextResponse('Bad request', { status: 400 });
  }

  if (channelName === INBOX_PRESENCE) {
    const presenceData = {
      // ok: client-side-authorization
      user_id: session.user.id,
      user_info: { displayName: session.user.name ?? 'Agent', avatarUrl: session.user.image ?? null },
    };
    return NextResponse.json(pusher.authorizeChannel(socketId, channelName, presenceData));
  }

  const team = TEAM_CHANNEL.exec(channelName);
  const agent = AGENT_CHANNEL.exec(channelName);
  const ticket = TICKET_CHANNEL.exec(channelName);

  if (team) {
    const membership = await prisma.teamMember.findUnique({
      where: { teamId_userId: { teamId: team[1], userId: session.user.id } },
    });
    if (!membership) return new NextResponse('Forbidden', { status: 403 });
  } else if (agent) {
    if (agent[1] !== session.user.id) return new NextResponse('Forbidden', { status: 403 });
  } else if (ticket) {
    const visible = await prisma.ticket.count({
      where: { id: ticket[1], team: { members: { some: { userId: session.user.id } } } },
    });
    if (visible === 0) return new NextResponse('Forbidden', { status: 403 });
  } else {
    return new NextResponse('Forbidden', { status: 403 });
  }

  // ok: client-side-authorization
  const authResponse = pusher.authorizeChannel(socketId, channelName);
  return NextResponse.json(authResponse);
}
