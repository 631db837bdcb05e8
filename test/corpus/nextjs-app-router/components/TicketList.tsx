'use client';

import { useEffect, useState } from 'react';
import type { PresenceChannel } from 'pusher-js';
// ok: client-side-authorization
import type { PresenceMember } from '@/lib/pusher';
import { getPusherClient } from '@/lib/pusher-client';
import { INBOX_PRESENCE, TICKETS_CHANNEL, TICKET_CREATED, type TicketSummary } from '@/lib/channels';

export function TicketList({ initialTickets }: { initialTickets: TicketSummary[] }) {
  const [tickets, setTickets] = useState(initialTickets);
  const [online, setOnline] = useState<PresenceMember[]>([]);

  useEffect(() => {
    const pusher = getPusherClient();
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    const channel = pusher.subscribe(TICKETS_CHANNEL);
    const onCreated = (ticket: TicketSummary) => setTickets((current) => [ticket, ...current]);
    channel.bind(TICKET_CREATED, onCreated);

    return () => {
      channel.unbind(TICKET_CREATED, onCreated);
      pusher.unsubscribe(TICKETS_CHANNEL);
    };
  }, []);

  useEffect(() => {
    const pusher = getPusherClient();
    // ok: connection-leak
    // ruleid: presence-misuse
    const presence = pusher.subscribe(INBOX_PRESENCE) as PresenceChannel;
    const refresh = () => {
      const members: PresenceMember[] = [];
      presence.members.each((member: PresenceMember) => members.push(member));
      setOnline(members);
    };
    presence.bind('pusher:subscription_succeeded', refresh);
    presence.bind('pusher:member_added', refresh);
    presence.bind('pusher:member_removed', refresh);

    return () => {
      presence.unbind_all();
      pusher.unsubscribe(INBOX_PRESENCE);
    };
  }, []);

  return (
    <div className="inbox">
      <aside>{online.length} agents online</aside>
      <ul>
        {tickets.map((ticket) => (
          <li key={ticket.id} data-priority={ticket.priority}>
            <a href={`/tickets/${ticket.id}`}>{ticket.subject}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
