'use client';

import { useEffect, useState } from 'react';
import Pusher from 'pusher-js';
import type { OrderStatus } from '@/lib/db';

interface StatusChanged {
  status: OrderStatus;
  changedBy: string;
  at: string;
}

/** Follows one order on its private channel; the auth endpoint decides who may listen. */
export function OrderTracker({ orderId, initialStatus }: { orderId: string; initialStatus: OrderStatus }) {
  const [history, setHistory] = useState<StatusChanged[]>([]);
  const [status, setStatus] = useState<OrderStatus>(initialStatus);
  const [connectionError, setConnectionError] = useState<string | null>(null);

  useEffect(() => {
    const pusher = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER ?? 'eu',
      channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax' },
    });

    pusher.connection.bind('error', (err: { data?: { code?: number } }) => {
      if (err.data?.code === 4004) setConnectionError('Too many live dashboards open right now.');
    });

    const channelName = `private-order-${orderId}`;
    const channel = pusher.subscribe(channelName);
    channel.bind('status-changed', (event: StatusChanged) => {
      setStatus(event.status);
      setHistory((current) => [...current, event]);
    });

    return () => {
      channel.unbind_all();
      pusher.unsubscribe(channelName);
      pusher.disconnect();
    };
  }, [orderId]);

  return (
    <section>
      <h2>Status: {status}</h2>
      {connectionError && <p className="warning">{connectionError}</p>}
      <ol>
        {history.map((entry) => (
          <li key={entry.at}>
            {entry.status} by {entry.changedBy} at {new Date(entry.at).toLocaleTimeString()}
          </li>
        ))}
      </ol>
    </section>
  );
}
