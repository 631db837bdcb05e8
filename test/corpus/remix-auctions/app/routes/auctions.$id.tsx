import { useEffect, useState } from 'react';
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { getAuction } from '~/lib/auctions.server';
import { getPusher, reconnectNow } from '~/lib/pusher.client';

export async function loader({ params }: LoaderFunctionArgs) {
  const auction = await getAuction(params.id!);
  if (!auction) throw new Response('Not found', { status: 404 });
  return json({ auction });
}

interface BidPlaced {
  amount: number;
  bidder: { displayName: string };
  at: string;
}

export default function AuctionPage() {
  const { auction } = useLoaderData<typeof loader>();
  const [price, setPrice] = useState(auction.currentPrice);
  const [lastBidder, setLastBidder] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    const pusher = getPusher();
    const channelName = `auction-${auction.id}`;
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    const channel = pusher.subscribe(channelName);
    const onBid = (bid: BidPlaced) => {
      setPrice(bid.amount);
      setLastBidder(bid.bidder.displayName);
    };
    const onState = ({ current }: { current: string }) => setOffline(current !== 'connected');
    channel.bind('bid-placed', onBid);
    pusher.connection.bind('state_change', onState);

    return () => {
      channel.unbind('bid-placed', onBid);
      pusher.connection.unbind('state_change', onState);
      pusher.unsubscribe(channelName);
    };
  }, [auction.id]);

  return (
    <main>
      <h1>{auction.title}</h1>
      <p className="price">£{price.toLocaleString()}</p>
      {lastBidder && <p>Leading: {lastBidder}</p>}
      {offline && (
        <button type="button" onClick={reconnectNow}>
          Reconnect
        </button>
      )}
    </main>
  );
}
