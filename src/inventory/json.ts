import { Node } from '../morph.js';
import type { ClientInstanceJson, Inventory, InventoryJson, OperationJson, ServerInstanceJson } from './types.js';

/**
 * The inventory as reports print it: the same records without their ts-morph nodes. Known node
 * fields are dropped by name (so the types line up with the `*Json` shapes); any other field
 * holding a node is dropped too, because one added later would otherwise drag a whole syntax
 * tree, with its cycles, into `JSON.stringify`.
 */
export function toInventoryJson(inventory: Inventory): InventoryJson {
  return {
    files: inventory.files.map((f) => ({ ...f })),
    clients: inventory.clients.map(({ node: _node, optionsNode: _options, ...json }): ClientInstanceJson => withoutNodes(json)),
    servers: inventory.servers.map(({ node: _node, optionsNode: _options, ...json }): ServerInstanceJson => withoutNodes(json)),
    operations: inventory.operations.map(
      ({ node: _node, anchor: _anchor, channelNode: _c, eventNode: _e, payloadNode: _p, callbackNode: _cb, sourceOperationId: _s, ...json }): OperationJson =>
        withoutNodes(json),
    ),
    envVars: inventory.envVars.map((v) => ({ name: v.name, usedBy: [...v.usedBy] })),
  };
}

function withoutNodes<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => !Node.isNode(value))) as T;
}
