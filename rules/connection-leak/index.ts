import * as z from 'zod';
import { defineRule, PRODUCT_CODE, type RuleMessage } from '../../src/engine/rule.js';
import { checkActionClients } from './actions.js';
import { checkClients } from './clients.js';
import { checkReplacedClients } from './replaced.js';
import { reportDuplicates } from './duplicates.js';
import { LeakState } from './state.js';
import { checkEffectClients, checkObjectUnsubscribes, checkSubscriptions } from './subscriptions.js';
import { checkSharedUnsubscribes } from './shared-channels.js';

export const optionsSchema = z.object({
  ignoreComponents: z
    .array(z.string().min(1))
    .default([])
    .describe('More component names that live as long as the app, besides `App`, `MyApp`, `Root` and `RootLayout`: a client or subscription they never clean up is not reported. Vue and Svelte components are named after their file.'),
});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'clientNotDisconnected' | 'subscriptionNotCleaned' | 'wrongChannelCleanup' | 'effectWithoutDeps' | 'duplicateClients' | 'sharedChannelUnsubscribed';

const messages: Record<MessageIds, RuleMessage> = {
  clientNotDisconnected: {
    text:
      'The Pusher client `{{name}}` is created {{where}}{{missing}}: every {{unit}} opens another WebSocket that stays open, and each open connection counts against the plan\'s concurrent-connection limit. {{fix}}',
  },
  subscriptionNotCleaned: {
    text:
      '`{{call}}` {{what}} {{where}}, and nothing removes it when the component goes away: every {{unit}} adds another, so handlers run several times and stale subscriptions keep receiving billed messages. {{fix}}',
  },
  wrongChannelCleanup: {
    text:
      '`{{call}}` {{problem}}, so `{{channel}}` stays subscribed after the cleanup and keeps receiving billed messages. {{fix}}',
  },
  effectWithoutDeps: {
    text:
      '`{{hook}}` has no dependency array, so it {{does}} after every render: subscriptions and connections churn with each re-render. Pass a dependency array (`[]`, or the values the channel name is built from).',
  },
  duplicateClients: {
    text:
      'A second Pusher client for the same app key ({{key}}) is created here; the first is `{{first}}` ({{firstLocation}}). Each client opens its own WebSocket, so every user costs {{count}} concurrent connections instead of one. Create one client in a shared module and import it everywhere.',
  },
  sharedChannelUnsubscribed: {
    text:
      '`{{call}}` in the cleanup of {{component}} removes `{{channel}}` from the shared client, but {{others}} also subscribe{{s}} to it on that client: pusher-js keeps one subscription per channel name, so when this component goes away the others keep their handlers and silently stop receiving events. Unbind only this component\'s handlers (`channel.unbind(event, handler)`) and leave the channel subscribed, or count subscribers in the shared module and unsubscribe when the last one leaves.',
  },
};


export default defineRule<Options, MessageIds>({
  meta: {
    id: 'connection-leak',
    title: 'Disconnect clients and remove subscriptions when components go away',
    description:
      'Finds Pusher clients created in components or lifecycle hooks without disconnect() in the cleanup, subscriptions and bindings added on mount without being removed, cleanups that unsubscribe the wrong channel (or pass the Channel object), effects without a dependency array that subscribe on every render, several clients for the same app key, and a component whose cleanup unsubscribes a channel other components still use on the same client. Each leaked client is a billed concurrent connection; each leaked subscription keeps receiving billed messages.',
    category: 'cost',
    severity: 'medium',
    appliesTo: PRODUCT_CODE,
    requires: ['environments', 'ast', 'inventory'],
    precision: 'medium', // 17 of 19 correct on the two held-out sets
    options: optionsSchema,
    messages,
    costLevers: {
      clientNotDisconnected: 'connection-leak',
      subscriptionNotCleaned: 'subscription-leak',
      effectWithoutDeps: 'subscription-leak',
      duplicateClients: 'duplicate-connections',
      wrongChannelCleanup: 'subscription-leak',
    },
  },
  check(ctx) {
    const state = new LeakState(ctx);
    checkClients(state);
    checkActionClients(state);
    checkReplacedClients(state);
    checkSubscriptions(state);
    checkEffectClients(state);
    checkObjectUnsubscribes(state);
    reportDuplicates(state);
    checkSharedUnsubscribes(state);
  },
});
