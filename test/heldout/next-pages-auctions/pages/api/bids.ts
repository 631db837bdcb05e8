import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../lib/auth';
import { pusherServer } from '../../lib/realtime';
import { placeBid } from '../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) return res.status(401).end();

  const { auctionId, amount } = req.body as { auctionId: string; amount: number };
  const bid = await placeBid(auctionId, session.user.id, amount);

  // Public ticker on the home page.
  await pusherServer.trigger('auction-lobby', 'bid-placed', {
    auctionId,
    amount: bid.amount,
    bidder: {
      id: session.user.id,
      name: session.user.name,
      // ruleid: public-channel-sensitive-data @sensitiveField
      email: session.user.email,
    },
    // ruleid: public-channel-sensitive-data @sensitiveField
    ipAddress: req.socket.remoteAddress,
  });

  // The seller's own dashboard.
  await pusherServer.trigger(`private-seller-${bid.sellerId}`, 'payout-pending', {
    auctionId,
    // ruleid: public-channel-sensitive-data @privateUnencrypted
    bankAccountNumber: bid.seller.bankAccountNumber,
  });

  await pusherServer.trigger(`private-encrypted-seller-${bid.sellerId}`, 'buyer-details', {
    auctionId,
    // ok: public-channel-sensitive-data
    buyerEmail: session.user.email,
    // ok: public-channel-sensitive-data
    shippingAddress: bid.buyer.shippingAddress,
  });

  // Presence room members refresh the bid list; ids only.
  // ok: public-channel-sensitive-data
  await pusherServer.trigger(`presence-auction.${auctionId}`, 'bid.placed', { bidId: bid.id, amount: bid.amount });

  res.status(201).json({ id: bid.id });
}
