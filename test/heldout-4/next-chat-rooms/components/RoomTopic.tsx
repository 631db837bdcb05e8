'use client';

import { useEffect, useRef } from 'react';
import { getPusher } from '@/lib/pusher-client';

export function RoomTopic({ roomId, topic }: { roomId: string; topic: string }) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const name = `private-room-${roomId}`;
    const channel = getPusher().subscribe(name);
    const onTopic = ({ topic }: { topic: string }) => {
      // ok: event-data-xss
      if (ref.current) ref.current.textContent = topic;
    };
    channel.bind('topic-changed', onTopic);
    return () => {
      channel.unbind('topic-changed', onTopic);
      getPusher().unsubscribe(name);
    };
  }, [roomId]);

  return <h2 ref={ref}>{topic}</h2>;
}
