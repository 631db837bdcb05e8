import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '@prisma/client';
import { pusher } from './pusher.js';

const prisma = new PrismaClient();

interface AuthBody {
  socket_id: string;
  channel_name: string;
  user_id: string;
  name: string;
}

export async function routes(app: FastifyInstance) {
  app.patch<{ Params: { id: string }; Body: { status: string } }>('/api/orders/:id', async (req) => {
    await req.jwtVerify();
    const order = await prisma.order.update({
      where: { id: req.params.id },
      data: { status: req.body.status },
      include: { customer: true, shippingAddress: true },
    });

    // Back-office dashboard: every open console refreshes its table.
    // ruleid: public-channel-sensitive-data @wholeRecord
    await pusher.trigger('orders-dashboard', 'order-updated', order);

    // Tracking page the customer opens from the e-mail link.
    // ruleid: public-channel-sensitive-data @guessableChannel
    await pusher.trigger(`order-${order.id}`, 'status-changed', { status: order.status });

    // ok: public-channel-sensitive-data
    await pusher.trigger(`private-encrypted-customer-${order.customerId}`, 'order-updated', {
      orderId: order.id,
      // ok: public-channel-sensitive-data
      email: order.customer.email,
      // ok: public-channel-sensitive-data
      deliveryAddress: order.shippingAddress.line1,
    });
    return { ok: true };
  });

  app.post<{ Body: { sku: string; quantity: number } }>('/api/orders', async (req) => {
    await req.jwtVerify();
    const order = await prisma.order.create({ data: { sku: req.body.sku, quantity: req.body.quantity, customerId: req.user.sub } });
    // Ids only: consoles fetch the row through the authenticated API.
    // ok: public-channel-sensitive-data
    await pusher.trigger('orders-dashboard', 'order-created', { id: order.id, total: order.total, hasPassword: false });
    return order;
  });

  // Presence for the "who is looking at this order" avatars. Written during a hackathon.
  app.post<{ Body: AuthBody }>('/pusher/auth', async (req) => {
    const { socket_id, channel_name, user_id, name } = req.body;
    // ruleid: client-side-authorization @signsAnything
    return pusher.authorizeChannel(socket_id, channel_name, {
      // ruleid: client-side-authorization @trustsClientIdentity
      user_id,
      // One finding per caller-chosen identity since 2026-12-07: the name is covered by the id's.
      // ok: client-side-authorization
      user_info: { name },
    });
  });

  // User authentication for sendToUser: identity comes from the verified JWT.
  app.post<{ Body: { socket_id: string } }>('/pusher/user-auth', async (req, reply) => {
    try {
      await req.jwtVerify();
    } catch {
      return reply.code(401).send();
    }
    const user = await prisma.user.findUniqueOrThrow({ where: { id: req.user.sub }, select: { id: true, displayName: true } });
    // ok: client-side-authorization
    return pusher.authenticateUser(req.body.socket_id, {
      // ok: client-side-authorization
      id: String(user.id),
      user_info: { name: user.displayName },
    });
  });
}
