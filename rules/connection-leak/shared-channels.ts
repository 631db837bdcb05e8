import type { Operation } from '../../src/inventory/types.js';
import type { Mount } from '../../src/analysis/lifecycle-mounts.js';
import { RenderScopes } from '../../src/analysis/render-scopes.js';
import { callText, channelMatches, helperBodies, leavesEveryVariant, opaqueChannel } from './channels.js';
import type { LeakState } from './state.js';

/**
 * pusher-js keeps one Channel per name on a client, and `unsubscribe(name)` removes it for everyone
 * holding it. When two components share a client and a channel, the one that unmounts first and
 * unsubscribes silences the other, which stays mounted with its handlers bound to a channel that no
 * longer receives anything. The component that only unbinds its handlers does it right.
 *
 * Only components that can be on screen together count (render-scopes.ts): two pages that each
 * subscribe and unsubscribe a channel hand it over on navigation, which is correct.
 */

/**
 * Subscribers are told apart by file: two mounts of one component are one subscriber, and so is
 * the component's method that subscribes again (`echo.join(room).whisper(…)` gets the same channel).
 */
interface Subscriber {
  op: Operation;
  label: string;
}

function subscriberOf(state: LeakState, op: Operation): Subscriber {
  const mount = state.mounts.of(op.node);
  const file = op.location.file;
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (!mount) return { op, label: `module code in ${base}` };
  const label = mount.component === 'component' ? `the component in ${base}` : `\`${mount.component}\` (${base})`;
  return { op, label };
}

export function checkSharedUnsubscribes(state: LeakState): void {
  const subscribes = state.inventory.operations.filter((o) => o.side === 'client' && o.kind === 'subscribe' && o.instanceId !== null && o.channels.length > 0);
  if (subscribes.length < 2) return;
  const subscribers = subscribes.map((op) => subscriberOf(state, op));
  const scopes = new RenderScopes(state.ctx.model.graph, (file) => state.ctx.model.packageOf(file));
  const seen = new Set<Operation>();
  for (const own of subscribers) {
    if (state.skipFile(own.op.location.file)) continue;
    const mount = state.mounts.of(own.op.node);
    if (!mount || state.livesWithApp(mount)) continue;
    for (const u of cleanupUnsubscribes(state, mount)) {
      if (seen.has(u) || u.instanceId !== own.op.instanceId || u.channels.some(opaqueChannel)) continue;
      if (!matches(own.op, u)) continue;
      const others = subscribers.filter((s) => s.op.location.file !== own.op.location.file && scopes.together(own.op.location.file, s.op.location.file) && s.op.instanceId === u.instanceId && matches(s.op, u));
      if (others.length === 0) continue;
      seen.add(u);
      const labels = [...new Set(others.map((o) => o.label))].sort();
      const listed = labels.length > 2 ? `${labels.slice(0, 2).join(', ')} and ${labels.length - 2} more` : labels.join(' and ');
      state.ctx.forFile(u.location.file, () =>
        state.ctx.report({
          node: u.anchor,
          messageId: 'sharedChannelUnsubscribed',
          data: { call: callText(u), channel: own.op.channels[0]!.pattern, component: own.label, others: listed, s: labels.length === 1 ? 's' : '' },
        }),
      );
    }
  }
}

function cleanupUnsubscribes(state: LeakState, mount: Mount): Operation[] {
  return mount.cleanups.flatMap((c) => [c, ...helperBodies(c)].flatMap((r) => state.opsIn(r))).filter((o) => o.kind === 'unsubscribe' || o.kind === 'leave');
}

function matches(sub: Operation, u: Operation): boolean {
  return u.sourceOperationId === sub.id || (u.channels.length > 0 && sub.channels.some((c) => u.channels.some((uc) => channelMatches(c, uc, leavesEveryVariant(u)))));
}
