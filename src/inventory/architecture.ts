import { Node } from '../morph.js';
import type { DiscoveredFile } from '../discovery/types.js';
import type { ArchitectureFacts, BrokerKind, SdkLifetime, ServerlessKind, TriggerKind } from './architecture-schema.js';
import { scopeOf } from '../analysis/lifecycle.js';
import { stripComments, type ImportGraph } from './imports.js';
import type { ClientInstance, FileEnvironment, Inventory, Operation, ServerInstance, SourceLocation, ValueRef } from './types.js';
import { isFunction, unwrap } from './values.js';

/**
 * Architecture facts: how the app around Pusher is built (who publishes and what runs that code,
 * queues and brokers beside Pusher, serverless handlers, clusters and hosts, middleware in front of
 * the auth endpoint), read from the inventory, the import graph and the files' text. Text checks
 * are deliberate: they cost nothing on files never parsed, and each fact says where it was seen,
 * so a reader can check it. The recommender reasons from these facts only.
 */

export interface ArchitectureInput {
  files: readonly DiscoveredFile[];
  graph: ImportGraph;
  environments: ReadonlyMap<string, FileEnvironment>;
  inventory: Inventory;
  packageOf(file: string): string;
}

const PUBLISH_KINDS = new Set(['trigger', 'triggerBatch', 'sendToUser']);
const AUTH_KINDS = new Set(['authorizeChannel', 'authenticate', 'authenticateUser']);
const SUBSCRIBE_KINDS = new Set(['subscribe', 'listen', 'channel']);

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

const HTTP_ROUTE = [
  /\bexport\s+(?:async\s+)?(?:function|const)\s+(?:GET|POST|PUT|PATCH|DELETE)\b/,
  /\b(?:app|router|server|fastify|api|routes?|r)\.(?:get|post|put|patch|delete|all)\s*\(\s*['"`]/,
  /@(?:Get|Post|Put|Patch|Delete|All)\s*\(/,
  /\bexport\s+(?:async\s+)?function\s+(?:action|loader)\b/,
  /\bdefineEventHandler\s*\(/,
];
const QUEUE_CONSUMER = /new\s+Worker\s*\(|\.process\s*\(\s*(?:['"`]|async|\(|function|\w+\s*=>)|@Processor\s*\(|eachMessage|eachBatch|\.consume\s*\(|ReceiveMessageCommand|Consumer\.create\s*\(|event\.Records|\bSQSEvent\b|\bSQSHandler\b|@EventPattern\s*\(|@MessagePattern\s*\(/;
const CRON = /\bcron\.schedule\s*\(|new\s+CronJob\s*\(|@Cron\s*\(|@Interval\s*\(|\bscheduleJob\s*\(|\bScheduledEvent\b|\bschedule\s*:\s*['"`][@*\d]/;
const WEBHOOK = /\.webhook\s*\(\s*\{|x-pusher-signature|\bconstructEvent\s*\(|\bverifyWebhook\b/i;

/** The line of `index` in `text` (1-based). */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the first quoted occurrence of a module specifier (its import). */
function specifierLine(text: string, specifier: string): number {
  const at = [`'${specifier}'`, `"${specifier}"`, `\`${specifier}\``].map((q) => text.indexOf(q)).filter((i) => i >= 0);
  return lineAt(text, at.length > 0 ? Math.min(...at) : 0);
}

const pkgName = (p: string): string => (p === '' ? '.' : p);
const loc = (l: SourceLocation): SourceLocation => ({ file: l.file, line: l.line, column: l.column });
const sortedUnique = <T extends string>(xs: Iterable<T>): T[] => [...new Set(xs)].sort();

interface FileFacts {
  triggers: Set<TriggerKind>;
  serverless?: { kind: ServerlessKind; line: number; edge: boolean };
}

/** The package-relative path: `api/x.ts` of `apps/site/api/x.ts` in package `apps/site`. */
function withinPackage(path: string, pkg: string): string {
  return pkg === '' ? path : path.slice(pkg.length + 1);
}

function serverlessOf(path: string, pkg: string, code: string): FileFacts['serverless'] {
  const rel = withinPackage(path, pkg);
  const edge = /export\s+const\s+runtime\s*=\s*['"`]edge['"`]|runtime\s*:\s*['"`](edge|experimental-edge)['"`]|(^|\/)netlify\/edge-functions\//.test(code) || /(^|\/)netlify\/edge-functions\//.test(rel);
  const at = (re: RegExp): number => {
    const m = re.exec(code);
    return m ? lineAt(code, m.index) : 1;
  };
  if (/(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.test(rel) && HTTP_ROUTE[0]!.test(code)) return { kind: 'next-route-handler', line: at(HTTP_ROUTE[0]!), edge };
  if (/(^|\/)pages\/api\//.test(rel)) return { kind: 'next-api-route', line: at(/export\s+default\b/), edge };
  if (/^\s*['"]use server['"]/m.test(code)) return { kind: 'next-server-action', line: at(/['"]use server['"]/), edge };
  if (/(^|\/)netlify\/(edge-)?functions\//.test(rel)) return { kind: 'netlify-function', line: at(/export\s+(default|const\s+handler|async\s+function\s+handler|function\s+handler)|exports\.handler/), edge };
  if (/^api\/.+\.[cm]?[jt]s$/.test(rel) && /export\s+default\b|module\.exports\s*=/.test(code)) return { kind: 'vercel-function', line: at(/export\s+default\b|module\.exports\s*=/), edge };
  const lambda = /export\s+(?:const|let)\s+handler\s*[:=]|export\s+(?:async\s+)?function\s+handler\b|(?:module\.)?exports\.handler\s*=/;
  if (lambda.test(code)) return { kind: 'aws-lambda', line: at(lambda), edge };
  return undefined;
}

function fileFacts(file: DiscoveredFile, pkg: string): FileFacts {
  const code = file.kind === 'source' ? stripComments(file.text) : file.text;
  const triggers = new Set<TriggerKind>();
  const serverless = serverlessOf(file.path, pkg, code);
  const rel = withinPackage(file.path, pkg);
  if (HTTP_ROUTE.some((p) => p.test(code)) || /(^|\/)pages\/api\/|\+server\.[jt]s$|(^|\/)server\/(api|routes)\//.test(rel)) triggers.add('http-route');
  if (/^\s*['"]use server['"]/m.test(code)) triggers.add('server-action');
  if (QUEUE_CONSUMER.test(code)) triggers.add('queue-consumer');
  if (CRON.test(code)) triggers.add('cron');
  if (WEBHOOK.test(code) || /webhook/i.test(rel)) triggers.add('webhook-handler');
  if (serverless) triggers.add('serverless-function');
  if (serverless?.kind === 'next-route-handler' || serverless?.kind === 'vercel-function' || serverless?.kind === 'netlify-function') triggers.add('http-route');
  return { triggers, ...(serverless ? { serverless } : {}) };
}

/** Inside a loop, or in a callback of an array method: one call per item. */
function inLoop(node: Node): boolean {
  for (let cur = node.getParent(); cur; cur = cur.getParent()) {
    if (Node.isForStatement(cur) || Node.isForOfStatement(cur) || Node.isForInStatement(cur) || Node.isWhileStatement(cur) || Node.isDoStatement(cur)) return true;
    if (isFunction(cur)) {
      const call = cur.getParent();
      if (call && Node.isCallExpression(call)) {
        const callee = unwrap(call.getExpression());
        if (Node.isPropertyAccessExpression(callee) && /^(forEach|map|flatMap|reduce|each|mapSeries|eachSeries)$/.test(callee.getName())) return true;
      }
      return false;
    }
  }
  return false;
}

const REQUEST_PART = /\b(req|request|ctx\.request|event)\.(body|query|params)\b|^body(\.\w+)?$|^(input|payload|data)\.(channel|event|name)$/;
const REQUEST_PAYLOAD = /^(await\s+)?(req\.body|request\.body|body|ctx\.request\.body|(req|request)\.json\(\)|JSON\.parse\(\s*(event|req)\.body\s*\))$/;

/** The channel, event or payload comes from the request as is: the endpoint publishes what the caller asked for. */
function relayed(op: Operation): boolean {
  const parts = op.channels.flatMap((c) => c.dynamicParts);
  if (parts.some((p) => REQUEST_PART.test(p.trim()))) return true;
  if (op.event && /\$\{/.test(op.event.pattern) && REQUEST_PART.test(op.event.pattern.replace(/^\$\{|\}$/g, ''))) return true;
  return op.payload !== null && REQUEST_PAYLOAD.test(op.payload.trim());
}

/** How long a server SDK instance lives: per module, lazily once, per DI container, or per call. */
function lifetime(server: ServerInstance): SdkLifetime {
  if (server.construction === 'module') return 'class';
  const scope = scopeOf(server.node);
  if (scope === 'module') return 'module';
  if (scope === 'class') return 'class';
  // `client ??= new Pusher(…)`, `if (!client) client = new Pusher(…)`, `globalThis.pusher ||= …`: created once, kept outside the call.
  let expr: Node = server.node;
  while (expr.getParent() && (Node.isParenthesizedExpression(expr.getParent()!) || Node.isAsExpression(expr.getParent()!))) expr = expr.getParent()!;
  const parent = expr.getParent();
  if (parent && Node.isBinaryExpression(parent) && /^(=|\?\?=|\|\|=)$/.test(parent.getOperatorToken().getText())) {
    const target = unwrap(parent.getLeft());
    if (Node.isPropertyAccessExpression(target) && /^(globalThis|global|this|window)$/.test(target.getExpression().getText())) return 'lazy-singleton';
    if (Node.isIdentifier(target)) {
      const declared = target.getSymbol()?.getDeclarations()[0];
      const fn = server.node.getFirstAncestor((a) => isFunction(a));
      if (declared && fn && !fn.getDescendants().includes(declared)) return 'lazy-singleton';
      if (declared && !fn) return 'lazy-singleton';
    }
  }
  return 'per-call';
}

function literalOf(ref: ValueRef | undefined): { value: string; source: 'literal' | 'env' | 'fallback' } | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'literal' && typeof ref.value === 'string' && ref.value !== '') return { value: ref.value, source: 'literal' };
  if (ref.kind === 'env') {
    if (ref.fallback?.kind === 'literal' && typeof ref.fallback.value === 'string' && ref.fallback.value !== '') return { value: ref.fallback.value, source: 'fallback' };
    return { value: `env:${ref.name}`, source: 'env' };
  }
  return undefined;
}

const familyOf = (pattern: string): string => pattern.replace(/\$\{[^}]*\}/g, '{…}');

export function buildArchitectureFacts(input: ArchitectureInput): ArchitectureFacts {
  const { inventory, graph, environments } = input;
  const envOf = (f: string) => environments.get(f)?.kind ?? 'unknown';
  const backend = (f: string) => {
    const e = environments.get(f);
    return e !== undefined && (e.kind === 'server' || (e.kind === 'unknown' && !e.shipsToClient));
  };
  const fileByPath = new Map(input.files.map((f) => [f.path, f]));
  const facts = new Map<string, FileFacts>();
  const factsOf = (path: string): FileFacts => {
    let f = facts.get(path);
    if (!f) {
      const file = fileByPath.get(path);
      f = file && file.blocks.length > 0 && envOf(path) !== 'test' && envOf(path) !== 'build' ? fileFacts(file, input.packageOf(path)) : { triggers: new Set() };
      facts.set(path, f);
    }
    return f;
  };
  const importersOf = (path: string): string[] => sortedUnique((graph.importers.get(path) ?? []).filter((e) => !e.typeOnly).map((e) => e.from));

  // Publishing sites and what triggers them.
  const publishOps = inventory.operations.filter((o) => o.side === 'server' && PUBLISH_KINDS.has(o.kind));
  const publishing = publishOps.map((op) => {
    let triggers = [...factsOf(op.location.file).triggers];
    let source: 'file' | 'importer' | 'none' = triggers.length > 0 ? 'file' : 'none';
    if (triggers.length === 0) {
      triggers = sortedUnique(importersOf(op.location.file).flatMap((f) => [...factsOf(f).triggers]));
      if (triggers.length > 0) source = 'importer';
    }
    return {
      operationId: op.id,
      kind: op.kind as 'trigger' | 'triggerBatch' | 'sendToUser',
      instanceId: op.instanceId,
      location: loc(op.location),
      package: pkgName(input.packageOf(op.location.file)),
      channels: sortedUnique(op.channels.map((c) => c.pattern)),
      triggers: sortedUnique(triggers),
      triggerSource: source,
      inLoop: inLoop(op.node),
      relayed: relayed(op),
    };
  });
  const byModule = new Map<string, { module: string; package: string; sites: number }>();
  for (const p of publishing) {
    const m = byModule.get(p.location.file) ?? { module: p.location.file, package: p.package, sites: 0 };
    m.sites++;
    byModule.set(p.location.file, m);
  }
  const byPackage = new Map<string, { package: string; sites: number; modules: number }>();
  for (const m of byModule.values()) {
    const p = byPackage.get(m.package) ?? { package: m.package, sites: 0, modules: 0 };
    p.sites += m.sites;
    p.modules++;
    byPackage.set(m.package, p);
  }

  // pusher-js in Node, and pusher-client (not a browser library the inventory tracks) imported by backend code.
  const serverSubscribers: ArchitectureFacts['serverSubscribers'] = inventory.clients
    .filter((c: ClientInstance) => backend(c.location.file))
    .map((c) => ({
      instanceId: c.id,
      library: c.library,
      location: loc(c.location),
      package: pkgName(input.packageOf(c.location.file)),
      subscriptions: inventory.operations.filter((o) => o.instanceId === c.id && SUBSCRIBE_KINDS.has(o.kind)).length,
    }));
  for (const [from, edges] of graph.imports) {
    if (!backend(from)) continue;
    const edge = edges.find((e) => e.specifier === 'pusher-client');
    if (!edge) continue;
    const file = fileByPath.get(from)!;
    const line = specifierLine(file.text, 'pusher-client');
    serverSubscribers.push({ instanceId: null, library: 'pusher-client', location: { file: from, line, column: 1 }, package: pkgName(input.packageOf(from)), subscriptions: (file.text.match(/\.subscribe\s*\(/g) ?? []).length });
  }

  // Brokers and queues, and middleware, from imports of backend files.
  const brokers: ArchitectureFacts['brokers'] = [];
  const middlewareFound: Array<{ kind: 'rate-limit' | 'auth'; library: string; file: string; line: number; appWide: boolean }> = [];
  for (const file of input.files) {
    if (file.blocks.length === 0 || !backend(file.path)) continue;
    const edges = graph.imports.get(file.path) ?? [];
    if (edges.length === 0 && !/(^|\/)middleware\.[jt]s$/.test(file.path)) continue;
    const code = stripComments(file.text);
    const seen = new Set<BrokerKind>();
    for (const e of edges) {
      if (e.typeOnly) continue;
      const kind = BROKER_MODULES.find(([re]) => re.test(e.specifier))?.[1];
      if (kind && !seen.has(kind)) {
        seen.add(kind);
        const roles = (Object.entries(ROLE_PATTERNS[kind]) as Array<['pubsub' | 'streams' | 'producer' | 'consumer', RegExp]>).filter(([, re]) => re.test(code)).map(([r]) => r);
        brokers.push({
          kind,
          library: e.specifier,
          location: { file: file.path, line: specifierLine(file.text, e.specifier), column: 1 },
          package: pkgName(input.packageOf(file.path)),
          constructed: CONSTRUCTS.test(code),
          roles: sortedUnique(roles),
        });
      }
      const specLine = () => specifierLine(file.text, e.specifier);
      if (RATE_LIMIT_MODULES.test(e.specifier)) middlewareFound.push({ kind: 'rate-limit', library: e.specifier, file: file.path, line: specLine(), appWide: /\.use\s*\(|ThrottlerModule|APP_GUARD/.test(code) });
      else if (AUTH_MODULES.test(e.specifier) && (AUTH_MIDDLEWARE_CALL.test(code) || /(^|\/)middleware\.[jt]s$/.test(file.path) || /^(passport|express-jwt|next-auth\/middleware)$/.test(e.specifier))) {
        middlewareFound.push({ kind: 'auth', library: e.specifier, file: file.path, line: specLine(), appWide: /(^|\/)middleware\.[jt]s$/.test(file.path) || /\.use\s*\(/.test(code) });
      }
    }
    if (!middlewareFound.some((m) => m.file === file.path && m.kind === 'auth') && /@UseGuards\s*\(/.test(code)) {
      middlewareFound.push({ kind: 'auth', library: '@nestjs/common UseGuards', file: file.path, line: lineAt(code, code.search(/@UseGuards\s*\(/)), appWide: false });
    }
  }

  // Which files each middleware sits in front of: its own file, the routers it mounts (one import
  // level), or the whole package for Next.js middleware (unless its matcher leaves /api out).
  const covered = (m: (typeof middlewareFound)[number]): Set<string> => {
    const out = new Set<string>([m.file]);
    if (/(^|\/)middleware\.[jt]s$/.test(m.file)) {
      const text = fileByPath.get(m.file)?.text ?? '';
      if (!/matcher/.test(text) || /api/.test(text.slice(text.indexOf('matcher')))) {
        const pkg = input.packageOf(m.file);
        for (const f of input.files) if (input.packageOf(f.path) === pkg) out.add(f.path);
      }
    } else if (m.appWide) {
      for (const e of graph.imports.get(m.file) ?? []) if (e.to) out.add(e.to);
    }
    return out;
  };
  const authOps = inventory.operations.filter((o) => o.side === 'server' && AUTH_KINDS.has(o.kind));
  const coverage = middlewareFound.map((m) => ({ m, files: covered(m) }));
  const middleware: ArchitectureFacts['middleware'] = coverage.map(({ m, files }) => ({
    kind: m.kind,
    library: m.library,
    location: { file: m.file, line: m.line, column: 1 },
    package: pkgName(input.packageOf(m.file)),
    covers: [
      ...(authOps.some((o) => files.has(o.location.file)) ? (['auth-endpoint'] as const) : []),
      ...(publishOps.some((o) => files.has(o.location.file)) ? (['publishing'] as const) : []),
    ],
  }));
  const authEndpoints = authOps.map((o) => ({
    operationId: o.id,
    location: loc(o.location),
    package: pkgName(input.packageOf(o.location.file)),
    rateLimited: coverage.some(({ m, files }) => m.kind === 'rate-limit' && files.has(o.location.file)),
    authMiddleware: coverage.some(({ m, files }) => m.kind === 'auth' && files.has(o.location.file)),
  }));

  // Serverless handlers, and whether they publish (themselves or through a module they import).
  const publishingFiles = new Set(publishOps.map((o) => o.location.file));
  const serverless: ArchitectureFacts['serverless'] = [];
  for (const file of input.files) {
    if (file.blocks.length === 0 || !backend(file.path)) continue;
    const s = factsOf(file.path).serverless;
    if (!s) continue;
    const reach = [file.path, ...(graph.imports.get(file.path) ?? []).map((e) => e.to).filter((t): t is string => t !== undefined)];
    serverless.push({
      kind: s.kind,
      location: { file: file.path, line: s.line, column: 1 },
      package: pkgName(input.packageOf(file.path)),
      edge: s.edge,
      publishes: reach.some((f) => publishingFiles.has(f)),
    });
  }
  const serverlessFiles = new Set(serverless.map((s) => s.location.file));
  const sdkInstances = inventory.servers.map((s) => ({
    instanceId: s.id,
    location: loc(s.location),
    package: pkgName(input.packageOf(s.location.file)),
    lifetime: lifetime(s),
    serverless: serverlessFiles.has(s.location.file) || importersOf(s.location.file).some((f) => serverlessFiles.has(f)),
  }));

  // Clusters and hosts.
  const clusterMap = new Map<string, { cluster: string; source: 'literal' | 'env' | 'fallback'; sides: Set<'client' | 'server'>; ids: Set<string> }>();
  const hostMap = new Map<string, ArchitectureFacts['hosts'][number]>();
  for (const inst of [...inventory.servers, ...inventory.clients]) {
    const c = literalOf(inst.options['cluster']);
    if (c) {
      const e = clusterMap.get(c.value) ?? { cluster: c.value, source: c.source, sides: new Set(), ids: new Set() };
      e.sides.add(inst.side);
      e.ids.add(inst.id);
      clusterMap.set(c.value, e);
    }
    for (const option of inst.side === 'server' ? ['host'] : ['wsHost', 'httpHost']) {
      const h = literalOf(inst.options[option]);
      if (!h) continue;
      const key = `${inst.side}\0${option}\0${h.value}`;
      const e = hostMap.get(key) ?? { host: h.value, option, side: inst.side, selfHosted: h.source === 'env' || !/(^|\.)pusher(app)?\.com$/.test(h.value), instanceIds: [] };
      e.instanceIds.push(inst.id);
      hostMap.set(key, e);
    }
  }

  // pusher-js from a CDN.
  const cdnScripts: ArchitectureFacts['cdnScripts'] = [];
  for (const file of input.files) {
    for (const src of file.scriptSrcs) {
      if (!/pusher/i.test(src) || !/^(https?:)?\/\//.test(src)) continue;
      const at = file.text.indexOf(src);
      const tagStart = file.text.lastIndexOf('<script', at);
      const tag = file.text.slice(tagStart, file.text.indexOf('>', at) + 1);
      cdnScripts.push({ file: file.path, line: lineAt(file.text, at), src, pinned: /@\d|\/\d+\.\d+(\.\d+)?\//.test(src), integrity: /\bintegrity\s*=/.test(tag) });
    }
  }

  // Presence, client events, channel families.
  const presence = new Set<string>();
  const clientEventChannels = new Set<string>();
  let clientEvents = 0;
  const families = new Map<string, { family: string; type: string; publishers: number; subscribers: number; files: Set<string> }>();
  const byId = new Map(inventory.operations.map((o) => [o.id, o]));
  for (const op of inventory.operations) {
    const channels = op.channels.length > 0 ? op.channels : op.sourceOperationId ? byId.get(op.sourceOperationId)?.channels ?? [] : [];
    if (op.kind === 'client-event') {
      clientEvents++;
      for (const c of channels) clientEventChannels.add(familyOf(c.pattern));
    }
    const publishes = PUBLISH_KINDS.has(op.kind) && op.side === 'server';
    const subscribes = SUBSCRIBE_KINDS.has(op.kind) && op.side === 'client';
    if (!publishes && !subscribes) continue;
    for (const c of op.channels) {
      const family = familyOf(c.pattern);
      if (c.type === 'presence') presence.add(family);
      const f = families.get(family) ?? { family, type: c.type, publishers: 0, subscribers: 0, files: new Set() };
      if (publishes) f.publishers++;
      else f.subscribers++;
      f.files.add(op.location.file);
      families.set(family, f);
    }
  }

  // Per package.
  const packages = new Map<string, ArchitectureFacts['packages'][number]>();
  const pkgEntry = (p: string) => {
    let e = packages.get(p);
    if (!e) packages.set(p, (e = { package: p, publishingSites: 0, serverInstances: 0, clientInstances: 0, serverSubscribers: 0, serverlessHandlers: 0, brokers: [] }));
    return e;
  };
  for (const p of publishing) pkgEntry(p.package).publishingSites++;
  for (const s of inventory.servers) pkgEntry(pkgName(input.packageOf(s.location.file))).serverInstances++;
  for (const c of inventory.clients) pkgEntry(pkgName(input.packageOf(c.location.file))).clientInstances++;
  for (const s of serverSubscribers) pkgEntry(s.package).serverSubscribers++;
  for (const s of serverless) if (s.publishes || packages.has(s.package)) pkgEntry(s.package).serverlessHandlers++;
  for (const b of brokers) if (packages.has(b.package)) pkgEntry(b.package).brokers = sortedUnique([...pkgEntry(b.package).brokers, b.kind]);

  const byLocation = <T extends { location: SourceLocation }>(a: T, b: T) =>
    a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column;
  return {
    packages: [...packages.values()].sort((a, b) => a.package.localeCompare(b.package)),
    publishing: publishing.sort(byLocation),
    publishingByModule: [...byModule.values()].sort((a, b) => b.sites - a.sites || a.module.localeCompare(b.module)),
    publishingByPackage: [...byPackage.values()].sort((a, b) => b.sites - a.sites || a.package.localeCompare(b.package)),
    serverSubscribers: serverSubscribers.sort(byLocation),
    brokers: brokers.sort((a, b) => byLocation(a, b) || a.kind.localeCompare(b.kind)),
    serverless: serverless.sort(byLocation),
    sdkInstances: sdkInstances.sort(byLocation),
    clusters: [...clusterMap.values()]
      .map((c) => ({ cluster: c.cluster, source: c.source, sides: sortedUnique(c.sides), instanceIds: sortedUnique(c.ids) }))
      .sort((a, b) => a.cluster.localeCompare(b.cluster)),
    hosts: [...hostMap.values()].map((h) => ({ ...h, instanceIds: sortedUnique(h.instanceIds) })).sort((a, b) => a.host.localeCompare(b.host) || a.option.localeCompare(b.option) || a.side.localeCompare(b.side)),
    cdnScripts: cdnScripts.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    middleware: middleware.sort((a, b) => byLocation(a, b) || a.kind.localeCompare(b.kind)),
    authEndpoints: authEndpoints.sort(byLocation),
    presence: { channels: sortedUnique(presence), clientEvents, clientEventChannels: sortedUnique(clientEventChannels) },
    channelFamilies: [...families.values()]
      .map((f) => ({ family: f.family, type: f.type, publishers: f.publishers, subscribers: f.subscribers, files: f.files.size }))
      .sort((a, b) => a.family.localeCompare(b.family)),
  };
}
