import Pusher from 'pusher';

if (!process.env.PUSHER_URL) {
  throw new Error('PUSHER_URL is not set (https://<key>:<secret>@api-eu.pusher.com/apps/<id>)');
}

// ok: hardcoded-credentials
export const pusher = Pusher.forURL(process.env.PUSHER_URL, { useTLS: true });

export const auctionChannel = (auctionId: string) => `auction-${auctionId}`;
