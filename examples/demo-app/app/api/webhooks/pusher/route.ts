import { NextResponse } from 'next/server';
import { pusherServer } from '@/lib/pusher-server';

/** Channel existence webhooks: used to stop polling the carrier API when nobody watches an order. */
export async function POST(request: Request) {
  const rawBody = await request.text();
  const webhook = pusherServer.webhook({
    headers: Object.fromEntries(request.headers.entries()),
    rawBody,
  });

  if (!webhook.isValid()) {
    return NextResponse.json({ error: 'Invalid signature' }, { status: 401 });
  }

  for (const event of webhook.getEvents()) {
    if (event.name === 'channel_vacated' && event.channel.startsWith('private-order-')) {
      console.info(`No one is watching ${event.channel} any more`);
    }
  }

  return NextResponse.json({ ok: true });
}
