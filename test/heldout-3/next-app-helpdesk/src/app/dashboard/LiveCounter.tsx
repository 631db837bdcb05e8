'use client';

import PusherJs from 'pusher-js';
import { useEffect, useState } from 'react';
import { env } from '~/env';

/** Open-ticket counter on the dashboard; written before the shared client existed. */
export function LiveCounter({ initial }: { initial: number }) {
  const [open, setOpen] = useState(initial);

  useEffect(() => {
    // ruleid: connection-leak @clientNotDisconnected
    // ruleid: connection-leak @duplicateClients
    // ok: reconnection-misuse
    // ok: client-side-authorization
    const pusher = new PusherJs(env.NEXT_PUBLIC_PUSHER_KEY, { cluster: env.NEXT_PUBLIC_PUSHER_CLUSTER });
    // ok: public-channel-sensitive-data
    pusher.subscribe('tickets-board').bind('ticket-count', (e: { open: number }) => setOpen(e.open));
  }, []);

  return <span className="badge">{open} open</span>;
}
