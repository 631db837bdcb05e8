import type { ClientInstance } from '../../src/inventory/types.js';
import { runtimeOf } from '../../src/inventory/runtime.js';
import { holderOf } from './clients.js';
import { loadOrder } from './load-order.js';
import type { Ctx } from './state.js';

/** Several clients for one app key in one runtime: each opens its own WebSocket. */

export function reportDuplicates(ctx: Ctx, skipFile: (file: string) => boolean): void {
  const groups = new Map<string, ClientInstance[]>();
  const seenHolders = new Set<string>();
  for (const client of ctx.model.inventory.clients) {
    if (skipFile(client.location.file) || client.library === '@pusher/pusher-websocket-react-native') continue;
    const key = client.key.kind === 'literal' && typeof client.key.value === 'string' ? `literal:${client.key.value}` : client.key.kind === 'env' ? `env:${client.key.name}` : undefined;
    if (!key) continue;
    // Alternatives assigned to one variable (`client = dev ? new Pusher(a) : new Pusher(b)`) are one client.
    const holder = holderOf(client.node);
    if (holder) {
      const id = `${client.location.file}|${holder}`;
      if (seenHolders.has(id)) continue;
      seenHolders.add(id);
    }
    const group = `${runtimeOf(ctx.model.packageOf, client.location.file)}|${key}`;
    const list = groups.get(group) ?? [];
    list.push(client);
    groups.set(group, list);
  }
  let order: Map<string, number> | undefined;
  for (const unordered of groups.values()) {
    if (unordered.length < 2) continue;
    order ??= loadOrder(ctx.model.graph, ctx.model.files);
    const list = [...unordered].sort(firstClientOrder(order, usedFromOtherFiles(ctx)));
    const [first, ...rest] = list;
    const keyText = first!.key.kind === 'env' ? `\`${first!.key.name}\`` : `\`${String((first!.key as { value: string }).value).slice(0, 4)}…\``;
    for (const client of rest) {
      ctx.forFile(client.location.file, () =>
        ctx.report({
          node: client.node,
          messageId: 'duplicateClients',
          data: { key: keyText, first: holderOf(first!.node) ?? 'new Pusher(…)', firstLocation: `${first!.location.file}:${first!.location.line}`, count: list.length },
        }),
      );
    }
  }
}

/**
 * Which client of a pair is "the first", the one to keep: a client other modules use (the shared
 * singleton of a `lib/pusher` module, a `window.Echo`) before one only its own file uses; then the
 * one the app loads first. Stable, so clients of one file, or of files no walk reaches, keep
 * inventory order.
 */
function firstClientOrder(order: Map<string, number>, shared: ReadonlySet<string>): (a: ClientInstance, b: ClientInstance) => number {
  const rank = (c: ClientInstance) => order.get(c.location.file) ?? Number.MAX_SAFE_INTEGER;
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
