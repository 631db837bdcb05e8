import type { CallExpression, ElementAccessExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import type { ScanProject } from '../engine/project.js';
import type { ScanError } from '../engine/types.js';
import { AUTH_METHODS, CLIENT_METHODS, ECHO_CHANNEL_PREFIX, KNOWN_METHODS, SERVER_ONLY_METHODS } from '../pusher/methods.js';
import { channelFromParts, channelRef } from './channels.js';
import type { InstanceCollector } from './instances.js';
import { isAppMethod, originOfName, USE_PUSHER } from './origins.js';
import type { ChannelHandle, Receivers } from './receivers.js';
import { stringParts } from './values.js';
import { callAnchor, objectProperties, shortText, stringLiteral, unwrap } from '../analysis/ast.js';
import type { ChannelRef, ClientInstance, Instance, Operation, OperationKind, SourceLocation } from './types.js';

/**
 * The second pass: every call on an instance, or on a channel one returns, classified as an
 * operation (subscribe, bind, trigger, authorize…), with a branch per library where their
 * methods differ (pusher-js, Laravel Echo, the React Native SDK, use-pusher hooks, the server SDK).
 */
export class OperationClassifier {
  readonly operations: Operation[] = [];
  private readonly opByNode = new Map<Node, Operation>();

  constructor(
    private readonly instances: InstanceCollector,
    private readonly receivers: Receivers,
    private readonly project: ScanProject,
    private readonly locate: (node: Node) => SourceLocation,
    private readonly errors: ScanError[],
  ) {}

  operationFor(call: CallExpression): Operation | undefined {
    if (this.opByNode.has(call)) return this.opByNode.get(call);
    this.opByNode.set(call, undefined as unknown as Operation);
    let op: Operation | undefined;
    try {
      op = this.classify(call);
    } catch (err) {
      this.errors.push({ file: this.project.locate(call)?.file ?? '', message: `inventory: could not analyse a call (${err instanceof Error ? err.message : String(err)})` });
    }
    if (op) {
      this.opByNode.set(call, op);
      this.operations.push(op);
    } else {
      this.opByNode.delete(call);
    }
    return op;
  }

  private classify(call: CallExpression): Operation | undefined {
    const callee = unwrap(call.getExpression());
    if (Node.isElementAccessExpression(callee)) return this.computedEchoSubscribe(call, callee);
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.getName();
    if (!KNOWN_METHODS.has(method)) return undefined;
    const receiver = unwrap(callee.getExpression());
    const args = call.getArguments();

    // `Echo[isPublic ? 'channel' : 'private'](name).listen(…)`: the chain runs on that channel.
    if (Node.isCallExpression(receiver) && Node.isElementAccessExpression(unwrap(receiver.getExpression()))) {
      const computed = this.receivers.resolveChannel(receiver);
      if (computed) return this.channelOperation(call, computed, method, args);
    }

    // `pusher.connection.bind('state_change', …)`
    if (Node.isPropertyAccessExpression(receiver) && receiver.getName() === 'connection' && (method === 'bind' || method === 'unbind')) {
      const instance = this.receivers.resolveInstance(receiver.getExpression()) ?? this.receivers.guessClient(receiver.getExpression());
      if (!instance && !/pusher|echo|socket|client|connector/i.test(receiver.getExpression().getText())) return undefined;
      if (instance && instance.side !== 'client') return undefined;
      return this.op(call, method === 'bind' ? 'connection-bind' : 'unbind', 'client', instance, {
        event: args[0],
        callback: args[1],
      });
    }

    const instance = this.receivers.resolveInstance(receiver);
    if (instance) return this.instanceOperation(call, instance, method, args);

    const channel = this.receivers.resolveChannel(receiver);
    if (channel) return this.channelOperation(call, channel, method, args);

    // Unresolved receivers: only names that say Pusher, and only unambiguous methods.
    const text = receiver.getText();
    const guess = this.receivers.guessClient(receiver);
    if (guess && CLIENT_METHODS.has(method)) return this.instanceOperation(call, guess, method, args);
    // `trigger(channel, event, data)` has three arguments on the server SDK, two on a channel object.
    const serverTrigger = method === 'trigger' && args.length >= 3;
    if (/pusher/i.test(text) && (SERVER_ONLY_METHODS.has(method) || serverTrigger)) {
      // The app's own `PusherService.authorizeChannel(…)` wraps the SDK, usually with its checks:
      // the SDK call inside it is the operation. (Trigger wrappers stay operations: their payloads
      // are written at the call site.)
      if (AUTH_METHODS.has(method) && isAppMethod(callee)) return undefined;
      const servers = this.receivers.inPackageOf(call, this.instances.servers);
      return this.serverOperation(call, servers.length === 1 ? servers[0] : undefined, method, args);
    }
    return undefined;
  }


  /**
   * A hook that picks the Echo channel kind at run time (`Echo[publicChannel ? 'channel' : 'private'](name)`)
   * subscribes to one of the literal kinds named: each is a channel it may hold.
   */
  private computedEchoSubscribe(call: CallExpression, callee: ElementAccessExpression): Operation | undefined {
    const names = literalAlternatives(callee.getArgumentExpression());
    const arg = call.getArguments()[0];
    if (!names || !arg || !names.every((n) => ECHO_CHANNEL_PREFIX[n] !== undefined)) return undefined;
    const instance = this.receivers.resolveInstance(unwrap(callee.getExpression()));
    if (instance?.library !== 'laravel-echo') return undefined;
    const prefixes = [...new Set(names.map((n) => ECHO_CHANNEL_PREFIX[n]!))];
    return this.op(call, 'subscribe', 'client', instance, { channels: prefixes.map((prefix) => channelRef(arg, prefix)), channelNode: arg });
  }

  private instanceOperation(call: CallExpression, instance: Instance, method: string, args: Node[]): Operation | undefined {
    if (instance.side === 'server') return this.serverOperation(call, instance, method, args);
    if (instance.library === 'laravel-echo') {
      const prefix = ECHO_CHANNEL_PREFIX[method];
      if (prefix !== undefined && args[0]) return this.op(call, 'subscribe', 'client', instance, { channels: [channelRef(args[0], prefix)], channelNode: args[0] });
      if ((method === 'leave' || method === 'leaveChannel') && args[0]) {
        // `leave('room')` leaves the public, private and presence variants alike; `leaveChannel` takes the full name.
        return this.op(call, 'leave', 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0] });
      }
      if (method === 'listen' && args[0]) {
        return this.op(call, 'listen', 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0], event: args[1], callback: args[2] });
      }
      if (method === 'disconnect' || method === 'connect') return this.op(call, method, 'client', instance, {});
      return undefined;
    }
    if (instance.library === '@pusher/pusher-websocket-react-native') {
      if (method === 'init' && args[0]) {
        const client = instance as ClientInstance;
        const props = objectProperties(args[0]);
        const key = props.get('apiKey');
        if (key) client.key = this.instances.value(key, 'key');
        for (const [k, v] of props) if (k !== 'apiKey') client.options[k] = this.instances.value(v, k);
        client.optionsNode = unwrap(args[0]);
        return undefined;
      }
      if ((method === 'subscribe' || method === 'unsubscribe') && args[0]) {
        const props = objectProperties(args[0]);
        const name = props.get('channelName');
        return this.op(call, method, 'client', instance, {
          channels: name ? [channelRef(name)] : [],
          ...(name ? { channelNode: name } : {}),
          callback: props.get('onEvent'),
        });
      }
      if (method === 'trigger' && args[0]) {
        const props = objectProperties(args[0]);
        const name = props.get('channelName');
        return this.op(call, 'client-event', 'client', instance, {
          channels: name ? [channelRef(name)] : [],
          ...(name ? { channelNode: name } : {}),
          event: props.get('eventName'),
          payload: props.get('data'),
        });
      }
      if (method === 'connect' || method === 'disconnect') return this.op(call, method, 'client', instance, {});
      return undefined;
    }
    switch (method) {
      case 'subscribe':
      case 'unsubscribe':
      case 'channel':
        if (!args[0]) return undefined;
        return this.op(call, method, 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0] });
      case 'bind':
      case 'unbind':
        return this.op(call, method, 'client', instance, { event: args[0], callback: args[1] });
      case 'bind_global':
      case 'unbind_global':
        return this.op(call, method, 'client', instance, { callback: args[0] });
      case 'connect':
      case 'disconnect':
      case 'signin':
        return this.op(call, method, 'client', instance, {});
      default:
        return undefined;
    }
  }

  private channelOperation(call: CallExpression, channel: ChannelHandle, method: string, args: Node[]): Operation | undefined {
    const base = { channels: channel.channels, sourceOperationId: channel.sourceOperationId };
    const inst = channel.instance;
    switch (method) {
      case 'bind':
      case 'unbind':
        return this.op(call, method, 'client', inst, { ...base, event: args[0], callback: args[1] });
      case 'unbind_all':
        return this.op(call, 'unbind', 'client', inst, base);
      case 'bind_global':
        return this.op(call, 'bind_global', 'client', inst, { ...base, callback: args[0] });
      case 'unsubscribe':
        return this.op(call, 'unsubscribe', 'client', inst, base);
      case 'trigger':
        return this.op(call, 'client-event', 'client', inst, { ...base, event: args[0], payload: args[1] });
      case 'whisper':
        return this.op(call, 'client-event', 'client', inst, { ...base, event: args[0], eventPrefix: 'client-', payload: args[1] });
      case 'listen':
      case 'listenForWhisper':
      case 'notification':
      case 'here':
      case 'joining':
      case 'leaving':
        return this.op(call, 'listen', 'client', inst, {
          ...base,
          ...(method === 'listen' || method === 'listenForWhisper' ? { event: args[0], callback: args[1] } : { eventName: method, callback: args[0] }),
        });
      case 'stopListening':
      case 'stopListeningForWhisper':
        return this.op(call, 'unbind', 'client', inst, { ...base, event: args[0], callback: args[1] });
      default:
        return undefined;
    }
  }

  private serverOperation(call: CallExpression, instance: Instance | undefined, method: string, args: Node[]): Operation | undefined {
    switch (method) {
      case 'trigger': {
        if (!args[0]) return undefined;
        const target = unwrap(args[0]);
        const channels = Node.isArrayLiteralExpression(target) ? target.getElements().map((e) => channelRef(e)) : [channelRef(target)];
        return this.op(call, 'trigger', 'server', instance, { channels, channelNode: args[0], event: args[1], payload: args[2], paramsNode: args[3] });
      }
      case 'triggerBatch': {
        const list = args[0] ? unwrap(args[0]) : undefined;
        const channels: ChannelRef[] = [];
        if (list && Node.isArrayLiteralExpression(list)) {
          for (const el of list.getElements()) {
            const ch = objectProperties(el).get('channel');
            channels.push(ch ? channelRef(ch) : channelFromParts([{ dynamic: shortText(el) }]));
          }
        }
        return this.op(call, 'triggerBatch', 'server', instance, { channels, ...(args[0] ? { payload: args[0] } : {}) });
      }
      case 'sendToUser':
        if (!args[0]) return undefined;
        return this.op(call, 'sendToUser', 'server', instance, {
          channels: [channelFromParts(stringParts(args[0]), '#server-to-user-')],
          channelNode: args[0],
          event: args[1],
          payload: args[2],
        });
      case 'authorizeChannel':
      case 'authenticate':
        return this.op(call, method, 'server', instance, {
          channels: args[1] ? [channelRef(args[1])] : [],
          ...(args[1] ? { channelNode: args[1] } : {}),
          payload: args[2],
        });
      case 'authenticateUser':
        return this.op(call, 'authenticateUser', 'server', instance, { payload: args[1] });
      case 'webhook':
      case 'get':
      case 'post':
      case 'terminateUserConnections':
        if (!instance) return undefined;
        return this.op(call, method, 'server', instance, { payload: args[0] });
      default:
        return undefined;
    }
  }

  /** `@harelpls/use-pusher` hooks: useChannel / usePresenceChannel subscribe, useEvent binds. */
  hookOperations(sf: SourceFile): void {
    const hookModule = (name: string) => USE_PUSHER.test(originOfName(sf, name) ?? '');
    if (!/@harelpls\/use-pusher/.test(sf.getFullText())) return;
    const provider = this.receivers.inPackageOf(sf, this.instances.clients).filter((c) => c.library === '@harelpls/use-pusher');
    const instance = provider.length === 1 ? provider[0] : undefined;
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = unwrap(call.getExpression());
      if (!Node.isIdentifier(callee)) continue;
      const name = callee.getText();
      const args = call.getArguments();
      if ((name === 'useChannel' || name === 'usePresenceChannel') && hookModule(name) && args[0]) {
        const op = this.op(call, 'subscribe', 'client', instance, { channels: [channelRef(args[0])], channelNode: args[0] });
        this.opByNode.set(call, op);
        this.operations.push(op);
      } else if (name === 'useEvent' && hookModule(name) && args[0]) {
        const channel = this.receivers.resolveChannel(args[0]);
        const op = this.op(call, 'bind', 'client', instance, {
          channels: channel?.channels ?? [],
          ...(channel?.sourceOperationId ? { sourceOperationId: channel.sourceOperationId } : {}),
          event: args[1],
          callback: args[2],
        });
        this.opByNode.set(call, op);
        this.operations.push(op);
      }
    }
  }

  private op(
    call: CallExpression,
    kind: OperationKind,
    side: 'client' | 'server',
    instance: Instance | undefined,
    parts: {
      channels?: ChannelRef[];
      channelNode?: Node;
      event?: Node | undefined;
      eventPrefix?: string;
      eventName?: string;
      payload?: Node | undefined;
      paramsNode?: Node | undefined;
      callback?: Node | undefined;
      sourceOperationId?: string | undefined;
    },
  ): Operation {
    const anchor = callAnchor(call);
    const location = this.locate(anchor);
    let event: Operation['event'] = null;
    if (parts.eventName) event = { name: parts.eventName, pattern: parts.eventName };
    else if (parts.event) {
      const ref = channelFromParts(stringParts(parts.event), parts.eventPrefix ?? '');
      event = { name: ref.name, pattern: ref.pattern };
    }
    const params = parts.paramsNode ? [...objectProperties(parts.paramsNode).keys()].sort() : [];
    return {
      id: `${kind}@${location.file}:${location.line}:${location.column}`,
      kind,
      side,
      instanceId: instance?.id ?? null,
      location,
      channels: parts.channels ?? [],
      event,
      payload: parts.payload ? shortText(parts.payload, 120) : null,
      params,
      node: call,
      anchor,
      ...(parts.channelNode ? { channelNode: parts.channelNode } : {}),
      ...(parts.event ? { eventNode: parts.event } : {}),
      ...(parts.payload ? { payloadNode: parts.payload } : {}),
      ...(parts.callback ? { callbackNode: parts.callback } : {}),
      ...(parts.sourceOperationId ? { sourceOperationId: parts.sourceOperationId } : {}),
    };
  }
}

/** The strings an expression can be: a literal, or a conditional whose branches are. */
function literalAlternatives(node: Node | undefined): string[] | undefined {
  const text = stringLiteral(node);
  if (text !== undefined) return [text];
  const u = node ? unwrap(node) : undefined;
  if (u && Node.isConditionalExpression(u)) {
    const a = literalAlternatives(u.getWhenTrue());
    const b = literalAlternatives(u.getWhenFalse());
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}
