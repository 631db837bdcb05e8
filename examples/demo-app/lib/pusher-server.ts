import Pusher from 'pusher';

/**
 * Server-side Pusher client, shared by every API route.
 * Credentials come from the Vercel project settings; the fallbacks keep local dev working.
 */
export const pusherServer = new Pusher({
  appId: process.env.PUSHER_APP_ID ?? '1700042',
  key: process.env.NEXT_PUBLIC_PUSHER_KEY ?? '5d1e7a0c3b9f28e4d6a1',
  secret: process.env.PUSHER_SECRET || 'b7e1c0de5ec0de000000',
  cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER ?? 'eu',
  useTLS: true,
});

export const ORDERS_CHANNEL = 'orders';

export function orderChannel(orderId: string): string {
  return `private-order-${orderId}`;
}
