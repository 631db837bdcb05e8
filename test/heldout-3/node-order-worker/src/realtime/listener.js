import PusherClient from 'pusher-js';
import { config } from '../config.js';
import { logger } from '../logger.js';
import { pusher } from './pusher.js';
import { notifyQueue } from '../queue.js';

/**
 * The storefront publishes order events on a private channel; this worker listens with pusher-js
 * (running in Node, next to the secret) and signs its own subscription with the server SDK.
 */
export function startListener() {
  // ok: client-side-authorization
  // ok: connection-leak
  // ruleid: reconnection-misuse @noErrorHandling
  // ok: hardcoded-credentials
  const socket = new PusherClient(config.pusher.key, {
    cluster: config.pusher.cluster,
    channelAuthorization: {
      endpoint: '/unused',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => {
        // ok: client-side-authorization
        callback(null, pusher.authorizeChannel(socketId, channelName));
      },
    },
  });

  logger.info('listening for storefront order events');

  // ok: public-channel-sensitive-data
  // ok: connection-leak
  const ingest = socket.subscribe('private-orders-ingest');
  ingest.bind('order-placed', (event) => notifyQueue.add('order-placed', { orderId: event.orderId }));

  return () => socket.disconnect();
}
