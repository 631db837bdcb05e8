import { useEffect, useState } from 'react';
import { pusher } from '../lib/pusher';

interface OrderRow {
  id: string;
  total: number;
}

export function useOrderFeed(onChange: () => void) {
  useEffect(() => {
    // Shared with the sidebar counters: remove only our handler, keep the subscription.
    // ok: connection-leak
    const channel = pusher.subscribe('orders-dashboard');
    channel.bind('order-created', onChange);
    channel.bind('order-updated', onChange);
    return () => {
      channel.unbind('order-created', onChange);
      channel.unbind('order-updated', onChange);
    };
  }, [onChange]);
}

export function useOrderStatus(orderId: string) {
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    // ruleid: public-channel-sensitive-data @guessableChannel
    // ok: connection-leak
    const channel = pusher.subscribe(`order-${orderId}`);
    channel.bind('status-changed', (e: { status: string }) => setStatus(e.status));
    return () => {
      // ruleid: connection-leak @wrongChannelCleanup
      pusher.unsubscribe(`private-order-${orderId}`);
    };
  }, [orderId]);
  return status;
}

export function useViewers(orderId: string) {
  const [count, setCount] = useState(0);
  // ruleid: connection-leak @effectWithoutDeps
  useEffect(() => {
    const name = `presence-order-${orderId}`;
    const presence = pusher.subscribe(name);
    presence.bind('pusher:subscription_succeeded', () => setCount((presence as any).members.count));
    return () => pusher.unsubscribe(name);
  });
  return count;
}

export type { OrderRow };
