import { notFound } from 'next/navigation';
import { db } from '~/server/db';
import { auth } from '~/server/auth';
import { TicketThread } from './TicketThread';

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await auth();
  if (!session?.user) notFound();
  const ticket = await db.ticket.findUnique({
    where: { id },
    select: { id: true, subject: true, replies: { select: { id: true, authorId: true, excerpt: true, createdAt: true } } },
  });
  if (!ticket) notFound();
  const initial = ticket.replies.map((r) => ({ ...r, ticketId: ticket.id, createdAt: r.createdAt.toISOString() }));
  return (
    <main>
      <h1>{ticket.subject}</h1>
      <TicketThread ticketId={ticket.id} initial={initial} />
    </main>
  );
}
