'use client';

import { useEffect, useState } from 'react';
import { getPusherClient } from '~/app/_lib/pusher-client';

export function TypingIndicator({ ticketId, me }: { ticketId: string; me: string }) {
  const [typing, setTyping] = useState<string[]>([]);

  // ruleid: connection-leak @effectWithoutDeps
  useEffect(() => {
    const channel = getPusherClient().subscribe(`private-ticket-${ticketId}`);
    const onTyping = ({ userId }: { userId: string }) => {
      if (userId !== me) setTyping((t) => (t.includes(userId) ? t : [...t, userId]));
    };
    channel.bind('client-typing', onTyping);
    return () => channel.unbind('client-typing', onTyping);
  });

  return typing.length ? <p className="typing">{typing.length} typing…</p> : null;
}
