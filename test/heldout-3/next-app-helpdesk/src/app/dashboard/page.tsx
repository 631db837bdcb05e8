import { db } from '~/server/db';
import { LiveCounter } from './LiveCounter';

export default async function Dashboard() {
  const open = await db.ticket.count({ where: { status: 'open' } });
  return (
    <main>
      <h1>Queue</h1>
      <LiveCounter initial={open} />
    </main>
  );
}
