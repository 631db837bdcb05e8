import { readable, type Readable } from 'svelte/store';
import { getClient } from '$lib/pusher-client';

export interface Tally {
  optionId: string;
  votes: number;
}

/**
 * Live tallies of one poll. The store subscribes when its first subscriber arrives and
 * unsubscribes when the last one leaves, so pages never manage the channel.
 */
export function pollResults(pollId: string, initial: Tally[]): Readable<Tally[]> {
  return readable(initial, (set) => {
    const name = `poll-${pollId}`;
    const pusher = getClient();
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    const channel = pusher.subscribe(name);
    const onTally = (tallies: Tally[]) => set(tallies);
    // ok: connection-leak
    channel.bind('tally', onTally);
    return () => {
      channel.unbind('tally', onTally);
      pusher.unsubscribe(name);
    };
  });
}
