import type { ClientInstance } from '../../src/inventory/types.js';
import { runtimeOf } from '../../src/inventory/runtime.js';
import { holderOf } from './clients.js';
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
  for (const list of groups.values()) {
    if (list.length < 2) continue;
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
