import { redirect } from 'next/navigation';
import { OrderFeed } from '@/components/OrderFeed';
import { getSession } from '@/lib/session';

export const dynamic = 'force-dynamic';

export default async function DashboardPage() {
  const session = await getSession();
  if (!session) redirect('/login');

  return (
    <>
      <h2>Today&apos;s orders</h2>
      <p>Signed in as {session.displayName}</p>
      <OrderFeed initialOrders={[]} />
    </>
  );
}
