import { useEffect, useState } from 'react';
import type { PresenceChannel } from 'pusher-js';
import { pusher } from '../lib/pusher';

/** Green dots next to every trader in the firm directory. */
export function OnlineTraders() {
  const [online, setOnline] = useState<Set<string>>(new Set());

  useEffect(() => {
    // ruleid: presence-misuse
    const channel = pusher.subscribe('presence-traders') as PresenceChannel;
    const refresh = () => {
      const ids = new Set<string>();
      channel.members.each((m: { id: string }) => ids.add(m.id));
      setOnline(ids);
    };
    channel.bind('pusher:subscription_succeeded', refresh);
    channel.bind('pusher:member_added', refresh);
    channel.bind('pusher:member_removed', refresh);
    return () => {
      channel.unbind_all();
      pusher.unsubscribe('presence-traders');
    };
  }, []);

  return <span>{online.size} traders online</span>;
}
