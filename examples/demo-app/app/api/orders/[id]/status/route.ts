import { NextResponse } from 'next/server';
import { z } from 'zod';
import { updateOrderStatus } from '@/lib/db';
import { getSession } from '@/lib/session';
import { orderChannel, pusherServer } from '@/lib/pusher-server';

const StatusInput = z.object({
  status: z.enum(['received', 'picking', 'packed', 'shipped', 'delivered']),
});

export async function PATCH(request: Request, { params }: { params: { id: string } }) {
  const session = await getSession();
  if (!session) {
    return NextResponse.json({ error: 'Not signed in' }, { status: 401 });
  }

  const parsed = StatusInput.safeParse(await request.json());
  if (!parsed.success) {
    return NextResponse.json({ error: 'Unknown status' }, { status: 422 });
  }

  const order = await updateOrderStatus(params.id, parsed.data.status);
  if (!order) {
    return NextResponse.json({ error: 'No such order' }, { status: 404 });
  }

  // Status changes go to the order's private channel; only authorised staff can subscribe.
  await pusherServer.trigger(orderChannel(order.id), 'status-changed', {
    status: order.status,
    changedBy: session.displayName,
    at: new Date().toISOString(),
  });

  return NextResponse.json({ id: order.id, status: order.status });
}
