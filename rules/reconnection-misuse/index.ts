import type { Node } from 'ts-morph';
import * as z from 'zod';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import { mentionsFailed, possibleFor, readsCloseCode } from './close-codes.js';
import { checkErrorHandling, collectHandlers, siteText, type Handler } from './handlers.js';
import { checkLoops } from './loops.js';
import { checkRebuilds } from './rebuilds.js';
import { pathGuards } from '../../src/analysis/path-guards.js';
import { reconnectSites, type Sites } from './sites.js';

export const optionsSchema = z.object({
  reportMissingErrorHandling: z
    .boolean()
    .default(true)
    .describe('Note, once per app, when no client in it binds a connection `error` / `state_change` handler (`noErrorHandling`, info).'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'reconnectInStateHandler' | 'reconnectLoop' | 'retriesFatalClose' | 'rebuildsClient' | 'noErrorHandling';

const messages: Record<MessageIds, RuleMessage> = {
  reconnectInStateHandler: {
    text:
      'The connection `{{event}}` handler calls `{{call}}`. pusher-js already reconnects with its own timing and deliberately stays down after close codes 4000–4099 (4004 over connection quota, 4009 unauthorized), which also end in this state; forcing it back on causes reconnect storms that burn the connection quota. Remove the call and let pusher-js reconnect (reconnect only on a user action, or after checking `error.data.code`).',
  },
  reconnectLoop: {
    text:
      '`{{timer}}` calls `{{call}}` {{how}}. pusher-js already reconnects by itself; a loop without a growing delay and an attempt limit keeps every client reconnecting while Pusher refuses them (4004 over connection quota), multiplying connection attempts. Remove the loop, or grow the delay per attempt (e.g. `1000 * 2 ** attempt`) and stop after a maximum number of attempts.',
  },
  retriesFatalClose: {
    text:
      'The connection `{{event}}` handler calls `{{call}}` {{when}}, which pusher-js deliberately does not retry: reconnecting while Pusher refuses the app (4004 over connection quota, 4009 unauthorized) only repeats the refusal for every user. Give up and show an error when `error.data.code` is between 4000 and 4099; leave other retries to pusher-js.',
    severity: 'medium',
  },
  rebuildsClient: {
    text:
      '`{{call}}` replaces the client when its connection is down, including while it is `unavailable`, the state in which pusher-js is still reconnecting it by itself: {{old}}the new client also retries after Pusher refused the app (4004 over connection quota, 4009 unauthorized), which pusher-js deliberately does not. Leave reconnection to pusher-js, or call `{{name}}.connect()` on the existing client.',
    severity: 'medium',
  },
  noErrorHandling: {
    text:
      'Nothing in this app handles Pusher connection errors: the client `{{name}}`{{scope}} has no `error`, `failed`, `unavailable` or `state_change` handler on its connection, so when Pusher refuses it (4004 over connection quota, 4009 unauthorized) the realtime feature dies silently. {{hint}}, check the error code, and tell the user or your monitoring.',
    severity: 'info',
  },
};

/** Codes pusher-js refuses to retry that matter most: over quota and unauthorized. */
const FATAL_CODES = [4004, 4009];

export type Ctx = RuleContext<Options, MessageIds>;

/** What the three checks share: reconnect sites, and what the state-handler check already said. */
export interface Scan {
  ctx: Ctx;
  sites: Sites;
  handlers: Handler[];
  reported: Set<Node>;
  /** Clients whose state handlers were reported: they do handle their connection, just wrongly. */
  fought: Set<string>;
}

function checkStateHandlers(scan: Scan): void {
  const { ctx, sites, handlers, reported, fought } = scan;
  for (const h of handlers) {
    const file = ctx.model.project.locate(h.fn)?.file;
    if (!file || !ctx.appliesTo(file)) continue;
    ctx.forFile(file, () => {
      const codeAware = readsCloseCode(h.fn);
      for (const site of reconnectSites(h.fn, sites, h.receiverText)) {
        if (reported.has(site)) continue;
        if (h.client) fought.add(h.client.id);
        const guards = pathGuards(site, h.fn);
        const call = siteText(site);
        if (h.event === 'failed' || (h.event === 'state_change' && mentionsFailed(guards))) {
          reported.add(site);
          ctx.report({ node: site, messageId: 'retriesFatalClose', data: { event: h.event, call, when: 'after the connection reached the `failed` state' } });
        } else if (codeAware) {
          const fatal = FATAL_CODES.filter((c) => possibleFor(guards, c));
          if (fatal.length === 0) continue;
          reported.add(site);
          ctx.report({ node: site, messageId: 'retriesFatalClose', data: { event: h.event, call, when: `even for close code ${fatal.join(' / ')}, a refusal` } });
        } else {
          reported.add(site);
          ctx.report({ node: site, messageId: 'reconnectInStateHandler', data: { event: h.event, call } });
        }
      }
    });
  }
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'reconnection-misuse',
    title: 'Let pusher-js reconnect; do not fight it, and handle refusals',
    description:
      'Finds code that fights pusher-js\'s own reconnection: connect() or a new client in disconnected/error/unavailable/failed/state_change handlers, setInterval/setTimeout reconnect loops without a growing delay and an attempt cap, and error handlers that retry even on 4004 (over connection quota) or 4009 (unauthorized). Such code turns a quota or auth refusal into a reconnect storm. Also notes, once per app, when nothing in it handles connection errors.',
    category: 'reliability',
    severity: 'high',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    precision: 'high', // 13 of 14 correct on the two held-out sets
    options: optionsSchema,
    messages,
    costLevers: { reconnectInStateHandler: 'reconnect-storm', reconnectLoop: 'reconnect-storm' },
  },
  check(ctx) {
    const inventory = ctx.model.inventory;
    const clientById = new Map(inventory.clients.map((c) => [c.id, c]));
    const sites: Sites = {
      connectOps: new Set(inventory.operations.filter((o) => o.kind === 'connect').map((o) => o.node)),
      clientNodes: new Set(inventory.clients.map((c) => c.node)),
    };
    const scan: Scan = { ctx, sites, handlers: collectHandlers(ctx, clientById), reported: new Set(), fought: new Set() };
    checkStateHandlers(scan);
    checkLoops(scan);
    checkRebuilds(scan);
    if (ctx.options.reportMissingErrorHandling) checkErrorHandling(scan);
  },
});
