import { Worker } from 'bullmq';
import { connection } from '../queue.js';
import { findOrder } from '../db/pool.js';
import { pusher } from '../realtime/pusher.js';
import { toCustomerEvent, toOrderEvent } from '../realtime/events.js';
import { logger } from '../logger.js';

export const notifyWorker = new Worker(
  'notify',
  async (job) => {
    const order = await findOrder(job.data.orderId);
    if (!order) return;

    // Dispatch screens in the warehouse watch this public channel.
    await pusher.trigger('dispatch-board', 'order-ready', toOrderEvent(order));

    // ruleid: public-channel-sensitive-data @guessableChannel
    await pusher.trigger(`customer-orders-${order.customer_id}`, 'status', toCustomerEvent(order));

    // ok: public-channel-sensitive-data
    await pusher.trigger(`private-encrypted-customer-${order.customer_id}`, 'receipt', { orderId: order.id, email: order.email, totalCents: order.total_cents });

    await pusher.triggerBatch([
      {
        channel: `private-store-${job.data.storeId}`,
        name: 'order-ready',
        data: {
          orderId: order.id,
          // ruleid: public-channel-sensitive-data @privateUnencrypted
          customerPhone: order.phone,
        },
      },
      // ok: public-channel-sensitive-data
      { channel: 'ops-metrics', name: 'order-count', data: { delta: 1 } },
    ]);
    logger.info({ orderId: order.id }, 'notified');
  },
  { connection, concurrency: 5 },
);
