'use client';

import { useState, useTransition } from 'react';
// ok: client-side-authorization
import { reopenTicket } from '@/app/actions';
import { notifyEscalation } from '@/lib/notify';

export function EscalateButton({ ticketId, closed }: { ticketId: string; closed: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const escalate = () =>
    startTransition(async () => {
      try {
        if (closed) await reopenTicket(ticketId);
        await notifyEscalation(ticketId, 'customer waiting > 4h');
      } catch (err) {
        setError(err instanceof Error ? err.message : 'Escalation failed');
      }
    });

  return (
    <>
      <button type="button" onClick={escalate} disabled={pending}>
        {pending ? 'Escalating…' : 'Escalate'}
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
