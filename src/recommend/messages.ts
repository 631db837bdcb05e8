import { formatNumber } from '../core/numbers.js';
import type { Message } from './schema.js';

/**
 * Every sentence the advice can say, in one table. Producers return an id and the numbers and
 * names that fill it; `message()` renders the text once, so the JSON carries it and reporters can
 * show it, or render their own wording from the id and data.
 */
export const MESSAGES = {
  // ---- Signals (one per signal id) ----
  'signal.single-publisher': 'Publishing happens in {{packages}} deployable package(s): one app server can own Pusher.',
  'signal.many-publishing-services': '{{packages}} deployable packages publish to Pusher directly ({{sites}} publishing sites in {{modules}} modules), each with its own credentials and retry logic.',
  'signal.connections-small': 'Peak concurrent connections {{value}} (forecast {{forecast}}) against Startup\'s {{limit}}: well inside one Pusher app.',
  'signal.connections-small-assumed': 'No usage data: peak connections assumed within Startup\'s {{limit}}.',
  'signal.connections-high': 'Forecast peak connections {{value}} against {{threshold}} (the Premium plan\'s limit): at that scale publishers need a queue in front of Pusher.',
  'signal.connections-high-assumed': 'No usage data: no growth beyond Pro\'s {{limit}} connections assumed.',
  'signal.bursts': 'The busiest day carries {{value}}× the mean day\'s messages: bursts a queue can smooth.',
  'signal.n-plus-one': '{{value}} publishing site(s) run once per item (a loop or an array callback): one publish per recipient instead of one batch.',
  'signal.queue-fed-publishing': '{{value}} of {{total}} publishing sites already run in queue or worker consumers.',
  'signal.broker-present': 'A broker already runs beside Pusher: {{brokers}}.',
  'signal.server-subscribers': '{{value}} backend instance(s) subscribe with {{libraries}} in Node: services talk to each other through Pusher, paying for connections and messages no browser sees.',
  'signal.several-clusters': '{{value}} Pusher clusters are configured ({{clusters}}).',
  'signal.one-cluster': 'One cluster is configured ({{clusters}}).',
  'signal.cdn-script': 'pusher-js is loaded from a CDN <script> in {{value}} page(s).',
  'signal.public-broadcast': '{{public}} of {{total}} channel families are public broadcasts (the same events to every subscriber).',
  'signal.cache-channels': '{{value}} cache channel famil(ies) keep the last event for new subscribers.',
  'signal.fan-out': 'Each publish reaches {{value}} connections on average (deliveries ÷ API requests).',
  'signal.private-heavy': '{{private}} of {{total}} channel families are private or presence: per-user data a CDN cannot serve.',
  'signal.weak-auth': '{{value}} finding(s) show an auth endpoint or browser code that signs subscriptions without checking who asks.',
  'signal.relayed-triggers': '{{value}} publishing site(s) take the channel, event or payload from the request as is.',
  'signal.auth-unprotected': '{{value}} of {{total}} channel-auth endpoint(s) have no rate limiter in front.',
  'signal.gateway-present': 'Rate limiting sits in front of both the auth endpoint and publishing ({{libraries}}).',
  'signal.serverless-publishing': '{{value}} of {{total}} publishing sites run in serverless functions.',
  'signal.sdk-per-call': '{{value}} Pusher SDK instance(s) are created inside a handler, once per invocation.',
  'signal.long-running-server': '{{value}} publishing site(s) run in a long-running server (HTTP routes outside serverless functions).',
  'signal.operational-cost': 'Moving parts this pattern adds to run and monitor.',
  'signal.incumbent': 'The pattern in use today: no migration needed.',

  // ---- Current pattern ----
  'current.multi-region': '{{count}} clusters are configured: {{clusters}}.',
  'current.event-bus': '{{count}} publishing site(s) run in queue or worker consumers.',
  'current.hybrid-pubsub': 'A broker ({{brokers}}) carries messages beside Pusher.',
  'current.gateway': 'Rate limiting ({{libraries}}) sits in front of the auth endpoint and publishing.',
  'current.serverless': '{{count}} of {{total}} publishing sites run in serverless functions.',
  'current.cdn': 'pusher-js comes from a CDN <script> in {{count}} page(s).',
  'current.none': 'No Pusher client, server SDK, publishing or subscribing call was found in the scanned code, so there is no flow of messages to classify: the scores below are for an app that would start by publishing from its own server (Direct Integration).',
  'current.direct': 'App servers call Pusher directly: {{sites}} publishing site(s) in {{packages}} package(s), no queue or gateway in between.',

  // ---- Verdict ----
  'verdict.keep': 'Keep {{current}}: it scores {{score}}, ahead of {{runnerUp}} ({{runnerUpScore}}). {{reason}}',
  'verdict.move': 'Move from {{current}} to {{recommended}}: it scores {{score}} against {{currentScore}} for today\'s pattern; runner-up {{runnerUp}} ({{runnerUpScore}}). {{reason}}',

  // ---- What would change the verdict ----
  'changeIf.graded': '{{pattern}} would win if {{condition}}: at {{threshold}} (now {{value}}).',
  'changeIf.boolean': '{{pattern}} would win if {{condition}}.',
  'changeIf.against': '{{runnerUp}} would win over {{pattern}} if {{condition}}.',

  // ---- Conditions: when each signal holds, for "what would change the verdict" ----
  'cond.single-publisher': 'publishing were in one deployable package',
  'cond.many-publishing-services': 'more deployable packages published to Pusher directly',
  'cond.connections-small': 'peak connections stayed within Startup\'s limit',
  'cond.connections-high': 'forecast peak connections grew towards the Premium plan\'s limit',
  'cond.bursts': 'the busiest day carried more times the mean day\'s messages',
  'cond.n-plus-one': 'more code published once per item in loops',
  'cond.queue-fed-publishing': 'publishing ran in queue or worker consumers',
  'cond.broker-present': 'a broker (Redis pub/sub or streams, BullMQ, Kafka, SQS/SNS, NATS, RabbitMQ) already ran beside Pusher',
  'cond.server-subscribers': 'backend services subscribed with pusher-js in Node',
  'cond.several-clusters': 'a second cluster were configured',
  'cond.cdn-script': 'pages loaded pusher-js from a CDN',
  'cond.public-broadcast': 'most channels were public broadcasts',
  'cond.cache-channels': 'cache channels kept the last state',
  'cond.fan-out': 'each publish reached more connections',
  'cond.private-heavy': 'most channels were private or presence',
  'cond.weak-auth': 'auth endpoints signed without checking who asks',
  'cond.relayed-triggers': 'a publishing site took its channel, event or payload from the request',
  'cond.auth-unprotected': 'auth endpoints had no rate limiter',
  'cond.gateway-present': 'rate limiting sat in front of both the auth endpoint and publishing',
  'cond.serverless-publishing': 'publishing ran in serverless functions',
  'cond.sdk-per-call': 'SDK clients were created per invocation',
  'cond.long-running-server': 'publishing ran in a long-running server',
  'cond.operational-cost': 'the pattern had fewer moving parts',
  'cond.incumbent': 'the pattern were in use today',

  // ---- Assumptions ----
  'assume.no-usage': 'No usage data was given: peak connections are assumed within Startup\'s {{limit}} and steady, and no bursts; run with --usage to replace the assumption with measurements.',
  'assume.next-serverless': 'Next.js route handlers and server actions are counted as serverless functions (as on Vercel); under `next start` they run in one long-lived server.',
  'assume.package-is-service': 'Each folder with a package.json is taken as one deployable service.',
  'assume.usage-assumptions': 'Usage comes from an assumptions file, not from measurements.',

  // ---- Watch (when the pattern is already right) ----
  'watch.connections': 'Watch peak connections against the plan: the 80 % warning is at {{warning}} on {{plan}}; above ~{{threshold}} the Event Bus pattern wins.',
  'watch.publishers': 'Keep publishing in one service: a second publishing service is the first sign an Event Bus is due.',
  'watch.presence': 'Presence channels hold at most {{limit}} members each; member events grow with the square of the room.',
  'watch.client-events': 'Client events are limited to {{limit}} per second per connection and need client events enabled for the app.',
  'watch.self-hosted': 'Connections go to a self-hosted server ({{hosts}}): its capacity is yours to size and monitor.',
  'watch.clusters': 'Each cluster is a separate app with its own limits: watch every cluster\'s usage, not the sum.',
  'watch.cdn': 'Pin the pusher-js version and check its integrity hash whenever you upgrade.',
  'watch.serverless': 'Keep the SDK client at module scope: a client per invocation repeats the TLS handshake on every publish.',
  'watch.gateway': 'Keep every publish and every auth request behind the gateway: a new route that calls Pusher directly bypasses its limits.',
  'watch.hybrid': 'Keep backend-to-backend events on the broker; Pusher is for browsers and apps.',
  'watch.event-bus': 'Watch the queue\'s depth and the publisher\'s lag: they are now the latency users see.',

  // ---- Migration steps ----
  'step.gateway.rate-limit-auth': 'Put a rate limiter in front of the channel-auth endpoint (per session or IP; answer 429 with Retry-After).',
  'step.gateway.fix-auth': 'Decide access on the server: check the session and that the user may join the requested channel before signing ({{count}} finding(s)).',
  'step.gateway.stop-relay': 'Stop relaying: choose channel and event on the server from a fixed list, validate the payload ({{count}} site(s)).',
  'step.gateway.one-publisher': 'Route every publish through one module that applies rate limits and authorization, instead of {{count}} modules calling the SDK.',
  'step.event-bus.queue': 'Publish a domain event to a queue ({{broker}}) where the code calls Pusher today ({{count}} site(s)).',
  'step.event-bus.publisher': 'Run one publisher worker that consumes the queue and calls Pusher: triggerBatch (up to {{batch}} events per call) and multi-channel trigger (up to {{channels}} channels per call) instead of a call per item.',
  'step.event-bus.credentials': 'Give the Pusher secret to the publisher only; remove the SDK from the {{count}} other service(s).',
  'step.multi-region.publish-all': 'Publish each event to every cluster users connect to (one server client per cluster), or route it to the user\'s home cluster.',
  'step.multi-region.client-cluster': 'Pick the cluster per user when the client connects, from one table shared with the server.',
  'step.multi-region.auth': 'Sign subscriptions with the credentials of the cluster the client connected to: each cluster is a separate app.',
  'step.cdn.pin': 'Pin the pusher-js version in the CDN URL and add an integrity (SRI) attribute with crossorigin="anonymous" ({{count}} tag(s)).',
  'step.cdn.cache': 'Publish last-known state on cache- channels so pages loaded from the CDN get it on subscribe.',
  'step.hybrid.move-backend': 'Move backend-to-backend events off Pusher onto {{broker}}; keep Pusher for browser and app events ({{count}} backend subscriber(s)).',
  'step.hybrid.remove-client': 'Remove pusher-js from the backend services once they read from the broker.',
  'step.serverless.hoist': 'Create the Pusher client once at module scope, outside the handler, so warm invocations reuse it ({{count}} instance(s)).',
  'step.serverless.no-edge': 'Publish from the Node.js runtime, not the edge runtime, or call the REST API with a fetch-based signer.',

  // ---- Benefits ----
  'benefit.saving': 'Saves about ${{usd}}/month: {{plan}} instead of {{baseline}} (cost model).',
  'benefit.headroom': 'Keeps the forecast of {{connections}} connections and {{messages}} messages/day on {{plan}} with headroom.',
  'benefit.risk': 'Removes a {{risk}} risk: {{what}}.',

  // ---- Scorecard ----
  'audit.rule': '{{rule}}: {{count}} finding(s), worst {{severity}}.',
  'audit.rule-clean': '{{rule}}: no findings.',
  'audit.auth-rate-limited': 'Channel-auth endpoints behind a rate limiter: {{ok}} of {{total}}.',
  'audit.sdk-reused': 'Server SDK clients reused across requests: {{ok}} of {{total}}.',
  'audit.plan-headroom': 'Forecast against the plan: {{status}} on {{plan}}.',
  'audit.plan-cheapest': 'Plan cost: {{status}}.',
  'audit.batched-publishing': 'Publishing sites that publish once per item: {{count}} of {{total}}.',
  'audit.no-backend-subscribers': 'Backend services subscribing through Pusher: {{count}}.',
  'audit.credentials-from-env': 'Server SDK clients configured from the environment: {{ok}} of {{total}}.',
  'audit.scan-complete': 'Files skipped or in error during the scan: {{count}}.',
  'pillar.strength': 'Strongest: {{audit}}',
  'pillar.gap': 'Biggest gap: {{audit}}',

  // ---- Plan ----
  'plan.finding': 'Fix {{count}} {{rule}} finding(s) ({{severity}}): {{message}}',
} as const;

export type MessageId = keyof typeof MESSAGES;
export type MessageData = Record<string, string | number>;

/** Fills a template; a placeholder without data stays visible so a missing value is noticed in review. */
export function message(id: MessageId, data: MessageData = {}): Message {
  const text = MESSAGES[id].replace(/\{\{(\w+)\}\}/g, (all, key: string) => (data[key] !== undefined ? String(data[key]) : all));
  return { id, data: { ...data }, text };
}

/** Numbers as users read them: 12,500 and 0.42. */
export function fmt(n: number): string {
  return formatNumber(n, { max: Number.isInteger(n) ? 0 : 2 });
}
