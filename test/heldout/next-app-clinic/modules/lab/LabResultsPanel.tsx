'use client';

import { useEffect, useState } from 'react';
import Pusher from 'pusher-js';
// ok: client-side-authorization
import type { LabResultEvent } from '@/lib/pusher-server';

type Props = { orderId: string; onOpen: (resultId: string) => void };

/**
 * Shown on the patient's lab order page. Results can take hours, so the panel keeps its
 * own connection while it is open.
 */
export function LabResultsPanel({ orderId, onOpen }: Props) {
  const [results, setResults] = useState<LabResultEvent[]>([]);
  const [live, setLive] = useState(false);

  useEffect(() => {
    // ruleid: connection-leak @clientNotDisconnected
    // ruleid: connection-leak @duplicateClients
    // ok: reconnection-misuse
    // ok: client-side-authorization
    const pusher = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
      forceTLS: true,
      channelAuthorization: {
        endpoint: '/api/pusher/auth',
        transport: 'ajax',
        // ok: client-side-authorization
        customHandler: async ({ socketId, channelName }, callback) => {
          try {
            const res = await fetch('/api/pusher/auth', {
              method: 'POST',
              credentials: 'same-origin',
              body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }),
            });
            if (!res.ok) {
              callback(new Error(`auth failed: ${res.status}`), null);
              return;
            }
            callback(null, await res.json());
          } catch (err) {
            callback(err as Error, null);
          }
        },
      },
    });

    pusher.connection.bind('state_change', ({ current }: { current: string }) => setLive(current === 'connected'));

    const channelName = `private-lab-order-${orderId}`;
    // ok: connection-leak
    const channel = pusher.subscribe(channelName);
    channel.bind('result-ready', (event: LabResultEvent) => setResults((prev) => [event, ...prev]));

    return () => {
      channel.unbind_all();
      pusher.unsubscribe(channelName);
    };
  }, [orderId]);

  return (
    <aside className="lab-panel">
      <header>
        <h3>Results</h3>
        <span className={live ? 'dot dot--live' : 'dot'} title={live ? 'Live' : 'Offline'} />
      </header>
      {results.length === 0 ? (
        <p>No results yet. This page updates by itself.</p>
      ) : (
        <ul>
          {results.map((r) => (
            <li key={r.resultId}>
              <button type="button" onClick={() => onOpen(r.resultId)}>
                {r.flagged ? 'Result ready — please book a follow-up' : 'Result ready'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
