/** Channel and event names shared by the API routes and the inbox UI. */
export const TICKETS_CHANNEL = 'tickets';
export const TICKET_CREATED = 'ticket-created';
export const TICKET_REOPENED = 'ticket-reopened';
export const INBOX_PRESENCE = 'presence-inbox';

export interface TicketSummary {
  id: string;
  subject: string;
  priority: 'low' | 'normal' | 'urgent';
}
