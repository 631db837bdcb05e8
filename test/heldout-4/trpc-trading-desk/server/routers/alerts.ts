import { z } from 'zod';
import { protectedProcedure, router } from '../trpc';
import { pusher } from '../pusher';

export const alertsRouter = router({
  /** Any trader can "share" an alert to a channel of their choice. */
  share: protectedProcedure
    .input(z.object({ channel: z.string().max(164), event: z.string().default('alert'), text: z.string().max(280) }))
    .mutation(async ({ input, ctx }) => {
      // ruleid: trigger-relay
      await pusher.trigger(input.channel, input.event, { text: input.text, from: ctx.user.id });
    }),

  /** Desk-wide alerts go to the caller's own desk only. */
  toDesk: protectedProcedure.input(z.object({ text: z.string().max(280) })).mutation(async ({ input, ctx }) => {
    // ok: trigger-relay
    await pusher.trigger(`private-desk-${ctx.user.desk}`, 'alert', { text: input.text, from: ctx.user.id });
  }),

  /** Price feed for one symbol: the symbol is input, but every channel of this family is public by design. */
  quote: protectedProcedure
    .input(z.object({ symbol: z.enum(['AAPL', 'MSFT', 'NVDA', 'TSLA']), bid: z.number(), ask: z.number() }))
    .mutation(async ({ input, ctx }) => {
      if (ctx.user.role !== 'trader') throw new Error('Forbidden');
      // ok: trigger-relay
      await pusher.trigger(`quotes-${input.symbol}`, 'quote', { bid: input.bid, ask: input.ask });
    }),

  /** Is anyone watching the symbol? Used to pause the upstream feed. */
  watchers: protectedProcedure.input(z.object({ symbol: z.string() })).query(async ({ input }) => {
    const res = await pusher.get({ path: `/channels/quotes-${input.symbol}`, params: { info: 'subscription_count' } });
    return ((await res.json()) as { subscription_count?: number }).subscription_count ?? 0;
  }),

  exportBlotter: protectedProcedure.mutation(async ({ ctx }) => {
    const csv = await buildBlotterCsv(ctx.user.desk);
    // ruleid: protocol-limits
    await pusher.trigger(`private-desk-${ctx.user.desk}`, 'blotter-ready', { filename: 'blotter.csv', content: Buffer.from(csv).toString('base64') });
  }),
});

async function buildBlotterCsv(desk: string) {
  return `desk,${desk}\n`;
}
