import type { CallExpression } from 'ts-morph';
import type { Node } from '../../src/morph.js';
import type { Operation } from '../../src/inventory/types.js';
import { calleeName, type Mount } from '../../src/analysis/lifecycle-mounts.js';
import { callText, channelMatches, helperBodies, leavesEveryVariant, opaqueChannel } from './channels.js';
import { describeMount, mountNoun, objectFix, objectProblem, undoFor } from './describe.js';
import type { LeakState } from './state.js';

/** Subscriptions and bindings added on mount and not removed, cleanups of the wrong channel, effects without deps. */

const ADD_KINDS = new Set(['subscribe', 'bind', 'listen', 'connection-bind', 'bind_global']);

export function checkSubscriptions(state: LeakState): void {
  const byMount = new Map<Node, { mount: Mount; ops: Operation[] }>();
  for (const op of state.inventory.operations) {
    if (op.side !== 'client' || !ADD_KINDS.has(op.kind) || state.skipFile(op.location.file)) continue;
    // use-pusher's hooks unsubscribe by themselves; calls on its `client` do not.
    if (/^(useChannel|usePresenceChannel|useEvent)$/.test(calleeName(op.node))) continue;
    const mount = state.mounts.of(op.node);
    if (!mount || state.livesWithApp(mount)) continue;
    const entry = byMount.get(mount.body) ?? { mount, ops: [] };
    entry.ops.push(op);
    byMount.set(mount.body, entry);
  }
  for (const { mount, ops } of byMount.values()) state.ctx.forFile(ops[0]!.location.file, () => new MountCheck(state, mount, ops).run());
}

/** One mount: what it adds, what its cleanups remove, and what is left over. */
class MountCheck {
  private readonly removals: Operation[];
  private readonly unsubscribes: Operation[];
  private readonly subscribes: Operation[];

  constructor(
    private readonly state: LeakState,
    private readonly mount: Mount,
    private readonly ops: Operation[],
  ) {
    this.removals = mount.cleanups.flatMap((c) => [c, ...helperBodies(c)].flatMap((r) => state.opsIn(r)));
    this.unsubscribes = this.removals.filter((r) => r.kind === 'unsubscribe' || r.kind === 'leave');
    this.subscribes = ops.filter((o) => o.kind === 'subscribe');
  }

  run(): void {
    const wrongFor = this.reportWrongCleanups();
    for (const op of this.ops) {
      if (this.clientGone(op) || this.mount.opaque) continue;
      if (op.kind === 'subscribe') this.checkSubscribe(op, wrongFor);
      else this.checkBind(op);
    }
    const effect = this.mount.effectCall;
    if (effect && effect.getArguments().length === 1) this.state.reportEffect(effect, 'subscribes or binds');
  }

  /** The client is gone with the mount: reported as clientNotDisconnected, or disconnected in the cleanup. */
  private clientGone(op: Operation): boolean {
    if (op.instanceId && this.state.localClients.get(op.instanceId)) return true;
    return this.removals.some((r) => r.kind === 'disconnect' && r.instanceId === op.instanceId && op.instanceId !== null);
  }

  private unsubscribed(s: Operation): boolean {
    return this.unsubscribes.some(
      (u) =>
        u.sourceOperationId === s.id ||
        (u.channels.length > 0 && s.channels.some((c) => u.channels.some((uc) => channelMatches(c, uc, leavesEveryVariant(u)) || (opaqueChannel(uc) && !this.state.channelObject(u))))),
    );
  }

  private unbound(b: Operation): boolean {
    return this.removals.some((r) => {
      if (r.kind !== 'unbind' && r.kind !== 'unbind_global') return false;
      const connectionUnbind = /\.connection\.unbind$/.test(calleeName(r.node).replace(/\?/g, ''));
      if ((b.kind === 'connection-bind') !== connectionUnbind) return false;
      const sameTarget = b.sourceOperationId
        ? r.sourceOperationId === b.sourceOperationId || (r.channels.length > 0 && b.channels.some((c) => r.channels.some((rc) => channelMatches(c, rc, false))))
        : r.instanceId === b.instanceId;
      return sameTarget && (!r.event || !b.event || r.event.pattern === b.event.pattern);
    });
  }

  /** An unsubscribe that matches nothing this mount subscribed, on the same client, is a typo'd cleanup. */
  private reportWrongCleanups(): Set<string | null> {
    const wrongFor = new Set<string | null>();
    for (const u of this.unsubscribes) {
      if (u.sourceOperationId || this.state.channelObject(u) || u.channels.length === 0 || u.channels.some(opaqueChannel)) continue;
      const sameClient = this.subscribes.filter((sub) => sub.instanceId === u.instanceId);
      if (sameClient.length === 0 || sameClient.some((sub) => sub.channels.some((c) => u.channels.some((uc) => channelMatches(c, uc, leavesEveryVariant(u)))))) continue;
      const expected = sameClient.find((sub) => !this.unsubscribed(sub)) ?? sameClient[0]!;
      wrongFor.add(u.instanceId);
      const problem = `${u.kind === 'leave' ? 'leaves' : 'unsubscribes'} \`${u.channels[0]!.pattern}\` but the same ${mountNoun(this.mount)} subscribed \`${expected.channels[0]?.pattern ?? '?'}\``;
      const fix =
        u.kind === 'leave' && !leavesEveryVariant(u)
          ? '`leaveChannel` takes the full name: call `Echo.leave(…)` with the name you joined (it adds the `private-` / `presence-` prefix), or pass the prefixed name.'
          : 'Unsubscribe the name you subscribed: keep it in one variable and pass it to both calls.';
      this.state.reportWrong(u, problem, expected.channels[0]?.pattern ?? '?', fix);
    }
    return wrongFor;
  }

  private checkSubscribe(op: Operation, wrongFor: ReadonlySet<string | null>): void {
    if (this.unsubscribed(op)) return;
    const binds = this.ops.filter((b) => b.sourceOperationId === op.id && b.kind !== 'subscribe');
    // A shared client's channel may stay subscribed for others; removing our handlers is the cleanup.
    if (binds.length > 0 && binds.every((b) => this.unbound(b))) return;
    const withObject = this.unsubscribes.find((u) => this.state.channelObject(u) === op);
    if (withObject) {
      this.state.reportWrong(withObject, objectProblem, op.channels[0]?.pattern ?? '?', objectFix);
      return;
    }
    if (wrongFor.has(op.instanceId)) return;
    const channel = op.channels[0]?.pattern ?? '?';
    // Subscribing again to a channel the client already has returns the same Channel, so with a fixed
    // name what piles up on each mount is the handler: point at the first one left bound. A name built
    // from props or state is a new subscription each time, and that is the leak.
    const bound = op.channels.length > 0 && op.channels.every((c) => c.name !== null) ? binds.find((b) => !this.unbound(b)) : undefined;
    if (bound) this.report(bound, `binds \`${bound.event?.pattern ?? '?'}\` on \`${channel}\``, op);
    else this.report(op, `subscribes to \`${channel}\``);
  }

  private checkBind(op: Operation): void {
    if (op.sourceOperationId && this.subscribes.some((s) => s.id === op.sourceOperationId)) return;
    const source = op.sourceOperationId ? this.state.opById.get(op.sourceOperationId) : undefined;
    if (source && this.unsubscribed(source)) return;
    if (this.unbound(op)) return;
    if (!op.instanceId && !op.sourceOperationId) return;
    const what = op.kind === 'connection-bind' ? `binds a \`${op.event?.pattern ?? '?'}\` handler on the connection` : `binds \`${op.event?.pattern ?? '?'}\`${op.channels[0] ? ` on \`${op.channels[0].pattern}\`` : ''}`;
    this.report(op, what);
  }

  /** `undo` is the operation whose undo the fix names: the subscription when a handler on it is reported. */
  private report(op: Operation, what: string, undo: Operation = op): void {
    const unit = this.mount.kind === 'react-body' ? 'render' : 'mount';
    this.state.ctx.report({
      node: op.anchor,
      messageId: 'subscriptionNotCleaned',
      data: { call: callText(op), what, where: describeMount(this.mount).where, unit, fix: undoFor(undo, this.mount) },
    });
  }
}

/** Effects without a dependency array that create a client. */
export function checkEffectClients(state: LeakState): void {
  for (const client of state.inventory.clients) {
    if (state.skipFile(client.location.file)) continue;
    const effect: CallExpression | undefined = state.mounts.of(client.node)?.effectCall;
    if (effect && effect.getArguments().length === 1) state.ctx.forFile(client.location.file, () => state.reportEffect(effect, 'creates a Pusher client'));
  }
}

/** `pusher.unsubscribe(channel)` with the Channel object, wherever it is. */
export function checkObjectUnsubscribes(state: LeakState): void {
  for (const op of state.inventory.operations) {
    if (op.kind !== 'unsubscribe' || state.skipFile(op.location.file) || state.wasReportedWrong(op)) continue;
    const source = state.channelObject(op);
    if (!source) continue;
    state.ctx.forFile(op.location.file, () => state.reportWrong(op, objectProblem, source.channels[0]?.pattern ?? '?', objectFix));
  }
}
