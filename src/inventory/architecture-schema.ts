import * as z from 'zod';

/**
 * The shape of the architecture facts: what the recommender reasons from, and what the report's
 * `advice.architecture.facts` prints. Plain data (no ts-morph types); `architecture.ts` builds it.
 */

export const TRIGGER_KINDS = ['http-route', 'server-action', 'queue-consumer', 'cron', 'webhook-handler', 'serverless-function'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const BROKER_KINDS = ['redis', 'bullmq', 'kafka', 'sqs', 'sns', 'nats', 'rabbitmq'] as const;
export type BrokerKind = (typeof BROKER_KINDS)[number];

export const SERVERLESS_KINDS = ['next-route-handler', 'next-api-route', 'next-server-action', 'vercel-function', 'netlify-function', 'aws-lambda'] as const;
export type ServerlessKind = (typeof SERVERLESS_KINDS)[number];

export const SDK_LIFETIMES = ['module', 'lazy-singleton', 'class', 'per-call'] as const;
export type SdkLifetime = (typeof SDK_LIFETIMES)[number];

const int = z.number().int().nonnegative();
export const locationSchema = z.strictObject({ file: z.string(), line: z.number().int().positive(), column: z.number().int().positive() });
export type Location = z.infer<typeof locationSchema>;

// ---- Architecture facts (computed from the inventory and the project) ----

export const architectureFactsSchema = z.strictObject({
  /** Deployable packages (the folder of the nearest package.json, `.` for the root) that use Pusher. */
  packages: z.array(
    z.strictObject({
      package: z.string(),
      publishingSites: int,
      serverInstances: int,
      clientInstances: int,
      serverSubscribers: int,
      serverlessHandlers: int,
      brokers: z.array(z.enum(BROKER_KINDS)),
    }),
  ),
  publishing: z.array(
    z.strictObject({
      operationId: z.string(),
      kind: z.enum(['trigger', 'triggerBatch', 'sendToUser']),
      instanceId: z.string().nullable(),
      location: locationSchema,
      package: z.string(),
      channels: z.array(z.string()),
      /** What runs the code: from the file itself, else from the files importing it (one level). */
      triggers: z.array(z.enum(TRIGGER_KINDS)),
      triggerSource: z.enum(['file', 'importer', 'none']),
      /** Inside a loop or an array callback: one publish per item. */
      inLoop: z.boolean(),
      /** Channel, event or payload taken from the request as is: the server relays what the caller asked for. */
      relayed: z.boolean(),
    }),
  ),
  publishingByModule: z.array(z.strictObject({ module: z.string(), package: z.string(), sites: int })),
  publishingByPackage: z.array(z.strictObject({ package: z.string(), sites: int, modules: int })),
  /** pusher-js (or pusher-client) running in Node: backend services talking through Pusher. */
  serverSubscribers: z.array(
    z.strictObject({ instanceId: z.string().nullable(), library: z.string(), location: locationSchema, package: z.string(), subscriptions: int }),
  ),
  brokers: z.array(
    z.strictObject({
      kind: z.enum(BROKER_KINDS),
      library: z.string(),
      location: locationSchema,
      package: z.string(),
      /** A client, queue, worker or consumer is constructed in the file (not only imported). */
      constructed: z.boolean(),
      /** `pubsub`, `streams`, `producer`, `consumer`. */
      roles: z.array(z.enum(['pubsub', 'streams', 'producer', 'consumer'])),
    }),
  ),
  serverless: z.array(
    z.strictObject({
      kind: z.enum(SERVERLESS_KINDS),
      location: locationSchema,
      package: z.string(),
      edge: z.boolean(),
      /** The handler's file publishes, or imports a module that does. */
      publishes: z.boolean(),
    }),
  ),
  sdkInstances: z.array(
    z.strictObject({
      instanceId: z.string(),
      location: locationSchema,
      package: z.string(),
      lifetime: z.enum(SDK_LIFETIMES),
      /** Created in (or imported by) a serverless handler. */
      serverless: z.boolean(),
    }),
  ),
  clusters: z.array(
    z.strictObject({ cluster: z.string(), source: z.enum(['literal', 'env', 'fallback']), sides: z.array(z.enum(['client', 'server'])), instanceIds: z.array(z.string()) }),
  ),
  hosts: z.array(
    z.strictObject({
      host: z.string(),
      option: z.string(),
      side: z.enum(['client', 'server']),
      /** Not a pusher.com host: Soketi or another Pusher-protocol server. */
      selfHosted: z.boolean(),
      instanceIds: z.array(z.string()),
    }),
  ),
  cdnScripts: z.array(z.strictObject({ file: z.string(), line: z.number().int().positive(), src: z.string(), pinned: z.boolean(), integrity: z.boolean() })),
  middleware: z.array(
    z.strictObject({
      kind: z.enum(['rate-limit', 'auth']),
      library: z.string(),
      location: locationSchema,
      package: z.string(),
      covers: z.array(z.enum(['auth-endpoint', 'publishing'])),
    }),
  ),
  authEndpoints: z.array(
    z.strictObject({ operationId: z.string(), location: locationSchema, package: z.string(), rateLimited: z.boolean(), authMiddleware: z.boolean() }),
  ),
  presence: z.strictObject({ channels: z.array(z.string()), clientEvents: int, clientEventChannels: z.array(z.string()) }),
  /** Channels grouped by name with dynamic parts as `{…}` (`private-user-{…}`). */
  channelFamilies: z.array(
    z.strictObject({ family: z.string(), type: z.string(), publishers: int, subscribers: int, files: int }),
  ),
});
export type ArchitectureFacts = z.infer<typeof architectureFactsSchema>;

