'use client';

import { useEffect } from 'react';
import { getPusher } from '@/lib/pusher-client';

/** Shows where the other members' pointers are on the shared canvas. */
export function CursorLayer({ roomId }: { roomId: string }) {
  useEffect(() => {
    const name = `private-room-${roomId}`;
    const channel = getPusher().subscribe(name);
    const onMove = (e: MouseEvent) => {
      // ruleid: client-event-misuse
      channel.trigger('client-cursor', { x: e.clientX, y: e.clientY });
    };
    window.addEventListener('mousemove', onMove);
    return () => {
      window.removeEventListener('mousemove', onMove);
      getPusher().unsubscribe(name);
    };
  }, [roomId]);
  return null;
}
