import type { Mount } from '../../src/analysis/lifecycle-mounts.js';
import type { Operation } from '../../src/inventory/types.js';
import { callText } from './channels.js';

/** The words of the rule's messages: where code runs, what it fails to undo, and the undo to write. */

export const objectProblem = 'passes the Channel object, but `unsubscribe` takes the channel name (an object matches no channel)';

export const objectFix = 'Call `channel.unsubscribe()` or `pusher.unsubscribe(channel.name)`.';

export function describeMount(m: Mount): { where: string; missing: string; unit: string; fix: string } {
  switch (m.kind) {
    case 'react-body':
      return {
        where: `in the body of \`${m.component}\`, which runs on every render`,
        missing: '',
        unit: 'render',
        fix: 'Create one client in a shared module (or in `useEffect` with a cleanup that calls `disconnect()`).',
      };
    case 'react-effect':
      return { where: `in a \`useEffect\` of \`${m.component}\``, missing: ' and the effect\'s cleanup never disconnects it', unit: 'mount (and every dependency change)', fix: 'Return a cleanup that calls `disconnect()`, or share one client from a module.' };
    case 'react-persistent':
      return { where: `once per mount of \`${m.component}\``, missing: ' and no effect cleanup disconnects it', unit: 'mount', fix: 'Add an effect whose cleanup calls `disconnect()`, or share one client from a module.' };
    case 'react-class':
      return { where: `in \`componentDidMount\` of \`${m.component}\``, missing: ' and `componentWillUnmount` never disconnects it', unit: 'mount', fix: 'Call `disconnect()` in `componentWillUnmount`.' };
    case 'vue':
      return { where: 'when the Vue component mounts', missing: ' and no `onUnmounted` / `onBeforeUnmount` hook disconnects it', unit: 'mount', fix: 'Call `disconnect()` in `onUnmounted`, or share one client from a module.' };
    case 'vue-options':
      return { where: 'in the Vue component\'s `mounted`/`created` hook', missing: ' and no `beforeDestroy` / `unmounted` hook disconnects it', unit: 'mount', fix: 'Call `disconnect()` in `beforeDestroy` (Vue 2) or `unmounted` (Vue 3).' };
    case 'svelte-store':
      return { where: 'when the Svelte store gets its first subscriber', missing: ' and the function the store\'s start returns never disconnects it', unit: 'time the store is used again', fix: 'Call `pusher.disconnect()` in the function the start callback returns, or share one client from a module.' };
    case 'svelte':
      return { where: 'when the Svelte component mounts', missing: ' and neither `onDestroy` nor the function `onMount` returns disconnects it', unit: 'mount', fix: 'Return `() => pusher.disconnect()` from `onMount`.' };
  }
}

export function mountNoun(m: Mount): string {
  return m.kind === 'react-effect' ? 'effect' : m.kind === 'react-class' ? 'component' : 'component mount';
}

export function undoFor(op: Operation, m: Mount): string {
  const place =
    m.kind === 'react-effect'
      ? 'the function the effect returns'
      : m.kind === 'react-class'
        ? '`componentWillUnmount`'
        : m.kind === 'vue'
          ? '`onUnmounted`'
          : m.kind === 'vue-options'
            ? '`beforeDestroy` / `unmounted`'
            : m.kind === 'svelte'
              ? 'the function `onMount` returns'
              : m.kind === 'svelte-store'
                ? 'the function the store\'s start callback returns'
              : 'an effect cleanup (and move the call into `useEffect`)';
  const channel = op.channels[0]?.pattern;
  const undo =
    op.kind === 'subscribe'
      ? op.channels[0] && /^(private|join|channel|encryptedPrivate)$/.test(callText(op).split('(')[0]!)
        ? `Echo.leave(…)`
        : `unsubscribe(${channel ? `'${channel}'` : '…'})`
      : op.kind === 'listen'
        ? 'stopListening(…) or Echo.leave(…)'
        : op.kind === 'connection-bind'
          ? `connection.unbind('${op.event?.pattern ?? '…'}', handler)`
          : `unbind('${op.event?.pattern ?? '…'}', handler)`;
  return `Call \`${undo}\` in ${place}.`;
}
