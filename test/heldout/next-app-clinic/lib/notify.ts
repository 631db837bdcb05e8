import Pusher from 'pusher';

// Shared between the front desk UI and the server actions so both agree on names.
export const WAITING_ROOM_CHANNEL = 'waiting-room-display';

export const waitingRoomEvents = {
  checkedIn: 'patient-checked-in',
  called: 'patient-called',
} as const;

export type WaitingRoomEvent = {
  appointmentId: string;
  ticket: string;
  roomLabel?: string;
};

/**
 * Legacy notifier from the first release (before lib/pusher-server.ts existed).
 * Still used by the SMS fallback job; do not remove without checking jobs/sms.ts.
 */
// ruleid: client-side-authorization @serverSdkInClient
// ok: connection-leak
export const notifier = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.PUSHER_KEY!,
  // ruleid: client-side-authorization @secretInClient
  // ruleid: hardcoded-credentials @secretFallback
  secret: process.env.PUSHER_SECRET || '25001aca03ffdb04f27d',
  cluster: process.env.PUSHER_CLUSTER ?? 'eu',
  useTLS: true,
});

export function ticketLabel(ticketNumber: number): string {
  return `A-${String(ticketNumber).padStart(3, '0')}`;
}
