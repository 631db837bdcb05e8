import type { VercelRequest, VercelResponse } from '@vercel/node';
import Pusher from 'pusher';

export const config = { api: { bodyParser: false } };

// ok: insecure-transport
const pusher = new Pusher({ appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET!, cluster: process.env.PUSHER_CLUSTER!, useTLS: true });

async function rawBody(req: VercelRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// ok: unverified-webhook
export default async function handler(req: VercelRequest, res: VercelResponse) {
  const webhook = pusher.webhook({ headers: req.headers, rawBody: await rawBody(req) });
  if (!webhook.isValid()) return res.status(401).end();
  for (const event of webhook.getEvents()) {
    if (event.name === 'channel_vacated') await fetch(`${process.env.API_URL}/queues/${event.channel}/idle`, { method: 'POST' });
  }
  res.status(200).end();
}
