import { useEffect, useState } from 'react';

type Bidder = { id: string; name: string };

export default function AuctionRoom({ auctionId, bidderId, userId }: { auctionId: string; bidderId: string; userId: string }) {
  const [bidders, setBidders] = useState<Bidder[]>([]);
  const [lastBid, setLastBid] = useState<number>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    const echo = window.Echo!;
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    echo.join(`auction.${auctionId}`)
      .here(setBidders)
      .joining((b: Bidder) => setBidders((all) => [...all, b]))
      .leaving((b: Bidder) => setBidders((all) => all.filter((x) => x.id !== b.id)))
      .listen('.bid.placed', (e: { amount: number }) => setLastBid(e.amount));
    return () => echo.leave(`auction.${auctionId}`);
  }, [auctionId]);

  useEffect(() => {
    // ruleid: connection-leak @subscriptionNotCleaned
    window.Echo!.private(`bidder.${bidderId}`).listen('.outbid', (e: { auctionId: string }) => setNotice(`Outbid on ${e.auctionId}`));
  }, [bidderId]);

  useEffect(() => {
    // ruleid: public-channel-sensitive-data @guessableChannel
    // ok: connection-leak
    window.Echo!.channel(`watchlist.${userId}`).listen('.lot.closing', (e: { lotId: string }) => setNotice(`Lot ${e.lotId} closes soon`));
    return () => window.Echo!.leave(`watchlist.${userId}`);
  }, [userId]);

  return (
    <section>
      <p>{bidders.length} bidders · last bid {lastBid ?? '—'}</p>
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}
