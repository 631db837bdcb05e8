import { NextResponse } from 'next/server';
import { z } from 'zod';
import { createOrder } from '@/lib/db';
import { getSession } from '@/lib/session';
import { ORDERS_CHANNEL, pusherServer } from '@/lib/pusher-server';

const OrderInput = z.object({
  items: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  totalCents: z.number().int().nonnegative(),
  customer: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().email(),
    phone: z.string(),
  }),
});

export async function POST(request: Request) {
  const session = await getSession();
  if (!session) {
    return NextResponse.json({ error: 'Not signed in' }, { status: 401 });
  }

  const parsed = OrderInput.safeParse(await request.json());
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 422 });
  }

  const order = await createOrder(parsed.data);

  // Tell every open dashboard about the new order so the floor can start picking.
  await pusherServer.trigger(ORDERS_CHANNEL, 'order-created', {
    id: order.id,
    reference: order.reference,
    itemCount: order.items.length,
    totalCents: order.totalCents,
    customerName: order.customer.name,
    customerEmail: order.customer.email,
    customerPhone: order.customer.phone,
    createdAt: order.createdAt,
  });

  return NextResponse.json(order, { status: 201 });
}
