'use client';

import { marked } from 'marked';
import { useEffect, useState } from 'react';
import { getPusher } from '@/lib/pusher-client';

interface Message {
  id: string;
  text: string;
  authorId: string;
}

export function MessageList({ roomId, initial }: { roomId: string; initial: Message[] }) {
  const [messages, setMessages] = useState(initial);

  useEffect(() => {
    const name = `private-room-${roomId}`;
    const channel = getPusher().subscribe(name);
    const onMessage = (m: Message) => setMessages((prev) => [...prev, m]);
    channel.bind('message', onMessage);
    return () => {
      channel.unbind('message', onMessage);
      getPusher().unsubscribe(name);
    };
  }, [roomId]);

  return (
    <ul>
      {messages.map((m) => (
        // Markdown from other members, rendered as HTML without sanitizing.
        // ruleid: event-data-xss
        <li key={m.id} dangerouslySetInnerHTML={{ __html: marked.parse(m.text) as string }} />
      ))}
    </ul>
  );
}
