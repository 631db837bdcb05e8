import { createHmac } from 'node:crypto';

// ruleid: unverified-webhook
export default defineEventHandler(async (event) => {
  const raw = (await readRawBody(event, 'utf8')) ?? '';
  const signature = getHeader(event, 'x-pusher-signature');
  const expected = createHmac('sha256', useRuntimeConfig().pusherSecret).update(raw).digest('hex');
  if (signature !== expected) throw createError({ statusCode: 401 });
  const { events } = JSON.parse(raw) as { events: Array<{ name: string; channel: string; event?: string; data?: string; user_id?: string }> };
  for (const e of events) {
    if (e.name === 'client_event' && e.event === 'client-sticky-note') {
      await useDb().query('insert into notes (board, body) values ($1, $2)', [e.channel.replace('private-board-', ''), e.data]);
    }
  }
  return 'ok';
});
