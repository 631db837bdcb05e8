import { pusher } from '@/lib/pusher-server';
import { db } from '@/lib/db';

// ok: unverified-webhook
export async function POST(request: Request) {
  const rawBody = await request.text();
  const webhook = pusher.webhook({ headers: Object.fromEntries(request.headers), rawBody });
  if (!webhook.isValid()) return new Response('Invalid signature', { status: 401 });
  for (const event of webhook.getEvents()) {
    if (event.name === 'channel_vacated' && event.channel.startsWith('presence-room-')) {
      await db.room.update({ where: { id: event.channel.slice('presence-room-'.length) }, data: { activeSince: null } });
    }
  }
  return new Response(null, { status: 204 });
}
