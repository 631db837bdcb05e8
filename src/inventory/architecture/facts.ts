import type { ArchitectureFacts } from '../architecture-schema.js';
import type { ClientInstance, Inventory, Operation } from '../types.js';
import { familyOf, inLoop, lifetime, literalOf, relayed } from './code.js';
import { byLocation, contextOf, loc, sortedUnique, type ArchitectureInput, type Context } from './context.js';
import { backendImports, middlewareCoverage } from './middleware.js';
import { lineAt, specifierLine } from './text.js';

export type { ArchitectureInput };

/**
 * Architecture facts: how the app around Pusher is built (who publishes and what runs that code,
 * queues and brokers beside Pusher, serverless handlers, clusters and hosts, middleware in front of
 * the auth endpoint), read from the inventory, the import graph and the files' text (`text.ts`).
 * Each fact says where it was seen, so a reader can check it. The recommender reasons from these
 * facts only. This file orders the passes and sorts what they return.
 */

const PUBLISH_KINDS = new Set(['trigger', 'triggerBatch', 'sendToUser']);
const AUTH_KINDS = new Set(['authorizeChannel', 'authenticate', 'authenticateUser']);
const SUBSCRIBE_KINDS = new Set(['subscribe', 'listen', 'channel']);

type Publishing = ArchitectureFacts['publishing'];

export function buildArchitectureFacts(input: ArchitectureInput): ArchitectureFacts {
  const ctx = contextOf(input);
  const { inventory } = input;
  const publishOps = inventory.operations.filter((o) => o.side === 'server' && PUBLISH_KINDS.has(o.kind));
  const authOps = inventory.operations.filter((o) => o.side === 'server' && AUTH_KINDS.has(o.kind));
  const publishing = publishingSites(ctx, publishOps);
  const { byModule, byPackage } = publishingTotals(publishing);
  const serverSubscribers = serverSubscribersOf(ctx);
  const { brokers, found } = backendImports(ctx);
  const { middleware, authEndpoints } = middlewareCoverage(ctx, found, authOps, publishOps);
  const serverless = serverlessHandlers(ctx, publishOps);
  const serverlessFiles = new Set(serverless.map((s) => s.location.file));
  const sdkInstances = inventory.servers.map((s) => ({
    instanceId: s.id,
    location: loc(s.location),
    package: ctx.packageName(s.location.file),
    lifetime: lifetime(s),
    serverless: serverlessFiles.has(s.location.file) || ctx.importersOf(s.location.file).some((f) => serverlessFiles.has(f)),
  }));
  const { clusters, hosts } = clustersAndHosts(inventory);
  const channels = channelFacts(inventory);
  const packages = packagesOf(ctx, publishing, serverSubscribers, serverless, brokers);
  return {
    packages: [...packages.values()].sort((a, b) => a.package.localeCompare(b.package)),
    publishing: publishing.sort(byLocation),
    publishingByModule: [...byModule.values()].sort((a, b) => b.sites - a.sites || a.module.localeCompare(b.module)),
    publishingByPackage: [...byPackage.values()].sort((a, b) => b.sites - a.sites || a.package.localeCompare(b.package)),
    serverSubscribers: serverSubscribers.sort(byLocation),
    brokers: brokers.sort((a, b) => byLocation(a, b) || a.kind.localeCompare(b.kind)),
    serverless: serverless.sort(byLocation),
    sdkInstances: sdkInstances.sort(byLocation),
    clusters,
    hosts,
    cdnScripts: cdnScriptsOf(input).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    middleware: middleware.sort((a, b) => byLocation(a, b) || a.kind.localeCompare(b.kind)),
    authEndpoints: authEndpoints.sort(byLocation),
    presence: channels.presence,
    channelFamilies: channels.channelFamilies,
  };
}

/** The facts of a tree with no Pusher in it. */
export function noArchitectureFacts(): ArchitectureFacts {
  return {
    packages: [],
    publishing: [],
    publishingByModule: [],
    publishingByPackage: [],
    serverSubscribers: [],
    brokers: [],
    serverless: [],
    sdkInstances: [],
    clusters: [],
    hosts: [],
    cdnScripts: [],
    middleware: [],
    authEndpoints: [],
    presence: { channels: [], clientEvents: 0, clientEventChannels: [] },
    channelFamilies: [],
  };
}

/** Publishing sites and what triggers them: their own file's triggers, else those of the files importing it. */
function publishingSites(ctx: Context, publishOps: readonly Operation[]): Publishing {
  return publishOps.map((op) => {
    let triggers = [...ctx.factsOf(op.location.file).triggers];
    let source: 'file' | 'importer' | 'none' = triggers.length > 0 ? 'file' : 'none';
    if (triggers.length === 0) {
      triggers = sortedUnique(ctx.importersOf(op.location.file).flatMap((f) => [...ctx.factsOf(f).triggers]));
      if (triggers.length > 0) source = 'importer';
    }
    return {
      operationId: op.id,
      kind: op.kind as 'trigger' | 'triggerBatch' | 'sendToUser',
      instanceId: op.instanceId,
      location: loc(op.location),
      package: ctx.packageName(op.location.file),
      channels: sortedUnique(op.channels.map((c) => c.pattern)),
      triggers: sortedUnique(triggers),
      triggerSource: source,
      inLoop: inLoop(op.node),
      relayed: relayed(op),
    };
  });
}

function publishingTotals(publishing: Publishing): {
  byModule: Map<string, { module: string; package: string; sites: number }>;
  byPackage: Map<string, { package: string; sites: number; modules: number }>;
} {
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
  return { byModule, byPackage };
}

/** pusher-js in Node, and pusher-client (not a browser library the inventory tracks) imported by backend code. */
function serverSubscribersOf(ctx: Context): ArchitectureFacts['serverSubscribers'] {
  const serverSubscribers: ArchitectureFacts['serverSubscribers'] = ctx.input.inventory.clients
    .filter((c: ClientInstance) => ctx.backend(c.location.file))
    .map((c) => ({
      instanceId: c.id,
      library: c.library,
      location: loc(c.location),
      package: ctx.packageName(c.location.file),
      subscriptions: ctx.input.inventory.operations.filter((o) => o.instanceId === c.id && SUBSCRIBE_KINDS.has(o.kind)).length,
    }));
  for (const [from, edges] of ctx.input.graph.imports) {
    if (!ctx.backend(from)) continue;
    const edge = edges.find((e) => e.specifier === 'pusher-client');
    if (!edge) continue;
    const file = ctx.fileByPath.get(from)!;
    const line = specifierLine(file.text, 'pusher-client');
    serverSubscribers.push({ instanceId: null, library: 'pusher-client', location: { file: from, line, column: 1 }, package: ctx.packageName(from), subscriptions: (file.text.match(/\.subscribe\s*\(/g) ?? []).length });
  }
  return serverSubscribers;
}

/** Serverless handlers, and whether they publish (themselves or through a module they import). */
function serverlessHandlers(ctx: Context, publishOps: readonly Operation[]): ArchitectureFacts['serverless'] {
  const publishingFiles = new Set(publishOps.map((o) => o.location.file));
  const serverless: ArchitectureFacts['serverless'] = [];
  for (const file of ctx.input.files) {
    if (file.blocks.length === 0 || !ctx.backend(file.path)) continue;
    const s = ctx.serverlessOf(file.path);
    if (!s) continue;
    const reach = [file.path, ...(ctx.input.graph.imports.get(file.path) ?? []).map((e) => e.to).filter((t): t is string => t !== undefined)];
    serverless.push({
      kind: s.kind,
      location: { file: file.path, line: s.line, column: 1 },
      package: ctx.packageName(file.path),
      edge: s.edge,
      publishes: reach.some((f) => publishingFiles.has(f)),
    });
  }
  return serverless;
}

function clustersAndHosts(inventory: Inventory): Pick<ArchitectureFacts, 'clusters' | 'hosts'> {
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
  return {
    clusters: [...clusterMap.values()]
      .map((c) => ({ cluster: c.cluster, source: c.source, sides: sortedUnique(c.sides), instanceIds: sortedUnique(c.ids) }))
      .sort((a, b) => a.cluster.localeCompare(b.cluster)),
    hosts: [...hostMap.values()].map((h) => ({ ...h, instanceIds: sortedUnique(h.instanceIds) })).sort((a, b) => a.host.localeCompare(b.host) || a.option.localeCompare(b.option) || a.side.localeCompare(b.side)),
  };
}

/** pusher-js from a CDN. */
function cdnScriptsOf(input: ArchitectureInput): ArchitectureFacts['cdnScripts'] {
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
  return cdnScripts;
}

/** Presence, client events, channel families. */
function channelFacts(inventory: Inventory): Pick<ArchitectureFacts, 'presence' | 'channelFamilies'> {
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
  return {
    presence: { channels: sortedUnique(presence), clientEvents, clientEventChannels: sortedUnique(clientEventChannels) },
    channelFamilies: [...families.values()]
      .map((f) => ({ family: f.family, type: f.type, publishers: f.publishers, subscribers: f.subscribers, files: f.files.size }))
      .sort((a, b) => a.family.localeCompare(b.family)),
  };
}

function packagesOf(
  ctx: Context,
  publishing: Publishing,
  serverSubscribers: ArchitectureFacts['serverSubscribers'],
  serverless: ArchitectureFacts['serverless'],
  brokers: ArchitectureFacts['brokers'],
): Map<string, ArchitectureFacts['packages'][number]> {
  const packages = new Map<string, ArchitectureFacts['packages'][number]>();
  const pkgEntry = (p: string) => {
    let e = packages.get(p);
    if (!e) packages.set(p, (e = { package: p, publishingSites: 0, serverInstances: 0, clientInstances: 0, serverSubscribers: 0, serverlessHandlers: 0, brokers: [] }));
    return e;
  };
  for (const p of publishing) pkgEntry(p.package).publishingSites++;
  for (const s of ctx.input.inventory.servers) pkgEntry(ctx.packageName(s.location.file)).serverInstances++;
  for (const c of ctx.input.inventory.clients) pkgEntry(ctx.packageName(c.location.file)).clientInstances++;
  for (const s of serverSubscribers) pkgEntry(s.package).serverSubscribers++;
  for (const s of serverless) if (s.publishes || packages.has(s.package)) pkgEntry(s.package).serverlessHandlers++;
  for (const b of brokers) if (packages.has(b.package)) pkgEntry(b.package).brokers = sortedUnique([...pkgEntry(b.package).brokers, b.kind]);
  return packages;
}
