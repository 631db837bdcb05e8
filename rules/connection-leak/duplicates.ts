import type { Node } from 'ts-morph';
import type { ClientInstance } from '../../src/inventory/types.js';
import { runtimeOf } from '../../src/inventory/runtime.js';
import { isFunction, shortText } from '../../src/analysis/ast.js';
import { factoryCalls, factoryOf, holderOf } from './clients.js';
import { loadOrder } from './load-order.js';
import { loadedModules } from '../../src/analysis/loaded-modules.js';
import { RenderScopes } from '../../src/analysis/render-scopes.js';
import type { Ctx, LeakState } from './state.js';

/** Several clients for one app key in one runtime: each opens its own WebSocket. */

/** Where a client is created: the `new` (or provider), or a call of a client factory, which creates one per call. */
interface Creation {
  id: string;
  node: Node;
  file: string;
  line: number;
  key: ClientInstance['key'];
  name: string;
}

export function reportDuplicates(state: LeakState): void {
  const { ctx } = state;
  const groups = new Map<string, Creation[]>();
  const seenHolders = new Set<string>();
  for (const client of creations(state)) {
    const key = client.key.kind === 'literal' && typeof client.key.value === 'string' ? `literal:${client.key.value}` : client.key.kind === 'env' ? `env:${client.key.name}` : undefined;
    if (!key) continue;
    // Alternatives assigned to one variable (`client = dev ? new Pusher(a) : new Pusher(b)`) are one client.
    const holder = holderOf(client.node);
    if (holder) {
      const id = `${client.file}|${holder}`;
      if (seenHolders.has(id)) continue;
      seenHolders.add(id);
    }
    const group = `${runtimeOf(ctx.model.packageOf, client.file)}|${key}`;
    const list = groups.get(group) ?? [];
    list.push(client);
    groups.set(group, list);
  }
  let order: Map<string, number> | undefined;
  let scopes: RenderScopes | undefined;
  for (const unordered of groups.values()) {
    if (unordered.length < 2) continue;
    order ??= loadOrder(ctx.model.graph, ctx.model.files);
    const list = [...unordered].sort(firstClientOrder(order, usedFromOtherFiles(ctx)));
    const keyText = list[0]!.key.kind === 'env' ? `\`${list[0]!.key.name}\`` : `\`${String((list[0]!.key as { value: string }).value).slice(0, 4)}…\``;
    scopes ??= new RenderScopes(ctx.model.graph, (file) => ctx.model.packageOf(file));
    const alive = coexisting(state, scopes);
    list.forEach((client, i) => {
      // The first earlier client that can be open at the same time is the one this duplicates.
      const first = list.slice(0, i).find((other) => alive(client, other));
      if (!first) return;
      const count = list.filter((other) => other === client || alive(client, other)).length;
      ctx.forFile(client.file, () =>
        ctx.report({
          node: client.node,
          messageId: 'duplicateClients',
          data: { key: keyText, first: first.name, firstLocation: `${first.file}:${first.line}`, count },
        }),
      );
    });
  }
}

/**
 * Whether two clients can hold sockets at once. Each one a component creates on mount and
 * disconnects on unmount lives only while that component is on screen, so two of them in
 * components no page or layout mounts together (two route pages) never overlap. Any other
 * client, once created, stays open.
 */
function coexisting(state: LeakState, scopes: RenderScopes): (a: Creation, b: Creation) => boolean {
  const scoped = (c: Creation) => state.localClients.get(c.id)?.disconnected === true;
  return (a, b) => !(scoped(a) && scoped(b)) || a.file === b.file || scopes.together(a.file, b.file);
}

/**
 * Every client the app creates. A factory (`const pusher = (token) => new Pusher(…)`) is no one client: each
 * call that runs on load or on mount opens its own socket, so those calls stand for it. A factory with no such
 * call (called from helpers only) counts once, where it builds the client.
 */
function creations(state: LeakState): Creation[] {
  const { ctx } = state;
  const out: Creation[] = [];
  // A client in a module nothing loads opens no connection: it is neither a duplicate nor the first.
  const loaded = loadedModules(ctx.model);
  for (const client of ctx.model.inventory.clients) {
    if (state.skipFile(client.location.file) || client.library === '@pusher/pusher-websocket-react-native' || !loaded(client.location.file)) continue;
    const own: Creation = { id: client.id, node: client.node, file: client.location.file, line: client.location.line, key: client.key, name: clientName(client) };
    const factory = factoryOf(client);
    const calls = factory ? factoryCalls(factory).filter((call) => !call.getFirstAncestor(isFunction) || state.mounts.of(call)) : [];
    const made = calls.flatMap((call): Creation[] => {
      const at = ctx.model.project.locate(call);
      if (!at || state.skipFile(at.file)) return [];
      return [{ id: `${client.id}@${at.file}:${at.range.line}:${at.range.column}`, node: call, file: at.file, line: at.range.line, key: client.key, name: shortText(call, 40) }];
    });
    out.push(...(made.length > 0 ? made : [own]));
  }
  return out;
}

function clientName(client: ClientInstance): string {
  if (client.via === 'provider') return `<${shortText(client.node, 200).match(/^<\s*([\w.]+)/)?.[1] ?? 'PusherProvider'}>`;
  return holderOf(client.node) ?? 'new Pusher(…)';
}

/**
 * Which client of a pair is "the first", the one to keep: a client other modules use (the shared
 * singleton of a `lib/pusher` module, a `window.Echo`) before one only its own file uses; then the
 * one the app loads first. Stable, so clients of one file, or of files no walk reaches, keep
 * inventory order.
 */
function firstClientOrder(order: Map<string, number>, shared: ReadonlySet<string>): (a: Creation, b: Creation) => number {
  const rank = (c: Creation) => order.get(c.file) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => Number(shared.has(b.id)) - Number(shared.has(a.id)) || rank(a) - rank(b);
}

/** Ids of the clients an operation in another file was traced to. */
function usedFromOtherFiles(ctx: Ctx): Set<string> {
  const files = new Map(ctx.model.inventory.clients.map((c) => [c.id, c.location.file]));
  const out = new Set<string>();
  for (const op of ctx.model.inventory.operations) {
    if (op.instanceId !== null && files.has(op.instanceId) && files.get(op.instanceId) !== op.location.file) out.add(op.instanceId);
  }
  return out;
}
