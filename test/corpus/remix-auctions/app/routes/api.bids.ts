import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/lib/session.server';
import { placeBid } from '~/lib/auctions.server';
import { auctionChannel, pusher } from '~/lib/pusher.server';

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const auctionId = String(form.get('auctionId') ?? '');
  const amount = Number(form.get('amount'));
  if (!auctionId || !Number.isFinite(amount)) {
    return json({ error: 'auctionId and amount are required' }, { status: 400 });
  }

  const result = await placeBid({ auctionId, bidderId: user.id, amount });
  if (!result.ok) return json({ error: result.reason }, { status: 409 });

  // The lot page is public: anyone may watch the price move.
  await pusher.trigger(
    // ok: public-channel-sensitive-data
    auctionChannel(auctionId),
    'bid-placed',
    { amount, bidder: { displayName: user.displayName }, at: result.bid.createdAt },
  );

  // Feed for the auctioneer's wall screen.
  const email = user.email;
  await pusher.trigger('auction-floor', 'bid-placed', {
    auctionId,
    amount,
    // ruleid: public-channel-sensitive-data
    email,
  });

  // Outbid notice for the previous leader, shown by the floor staff.
  if (result.previousLeader) {
    const notice = {
      auctionId,
      amount,
      outbidName: result.previousLeader.displayName,
      // ruleid: public-channel-sensitive-data
      outbidPhone: result.previousLeader.phone,
    };
    await pusher.trigger('auction-floor', 'outbid', notice);
  }

  return json({ ok: true });
}
