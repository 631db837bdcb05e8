import type { ArchitectureFacts, BrokerKind } from '../architecture-schema.js';
import { stripComments } from '../imports.js';
import type { Operation } from '../types.js';
import { loc, sortedUnique, type Context } from './context.js';
import { lineAt, specifierLine } from './text.js';

/** Brokers and queues beside Pusher, and the middleware in front of the auth endpoint and the publishers, from backend files' imports. */

/** Module specifiers of brokers and queues, and which kind each is. */
const BROKER_MODULES: ReadonlyArray<[RegExp, BrokerKind]> = [
  [/^(ioredis|redis|@redis\/client|@upstash\/redis)$/, 'redis'],
  [/^(bullmq|bull|bee-queue|@nestjs\/bullmq?)$/, 'bullmq'],
  [/^(kafkajs|node-rdkafka|@confluentinc\/kafka-javascript)$/, 'kafka'],
  [/^(@aws-sdk\/client-sqs|sqs-consumer|sqs-producer)$/, 'sqs'],
  [/^@aws-sdk\/client-sns$/, 'sns'],
  [/^(nats|nats\.ws|@nats-io\/transport-node)$/, 'nats'],
  [/^(amqplib|amqplib\/callback_api|amqp-connection-manager|@golevelup\/nestjs-rabbitmq)$/, 'rabbitmq'],
];

const ROLE_PATTERNS: Record<BrokerKind, Partial<Record<'pubsub' | 'streams' | 'producer' | 'consumer', RegExp>>> = {
  redis: { pubsub: /\.(p?subscribe|publish|sSubscribe)\s*\(/, streams: /\.(xadd|xread|xreadgroup|xAdd|xRead|xReadGroup)\s*\(/i },
  bullmq: { producer: /new\s+Queue\s*\(|\.add(Bulk)?\s*\(|@InjectQueue\s*\(/, consumer: /new\s+Worker\s*\(|\.process\s*\(|@Processor\s*\(/ },
  kafka: { producer: /\.producer\s*\(/, consumer: /\.consumer\s*\(|eachMessage|eachBatch/ },
  sqs: { producer: /SendMessage(Batch)?Command|\.sendMessage\s*\(|Producer\.create/, consumer: /ReceiveMessageCommand|\.receiveMessage\s*\(|Consumer\.create/ },
  sns: { producer: /PublishCommand|\.publish\s*\(/ },
  nats: { pubsub: /\.(publish|subscribe)\s*\(/, producer: /\.publish\s*\(/, consumer: /\.subscribe\s*\(/ },
  rabbitmq: { producer: /\.sendToQueue\s*\(|\.publish\s*\(/, consumer: /\.consume\s*\(/ },
};
const CONSTRUCTS = /new\s+(Redis|Queue|Worker|Kafka|SQSClient|SNSClient|SQS|SNS|FlowProducer|Cluster)\s*\(|\bcreateClient\s*\(|\b(amqp|nats)?\.?connect\s*\(|\bConsumer\.create\s*\(|\bProducer\.create\s*\(|@Processor\s*\(|BullModule\.register/;

const RATE_LIMIT_MODULES = /^(express-rate-limit|express-slow-down|express-brute|rate-limiter-flexible|@upstash\/ratelimit|@nestjs\/throttler|@fastify\/rate-limit|fastify-rate-limit|koa-ratelimit|hono-rate-limiter|@arcjet\/next|@arcjet\/node)$/;
const AUTH_MODULES = /^(passport|@nestjs\/passport|express-jwt|express-openid-connect|next-auth\/middleware|@auth0\/nextjs-auth0(\/edge)?|@clerk\/nextjs(\/server)?|@clerk\/express|@kinde-oss\/kinde-auth-nextjs\/middleware)$/;
/** Auth libraries that are middleware only when this call is made. */
const AUTH_MIDDLEWARE_CALL = /\b(clerkMiddleware|authMiddleware|withAuth|withMiddlewareAuthRequired|requiresAuth|passport\.authenticate|expressjwt|jwt\s*\(\s*\{|@UseGuards\s*\()/;

export interface FoundMiddleware {
  kind: 'rate-limit' | 'auth';
  library: string;
  file: string;
  line: number;
  appWide: boolean;
}

export function backendImports(ctx: Context): { brokers: ArchitectureFacts['brokers']; found: FoundMiddleware[] } {
  const brokers: ArchitectureFacts['brokers'] = [];
  const middlewareFound: FoundMiddleware[] = [];
  const guarded = new Set(ctx.input.matching('@UseGuards').map((f) => f.path));
  for (const file of ctx.input.files) {
    if (file.blocks.length === 0 || !ctx.backend(file.path)) continue;
    const edges = ctx.input.graph.imports.get(file.path) ?? [];
    if (edges.length === 0 && !/(^|\/)middleware\.[jt]s$/.test(file.path)) continue;
    // Lexed only for a file importing a broker or a middleware library: most backend files import neither.
    let stripped: string | undefined;
    const code = (): string => (stripped ??= stripComments(file.text));
    const seen = new Set<BrokerKind>();
    for (const e of edges) {
      if (e.typeOnly) continue;
      const kind = BROKER_MODULES.find(([re]) => re.test(e.specifier))?.[1];
      if (kind && !seen.has(kind)) {
        seen.add(kind);
        const roles = (Object.entries(ROLE_PATTERNS[kind]) as Array<['pubsub' | 'streams' | 'producer' | 'consumer', RegExp]>).filter(([, re]) => re.test(code())).map(([r]) => r);
        brokers.push({
          kind,
          library: e.specifier,
          location: { file: file.path, line: specifierLine(file.text, e.specifier), column: 1 },
          package: ctx.packageName(file.path),
          constructed: CONSTRUCTS.test(code()),
          roles: sortedUnique(roles),
        });
      }
      const specLine = () => specifierLine(file.text, e.specifier);
      if (RATE_LIMIT_MODULES.test(e.specifier)) middlewareFound.push({ kind: 'rate-limit', library: e.specifier, file: file.path, line: specLine(), appWide: /\.use\s*\(|ThrottlerModule|APP_GUARD/.test(code()) });
      else if (AUTH_MODULES.test(e.specifier) && (AUTH_MIDDLEWARE_CALL.test(code()) || /(^|\/)middleware\.[jt]s$/.test(file.path) || /^(passport|express-jwt|next-auth\/middleware)$/.test(e.specifier))) {
        middlewareFound.push({ kind: 'auth', library: e.specifier, file: file.path, line: specLine(), appWide: /(^|\/)middleware\.[jt]s$/.test(file.path) || /\.use\s*\(/.test(code()) });
      }
    }
    if (!middlewareFound.some((m) => m.file === file.path && m.kind === 'auth') && guarded.has(file.path) && /@UseGuards\s*\(/.test(code())) {
      middlewareFound.push({ kind: 'auth', library: '@nestjs/common UseGuards', file: file.path, line: lineAt(code(), code().search(/@UseGuards\s*\(/)), appWide: false });
    }
  }
  return { brokers, found: middlewareFound };
}

export function middlewareCoverage(
  ctx: Context,
  middlewareFound: readonly FoundMiddleware[],
  authOps: readonly Operation[],
  publishOps: readonly Operation[],
): { middleware: ArchitectureFacts['middleware']; authEndpoints: ArchitectureFacts['authEndpoints'] } {
  // Which files each middleware sits in front of: its own file, the routers it mounts (one import
  // level), or the whole package for Next.js middleware (unless its matcher leaves /api out).
  const covered = (m: FoundMiddleware): Set<string> => {
    const out = new Set<string>([m.file]);
    if (/(^|\/)middleware\.[jt]s$/.test(m.file)) {
      const text = ctx.fileByPath.get(m.file)?.text ?? '';
      if (!/matcher/.test(text) || /api/.test(text.slice(text.indexOf('matcher')))) {
        const pkg = ctx.input.packageOf(m.file);
        for (const f of ctx.input.files) if (ctx.input.packageOf(f.path) === pkg) out.add(f.path);
      }
    } else if (m.appWide) {
      for (const e of ctx.input.graph.imports.get(m.file) ?? []) if (e.to) out.add(e.to);
    }
    return out;
  };
  const coverage = middlewareFound.map((m) => ({ m, files: covered(m) }));
  const middleware: ArchitectureFacts['middleware'] = coverage.map(({ m, files }) => ({
    kind: m.kind,
    library: m.library,
    location: { file: m.file, line: m.line, column: 1 },
    package: ctx.packageName(m.file),
    covers: [
      ...(authOps.some((o) => files.has(o.location.file)) ? (['auth-endpoint'] as const) : []),
      ...(publishOps.some((o) => files.has(o.location.file)) ? (['publishing'] as const) : []),
    ],
  }));
  const authEndpoints = authOps.map((o) => ({
    operationId: o.id,
    location: loc(o.location),
    package: ctx.packageName(o.location.file),
    rateLimited: coverage.some(({ m, files }) => m.kind === 'rate-limit' && files.has(o.location.file)),
    authMiddleware: coverage.some(({ m, files }) => m.kind === 'auth' && files.has(o.location.file)),
  }));
  return { middleware, authEndpoints };
}
