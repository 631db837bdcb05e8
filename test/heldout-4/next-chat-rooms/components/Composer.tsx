'use client';

import throttle from 'lodash.throttle';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PresenceChannel } from 'pusher-js';
import { getPusher } from '@/lib/pusher-client';
import { sendMessage } from '@/app/rooms/actions';

export function Composer({ roomId }: { roomId: string }) {
  const [text, setText] = useState('');
  const channelRef = useRef<PresenceChannel | null>(null);

  useEffect(() => {
    const name = `presence-room-${roomId}`;
    // ok: presence-misuse
    channelRef.current = getPusher().subscribe(name) as PresenceChannel;
    return () => getPusher().unsubscribe(name);
  }, [roomId]);

  // At most one typing event every 2 s, well under the 10-per-second limit.
  const sendTyping = useMemo(
    () =>
      throttle(() => {
        // ok: client-event-misuse
        channelRef.current?.trigger('client-typing', { at: Date.now() });
      }, 2000),
    [],
  );

  return (
    <form action={() => sendMessage(roomId, text).then(() => setText(''))}>
      <textarea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          sendTyping();
        }}
      />
      <button type="submit">Send</button>
    </form>
  );
}
