'use client';

import { useEffect, useState } from 'react';
import { useSession } from 'next-auth/react';
import type { PresenceChannel } from 'pusher-js';
import { getPusherClient } from '@/lib/pusher-client';
// ok: client-side-authorization
import type { PatientEvent } from '@/lib/pusher-server';

export function PatientNotifications() {
  const { data: session } = useSession();
  const userId = session?.user?.id;
  const [events, setEvents] = useState<PatientEvent[]>([]);

  useEffect(() => {
    if (!userId) return;
    const client = getPusherClient();
    // ruleid: connection-leak @subscriptionNotCleaned
    const channel = client.subscribe(`private-encrypted-patient-${userId}`);
    channel.bind('appointment-updated', (event: PatientEvent) => {
      setEvents((prev) => [event, ...prev].slice(0, 20));
    });
  }, [userId]);

  if (events.length === 0) return null;
  return (
    <ul className="notifications">
      {events.map((e, i) => (
        <li key={`${e.appointmentId}-${i}`}>
          {e.type === 'appointment-updated' ? `Appointment ${e.status.toLowerCase()}` : 'Reminder'} ·{' '}
          {new Date(e.startsAt).toLocaleString()}
        </li>
      ))}
    </ul>
  );
}

type StaffMember = { id: string; name: string; role: string };

export function StaffPresence({ onChange }: { onChange?: (count: number) => void }) {
  const [members, setMembers] = useState<StaffMember[]>([]);

  // ruleid: connection-leak @effectWithoutDeps
  useEffect(() => {
    const client = getPusherClient();
    // ok: connection-leak
    const channel = client.subscribe('presence-clinic-staff') as PresenceChannel;

    const sync = () => {
      const list: StaffMember[] = [];
      channel.members.each((m: { id: string; info: { name: string; role: string } }) =>
        list.push({ id: m.id, name: m.info.name, role: m.info.role }),
      );
      setMembers(list);
      onChange?.(list.length);
    };

    channel.bind('pusher:subscription_succeeded', sync);
    channel.bind('pusher:member_added', sync);
    channel.bind('pusher:member_removed', sync);
    return () => {
      channel.unbind('pusher:subscription_succeeded', sync);
      channel.unbind('pusher:member_added', sync);
      channel.unbind('pusher:member_removed', sync);
    };
  });

  return (
    <ul className="staff-presence">
      {members.map((m) => (
        <li key={m.id} data-role={m.role}>
          {m.name}
        </li>
      ))}
    </ul>
  );
}
