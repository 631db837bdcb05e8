import { notFound, redirect } from 'next/navigation';
import { OrderTracker } from '@/components/OrderTracker';
import { canViewOrder, findOrder } from '@/lib/db';
import { getSession } from '@/lib/session';

export default async function OrderPage({ params }: { params: { id: string } }) {
  const session = await getSession();
  if (!session) redirect('/login');

  const order = await findOrder(params.id);
  if (!order || !(await canViewOrder(session.staffId, order.id))) notFound();

  return (
    <article>
      <h2>Order {order.reference}</h2>
      <p>{order.items.length} items</p>
      <OrderTracker orderId={order.id} initialStatus={order.status} />
    </article>
  );
}
