import type { VercelRequest, VercelResponse } from '@vercel/node';

// Vercel function outside SvelteKit: Pusher calls it when agents join or leave a queue.
// ruleid: unverified-webhook
export default async function handler(req: VercelRequest, res: VercelResponse) {
  const body = req.body as { time_ms: number; events: Array<{ name: string; channel: string; user_id?: string }> };
  for (const event of body.events) {
    if (event.name === 'member_added') await fetch(`${process.env.API_URL}/agents/${event.user_id}/online`, { method: 'POST' });
    if (event.name === 'member_removed') await fetch(`${process.env.API_URL}/agents/${event.user_id}/offline`, { method: 'POST' });
  }
  res.status(200).end();
}
