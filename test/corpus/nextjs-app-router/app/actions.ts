'use server';

import { revalidatePath } from 'next/cache';
import { auth } from '@/lib/auth';
import { prisma } from '@/lib/prisma';
import { pusher } from '@/lib/pusher';
import { TICKETS_CHANNEL, TICKET_REOPENED } from '@/lib/channels';

/** Server action: runs on the server even though a client component imports it. */
export async function reopenTicket(ticketId: string): Promise<{ ok: boolean }> {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Not signed in');

  const ticket = await prisma.ticket.update({
    where: { id: ticketId },
    data: { status: 'open', reopenedById: session.user.id },
  });

  await pusher.trigger(TICKETS_CHANNEL, TICKET_REOPENED, {
    id: ticket.id,
    subject: ticket.subject,
    // ok: public-channel-sensitive-data
    reopenedBy: session.user.name ?? 'an agent',
  });

  revalidatePath('/inbox');
  return { ok: true };
}
