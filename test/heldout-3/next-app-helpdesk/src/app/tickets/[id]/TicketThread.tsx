'use client';

import { useEffect, useState } from 'react';
// The interface is erased at build time; nothing from the server module reaches the bundle.
import { TicketEvent } from '~/server/pusher';
import { getPusherClient } from '~/app/_lib/pusher-client';

export function TicketThread({ ticketId, initial }: { ticketId: string; initial: TicketEvent[] }) {
  const [replies, setReplies] = useState<TicketEvent[]>(initial);

  useEffect(() => {
    const name = `private-ticket-${ticketId}`;
    const pusher = getPusherClient();
    const onReply = (reply: TicketEvent) => setReplies((prev) => [...prev, reply]);
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    const channel = pusher.subscribe(name);
    // ok: connection-leak
    channel.bind('reply-created', onReply);
    return () => {
      channel.unbind('reply-created', onReply);
      pusher.unsubscribe(name);
    };
  }, [ticketId]);

  return (
    <ol className="thread">
      {replies.map((r) => (
        <li key={r.id}>{r.excerpt}</li>
      ))}
    </ol>
  );
}
