import { useEffect, useState } from 'react';
import { useRouter } from 'next/router';
import Pusher from 'pusher-js';

interface StatusChanged {
  status: string;
  eta: string | null;
  updatedAt: string;
}

export default function TrackOrderPage() {
  const { query, isReady } = useRouter();
  const orderId = typeof query.id === 'string' ? query.id : null;
  const [latest, setLatest] = useState<StatusChanged | null>(null);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    if (!isReady || !orderId) return;

    // ok: connection-leak
    // ok: reconnection-misuse
    // ok: hardcoded-credentials
    const pusher = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER || 'us2',
    });
    pusher.connection.bind('error', () => setOffline(true));
    pusher.connection.bind('connected', () => setOffline(false));

    // ruleid: public-channel-sensitive-data
    const channel = pusher.subscribe(`order-${orderId}`);
    channel.bind('status-changed', (event: StatusChanged) => setLatest(event));

    return () => {
      channel.unbind_all();
      pusher.disconnect();
    };
  }, [isReady, orderId]);

  return (
    <main>
      <h1>Parcel {orderId}</h1>
      {offline && <p>Live updates paused: reconnecting…</p>}
      <p>{latest ? `${latest.status} (ETA ${latest.eta ?? 'unknown'})` : 'Waiting for the next scan…'}</p>
    </main>
  );
}
