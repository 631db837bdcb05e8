import { useEffect, useState } from 'react';
import { pusherClient } from '../lib/realtime';
import AuctionRoom from '../components/AuctionRoom';

export default function Dashboard({ sellerId, auctionId, userId }: { sellerId: string; auctionId: string; userId: string }) {
  const [pending, setPending] = useState(0);
  const [live, setLive] = useState(true);

  useEffect(() => {
    const name = `private-seller-${sellerId}`;
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    const channel = pusherClient.subscribe(name);
    const onPayout = () => setPending((n) => n + 1);
    channel.bind('payout-pending', onPayout);
    return () => {
      channel.unbind('payout-pending', onPayout);
      pusherClient.unsubscribe(name);
    };
  }, [sellerId]);

  // Keep the seller's screen live during an auction no matter what.
  useEffect(() => {
    // ruleid: reconnection-misuse @reconnectLoop
    const timer = setInterval(() => {
      setLive(pusherClient.connection.state === 'connected');
      if (pusherClient.connection.state !== 'connected') pusherClient.connect();
    }, 5000);
    return () => clearInterval(timer);
  }, []);

  return (
    <main>
      <p>{live ? 'Live' : 'Reconnecting…'} · {pending} payouts pending</p>
      <AuctionRoom auctionId={auctionId} bidderId={userId} userId={userId} />
    </main>
  );
}
