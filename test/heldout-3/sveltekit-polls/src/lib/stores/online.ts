import { writable } from 'svelte/store';
import { browser } from '$app/environment';
import { getClient } from '$lib/pusher-client';

/** How many people are on the site: one app-wide presence subscription, made once per page load. */
export const online = writable(0);

if (browser) {
  // ok: connection-leak
  const lobby = getClient().subscribe('presence-lobby');
  lobby.bind('pusher:subscription_succeeded', (members: { count: number }) => online.set(members.count));
  lobby.bind('pusher:member_added', () => online.update((n) => n + 1));
  lobby.bind('pusher:member_removed', () => online.update((n) => n - 1));
}
