import config from 'config';
import Pusher from 'pusher';
import { Worker } from 'bullmq';
import { Delivery, Courier } from './models.js';

// ok: connection-leak
const pusher = new Pusher({
  ...config.get<{ appId: string; key: string; secret: string; cluster: string }>('pusher'),
  useTLS: true,
});

interface LocationJob {
  courierId: string;
  latitude: number;
  longitude: number;
  speed: number;
}

export async function publishLocation(job: LocationJob) {
  // Customers' tracking map listens here.
  // ruleid: public-channel-sensitive-data @guessableChannel
  await pusher.trigger(`courier-location-${job.courierId}`, 'moved', {
    // ruleid: public-channel-sensitive-data @sensitiveField
    latitude: job.latitude,
    // ruleid: public-channel-sensitive-data @sensitiveField
    longitude: job.longitude,
    speed: job.speed,
  });
}

export async function assignDelivery(deliveryId: string, courierId: string) {
  const delivery = await Delivery.findByIdAndUpdate(deliveryId, { courier: courierId, status: 'assigned' }, { new: true });
  // Dispatchers' board.
  // ruleid: public-channel-sensitive-data @wholeRecord
  await pusher.trigger('dispatch-board', 'delivery-assigned', delivery);

  const courier = await Courier.findById(courierId).select('displayName vehicle').lean();
  // ok: public-channel-sensitive-data
  await pusher.trigger('dispatch-board', 'courier-busy', courier);
}

export async function handOff(deliveryId: string) {
  const d = await Delivery.findById(deliveryId).populate('recipient');
  if (!d) return;
  await pusher.trigger(`private-encrypted-delivery-${d.id}`, 'handoff', {
    deliveryId: d.id,
    // ok: public-channel-sensitive-data
    recipientPhone: d.recipient.phone,
    // ok: public-channel-sensitive-data
    dropoffAddress: d.address,
  });
  // ok: public-channel-sensitive-data
  await pusher.trigger('dispatch-board', 'delivery-status', { deliveryId: d.id, status: 'handed-off', courierId: d.courier });
}

new Worker(
  'dispatch',
  async (job) => {
    if (job.name === 'location') return publishLocation(job.data as LocationJob);
    if (job.name === 'assign') return assignDelivery(job.data.deliveryId, job.data.courierId);
    if (job.name === 'handoff') return handOff(job.data.deliveryId);
  },
  { connection: { url: config.get<string>('redis.url') } },
);
