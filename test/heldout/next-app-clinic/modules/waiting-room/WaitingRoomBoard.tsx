'use client';

import { useCallback, useEffect, useState } from 'react';
import { getPusherClient, onRealtimeState } from '@/lib/pusher-client';
import { WAITING_ROOM_CHANNEL, waitingRoomEvents, type WaitingRoomEvent } from '@/lib/notify';

type Ticket = WaitingRoomEvent & { calledAt?: number };

export function WaitingRoomBoard({ initial }: { initial: Ticket[] }) {
  const [tickets, setTickets] = useState<Ticket[]>(initial);
  const [state, setState] = useState<'live' | 'offline' | 'refused'>('live');

  useEffect(() => onRealtimeState(setState), []);

  useEffect(() => {
    const client = getPusherClient();
    // ok: connection-leak
    const channel = client.subscribe(WAITING_ROOM_CHANNEL);

    const onCheckIn = (event: WaitingRoomEvent) =>
      setTickets((prev) => [...prev.filter((t) => t.appointmentId !== event.appointmentId), event]);
    const onCalled = (event: WaitingRoomEvent) =>
      setTickets((prev) =>
        prev.map((t) => (t.appointmentId === event.appointmentId ? { ...t, ...event, calledAt: Date.now() } : t)),
      );

    channel.bind(waitingRoomEvents.checkedIn, onCheckIn);
    channel.bind(waitingRoomEvents.called, onCalled);
    return () => {
      // Other panels on the lobby screen share this channel: unbind ours, keep the subscription.
      channel.unbind(waitingRoomEvents.checkedIn, onCheckIn);
      channel.unbind(waitingRoomEvents.called, onCalled);
    };
  }, []);

  // The lobby TV's browser sometimes sleeps the tab; poke the socket so the board never goes stale.
  useEffect(() => {
    const client = getPusherClient();
    // ruleid: reconnection-misuse @reconnectLoop
    const timer = setInterval(() => {
      if (client.connection.state !== 'connected') {
        client.connect();
      }
    }, 15_000);
    return () => clearInterval(timer);
  }, []);

  // ok: reconnection-misuse
  const reconnect = useCallback(() => getPusherClient().connect(), []);

  const waiting = tickets.filter((t) => !t.calledAt);
  const called = tickets.filter((t) => t.calledAt).sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0));

  return (
    <section className="board" aria-live="polite">
      {state !== 'live' && (
        <div className="board__banner" role="status">
          Live updates paused.{' '}
          {state === 'offline' && (
            <button type="button" onClick={reconnect}>
              Reconnect
            </button>
          )}
        </div>
      )}
      <div className="board__column">
        <h2>Now calling</h2>
        <ul>
          {called.slice(0, 4).map((t) => (
            <li key={t.appointmentId} className="board__called">
              <span className="ticket">{t.ticket}</span>
              <span className="room">{t.roomLabel}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="board__column">
        <h2>Waiting</h2>
        <ul>
          {waiting.map((t) => (
            <li key={t.appointmentId}>{t.ticket}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
