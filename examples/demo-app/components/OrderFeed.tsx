'use client';

import { useEffect, useState } from 'react';
import Pusher from 'pusher-js';

interface OrderCreatedEvent {
  id: string;
  reference: string;
  itemCount: number;
  totalCents: number;
  customerName: string;
  createdAt: string;
}

const currency = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export function OrderFeed({ initialOrders }: { initialOrders: OrderCreatedEvent[] }) {
  const [orders, setOrders] = useState<OrderCreatedEvent[]>(initialOrders);

  useEffect(() => {
    const pusher = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER ?? 'eu',
    });

    const channel = pusher.subscribe('orders');
    channel.bind('order-created', (order: OrderCreatedEvent) => {
      setOrders((current) => [order, ...current].slice(0, 50));
    });

    return () => {
      channel.unbind('order-created');
    };
  }, []);

  if (orders.length === 0) {
    return <p className="empty">No orders yet today.</p>;
  }

  return (
    <ul className="order-feed">
      {orders.map((order) => (
        <li key={order.id}>
          <a href={`/orders/${order.id}`}>{order.reference}</a>
          <span>{order.itemCount} items</span>
          <span>{currency.format(order.totalCents / 100)}</span>
          <span>{order.customerName}</span>
        </li>
      ))}
    </ul>
  );
}
