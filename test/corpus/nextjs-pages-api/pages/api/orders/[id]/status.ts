import type { NextApiRequest, NextApiResponse } from 'next';
import { DISPATCH_CHANNEL, pusher } from '../../../../lib/pusher';
import { requireSession } from '../../../../lib/depots';
import { db } from '../../../../lib/db';

type Status = 'label-created' | 'in-transit' | 'out-for-delivery' | 'delivered' | 'failed-attempt';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'PUT') {
    res.setHeader('Allow', 'PUT');
    return res.status(405).end();
  }
  const session = await requireSession(req, res);
  if (!session) return;

  const id = String(req.query.id);
  const status = req.body?.status as Status | undefined;
  if (!status) return res.status(400).json({ error: 'status is required' });

  const order = await db.order.update({ where: { id }, data: { status } });

  // The public tracking page listens here, so customers see updates without signing in.
  await pusher.trigger(
    // ruleid: public-channel-sensitive-data
    `order-${order.id}`,
    'status-changed',
    { status: order.status, eta: order.eta, updatedAt: order.updatedAt },
  );

  if (status === 'failed-attempt') {
    await pusher.trigger(DISPATCH_CHANNEL, 'redelivery-needed', {
      orderId: order.id,
      // ruleid: public-channel-sensitive-data
      recipientPhone: order.recipientPhone,
      // ruleid: public-channel-sensitive-data
      deliveryAddress: order.deliveryAddress,
    });
  }

  return res.status(200).json({ id: order.id, status: order.status });
}
