'use client';

import { useEffect, useState } from 'react';
import { getPusher } from '@/lib/pusher-client';

/** One-to-one messages, end-to-end encrypted; read receipts go peer to peer. */
export function DirectMessages({ conversationId, me }: { conversationId: string; me: string }) {
  const [seenAt, setSeenAt] = useState<number | null>(null);

  useEffect(() => {
    const name = `private-encrypted-dm-${conversationId}`;
    const channel = getPusher().subscribe(name);
    const onSeen = ({ at }: { at: number }) => setSeenAt(at);
    channel.bind('client-seen', onSeen);
    channel.bind('pusher:subscription_succeeded', () => {
      // ruleid: client-event-misuse
      channel.trigger('client-seen', { by: me, at: Date.now() });
    });
    return () => {
      channel.unbind('client-seen', onSeen);
      getPusher().unsubscribe(name);
    };
  }, [conversationId, me]);

  return seenAt ? <small>Seen {new Date(seenAt).toLocaleTimeString()}</small> : null;
}
