'use client';

import { useEffect, useState } from 'react';
import { getPusherClient } from '@/lib/pusher-client';

interface TypingEvent {
  agentName: string;
}

export function TypingIndicator({ ticketId, agentName }: { ticketId: string; agentName: string }) {
  const [typing, setTyping] = useState<string[]>([]);

  // Re-subscribes after every render (typing state changes often).
  // ruleid: connection-leak
  useEffect(() => {
    const pusher = getPusherClient();
    const channelName = `private-ticket-${ticketId}`;
    const channel = pusher.subscribe(channelName);
    const onTyping = ({ agentName: who }: TypingEvent) =>
      setTyping((current) => (current.includes(who) ? current : [...current, who]));
    channel.bind('client-typing', onTyping);

    return () => {
      channel.unbind('client-typing', onTyping);
      pusher.unsubscribe(channelName);
    };
  });

  const announceTyping = () => {
    const channel = getPusherClient().channel(`private-ticket-${ticketId}`);
    // ok: public-channel-sensitive-data
    channel?.trigger('client-typing', { agentName });
  };

  return (
    <div>
      <textarea onKeyDown={announceTyping} aria-label="Reply" />
      {typing.length > 0 && <small>{typing.join(', ')} typing…</small>}
    </div>
  );
}
