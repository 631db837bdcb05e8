import type { Node } from 'ts-morph';

/**
 * The Pusher inventory: every client and server instance, every operation on them, and where
 * each file runs. Built once per scan; rules, the cost model and the advisor read it.
 *
 * The `*Json` shapes are what `--format json` prints. The internal shapes extend them with the
 * ts-morph nodes rules need; `toInventoryJson` strips those.
 */

import type { ChannelType } from '../pusher/channels.js';
import type { ClientLibrary, ServerLibrary } from '../pusher/libraries.js';
import type { OperationKind } from '../pusher/methods.js';

// The SDK facts live in src/pusher/; re-exported here because the inventory's JSON shapes are made of them.
export { CHANNEL_TYPES, type ChannelType } from '../pusher/channels.js';
export { CLIENT_LIBRARIES, SERVER_LIBRARIES, type ClientLibrary, type ServerLibrary } from '../pusher/libraries.js';
export { CLIENT_OPERATIONS, SERVER_OPERATIONS, type OperationKind } from '../pusher/methods.js';

export interface ChannelRef {
  /** The full name when every part is static, else null. */
  name: string | null;
  /** The name with each unresolved part written `${…}` (or `${expr}` for a short identifier). */
  pattern: string;
  type: ChannelType;
  /** Whether the name starts with a cache prefix (`cache-`, `private-cache-`, …). */
  cache: boolean;
  /** Source text of each dynamic part, e.g. `userId` in `private-user-${userId}`. */
  dynamicParts: string[];
}

export type ValueRef =
  | { kind: 'literal'; value: string | number | boolean | null }
  /** Secret literals never leave the engine in full: only a preview of the first 4 characters. */
  | { kind: 'redacted'; preview: string; length: number }
  | { kind: 'env'; name: string; fallback?: ValueRef }
  | { kind: 'function' }
  | { kind: 'object'; properties: Record<string, ValueRef> }
  | { kind: 'unknown'; text: string };

export const ENVIRONMENTS = ['client', 'server', 'shared', 'test', 'build', 'unknown'] as const;
export type EnvironmentKind = (typeof ENVIRONMENTS)[number];

export interface FileEnvironment {
  kind: EnvironmentKind;
  /** For client and shared files. */
  platform?: 'browser' | 'react-native';
  /** True when the file's code is bundled into what browsers or apps download. */
  shipsToClient: boolean;
  /** Why: the signals and import chain that decided it, most decisive first. */
  reasons: string[];
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface ClientInstanceJson {
  id: string;
  side: 'client';
  library: ClientLibrary;
  /** `global` when pusher-js comes from a `<script>` tag (CDN) rather than an import. */
  via: 'import' | 'require' | 'global' | 'provider' | 'plugin' | 'singleton';
  location: SourceLocation;
  key: ValueRef;
  /** Options resolved where static; nested objects (`channelAuthorization`) as `object`. */
  options: Record<string, ValueRef>;
  /** Where the instance is created: module scope, a React component/effect, a Vue/Svelte lifecycle, a class… */
  scope: string;
}

export interface ServerInstanceJson {
  id: string;
  side: 'server';
  library: ServerLibrary;
  construction: 'new' | 'forURL' | 'forCluster' | 'module';
  location: SourceLocation;
  options: Record<string, ValueRef>;
}

export interface OperationJson {
  id: string;
  kind: OperationKind;
  side: 'client' | 'server';
  /** The instance the call was traced to, or null when the receiver could not be resolved. */
  instanceId: string | null;
  location: SourceLocation;
  channels: ChannelRef[];
  /** Event name for bind/trigger/client events; state or event for `connection-bind`. */
  event: { name: string | null; pattern: string } | null;
  /** Source text of the payload expression (truncated), for triggers and client events. */
  payload: string | null;
  /** Trigger params present, e.g. `info`, `socket_id`. */
  params: string[];
}

export interface InventoryFileJson {
  file: string;
  environment: FileEnvironment;
}

export interface InventoryJson {
  files: InventoryFileJson[];
  clients: ClientInstanceJson[];
  servers: ServerInstanceJson[];
  operations: OperationJson[];
  /** Environment variables read for Pusher options, with the instances that read them. */
  envVars: Array<{ name: string; usedBy: string[] }>;
}

// ---- Internal shapes (with nodes) ----

export interface ClientInstance extends ClientInstanceJson {
  node: Node;
  /** The options object literal, when there is one. */
  optionsNode?: Node;
}

export interface ServerInstance extends ServerInstanceJson {
  node: Node;
  optionsNode?: Node;
}

export type Instance = ClientInstance | ServerInstance;

export interface Operation extends OperationJson {
  /** The call expression. */
  node: Node;
  /** What findings about the call point at: the method name (`.listen` on its own line in a chain), else the call. */
  anchor: Node;
  /** Argument nodes, so rules don't re-derive positions. */
  channelNode?: Node;
  eventNode?: Node;
  payloadNode?: Node;
  callbackNode?: Node;
  /** For operations on a channel object: the subscribe/channel operation it came from. */
  sourceOperationId?: string;
}

export interface Inventory {
  files: InventoryFileJson[];
  clients: ClientInstance[];
  servers: ServerInstance[];
  operations: Operation[];
  envVars: Array<{ name: string; usedBy: string[] }>;
}
