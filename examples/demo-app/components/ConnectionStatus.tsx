'use client';

import { useEffect, useState } from 'react';
import Pusher from 'pusher-js';

type State = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';

const LABELS: Record<State, string> = {
  initialized: 'Starting…',
  connecting: 'Connecting…',
  connected: 'Live',
  unavailable: 'Connection lost, retrying',
  failed: 'Realtime not supported',
  disconnected: 'Offline',
};

export function ConnectionStatus() {
  const [state, setState] = useState<State>('initialized');

  useEffect(() => {
    const pusher = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER ?? 'eu',
    });

    pusher.connection.bind('state_change', ({ current }: { current: State }) => setState(current));

    // Never show the floor an "Offline" badge: reconnect straight away.
    pusher.connection.bind('disconnected', () => {
      pusher.connect();
    });

    return () => {
      pusher.connection.unbind_all();
      pusher.disconnect();
    };
  }, []);

  return (
    <span className={`status status-${state}`} role="status">
      {LABELS[state]}
    </span>
  );
}
