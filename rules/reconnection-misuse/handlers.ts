import type { Node } from 'ts-morph';
import { Node as N } from '../../src/morph.js';
import type { ClientInstance, Operation } from '../../src/inventory/types.js';
import { objectProperties, shortText, unwrap } from '../../src/analysis/ast.js';
import type { Ctx, Scan } from './index.js';
import { runtimeOf } from '../../src/inventory/runtime.js';
import { normalise, resolveFunction } from './sites.js';

/** Connection state handlers the inventory found, and what the messages call clients and sites. */

/** Client libraries whose connection errors the app itself must watch. */
export const NOTED_LIBRARIES = new Set(['pusher-js', 'laravel-echo', '@pusher/pusher-websocket-react-native']);
export const HANDLER_EVENTS = new Set(['disconnected', 'error', 'unavailable', 'failed', 'state_change']);
/** `disconnected` alone is not error handling: it also fires after a deliberate `disconnect()`. */
const ERROR_EVENTS = new Set(['error', 'unavailable', 'failed', 'state_change']);

export interface Handler {
  event: string;
  fn: Node;
  /** The connection's owner as written (`pusher`, `this.pusher`), for `.connect()` calls the inventory could not attribute. */
  receiverText?: string;
  client?: ClientInstance;
}

export function clientName(node: Node): string {
  const parent = node.getParent();
  if (parent && N.isVariableDeclaration(parent)) return parent.getName();
  if (parent && N.isBinaryExpression(parent) && parent.getRight() === node) return shortText(parent.getLeft(), 40);
  if (parent && N.isPropertyAssignment(parent)) return parent.getName();
  if (parent && N.isPropertyDeclaration(parent)) return `this.${parent.getName()}`;
  return shortText(node, 40);
}

export function siteText(site: Node): string {
  if (N.isNewExpression(site)) return `new ${site.getExpression().getText()}(…)`;
  if (N.isCallExpression(site)) return `${shortText(site.getExpression(), 50)}()`;
  return shortText(site, 50);
}

export function collectHandlers(ctx: Ctx, clientById: Map<string, ClientInstance>): Handler[] {
  const handlers: Handler[] = [];
  for (const op of ctx.model.inventory.operations) {
    if (op.kind !== 'connection-bind' || !op.event?.name || !HANDLER_EVENTS.has(op.event.name)) continue;
    const fn = resolveFunction(op.callbackNode);
    if (!fn) continue;
    const callee = unwrap((op.node as import('ts-morph').CallExpression).getExpression());
    const connection = N.isPropertyAccessExpression(callee) ? unwrap(callee.getExpression()) : undefined;
    const owner = connection && N.isPropertyAccessExpression(connection) ? normalise(connection.getExpression().getText()) : undefined;
    const client = op.instanceId ? clientById.get(op.instanceId) : undefined;
    handlers.push({ event: op.event.name, fn, ...(owner ? { receiverText: owner } : {}), ...(client ? { client } : {}) });
  }
  // React Native: `pusher.init({ onConnectionStateChange, onError })`.
  for (const client of ctx.model.inventory.clients) {
    if (client.library !== '@pusher/pusher-websocket-react-native') continue;
    const props = objectProperties(client.optionsNode);
    for (const [prop, event] of [
      ['onConnectionStateChange', 'state_change'],
      ['onError', 'error'],
    ] as const) {
      const fn = resolveFunction(props.get(prop));
      if (fn) handlers.push({ event, fn, client });
    }
  }
  return handlers;
}

export function handlesErrors(client: ClientInstance, ops: readonly Operation[]): boolean {
  if (client.library === '@pusher/pusher-websocket-react-native') {
    const props = objectProperties(client.optionsNode);
    return props.has('onError') || props.has('onConnectionStateChange');
  }
  // A handler bound under a computed event name is given the benefit of the doubt.
  return ops.some((op) => op.kind === 'connection-bind' && op.instanceId === client.id && (!op.event?.name || ERROR_EVENTS.has(op.event.name)));
}

/** The once-per-app note when nothing in an app handles connection errors. */
export function checkErrorHandling(scan: Scan): void {
  const { ctx, reported, fought } = scan;
  const inventory = ctx.model.inventory;
  // Error handling is an app-wide concern: one shared client with an `error` handler, or a
  // handler bound somewhere the inventory cannot attribute, means the app does handle refusals.
  // So the note is said once per app (package; each HTML page is its own), on its first client, and only when nothing in
  // the app handles connection errors.
  const unresolvedHandlerFiles = new Set(
    inventory.operations.filter((o) => o.kind === 'connection-bind' && o.instanceId === null).map((o) => o.location.file),
  );
  const byApp = new Map<string, ClientInstance[]>();
  for (const client of inventory.clients) {
    if (!NOTED_LIBRARIES.has(client.library) || !ctx.appliesTo(client.location.file)) continue;
    // `new Echo({ client: pusher })` rides an existing pusher-js connection: errors are that client's to handle.
    if (client.library === 'laravel-echo' && client.options['client'] !== undefined) continue;
    const app = runtimeOf(ctx.model.packageOf, client.location.file);
    byApp.set(app, [...(byApp.get(app) ?? []), client]);
  }
  const appHandles = (app: string, clients: ClientInstance[]) =>
    clients.some((c) => reported.has(c.node) || fought.has(c.id) || handlesErrors(c, inventory.operations)) ||
    [...unresolvedHandlerFiles].some((file) => runtimeOf(ctx.model.packageOf, file) === app);
  for (const [app, clients] of [...byApp].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (appHandles(app, clients)) continue;
    const first = [...clients].sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line))[0]!;
    ctx.forFile(first.location.file, () => {
      const name = clientName(first.node);
      const hint =
        first.library === 'laravel-echo'
          ? `Bind \`${name}.connector.pusher.connection.bind('error', …)\``
          : first.library === '@pusher/pusher-websocket-react-native'
            ? 'Pass `onError` to `pusher.init({ … })`'
            : `Bind \`${name}.connection.bind('error', …)\``;
      const others = clients.length - 1;
      const scope = others === 0 ? '' : ` (nor do the app's ${others} other client${others === 1 ? '' : 's'})`;
      ctx.report({ node: first.node, messageId: 'noErrorHandling', data: { name, hint, scope } });
    });
  }
}
