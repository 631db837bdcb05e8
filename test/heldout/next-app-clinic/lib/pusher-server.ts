import 'server-only';
import Pusher from 'pusher';

/**
 * Server-side Pusher client. Only route handlers and server actions import this module;
 * client components may import its *types* (import type) and nothing else.
 */
const { PUSHER_APP_ID, PUSHER_KEY, PUSHER_CLUSTER, PUSHER_ENCRYPTION_MASTER_KEY } = process.env;

if (!PUSHER_APP_ID || !PUSHER_KEY || !PUSHER_ENCRYPTION_MASTER_KEY) {
  throw new Error('Pusher is not configured: PUSHER_APP_ID, PUSHER_KEY and PUSHER_ENCRYPTION_MASTER_KEY are required');
}

// ok: client-side-authorization
// ok: connection-leak
export const pusher = new Pusher({
  appId: PUSHER_APP_ID,
  key: PUSHER_KEY,
  // ok: hardcoded-credentials
  secret: process.env.PUSHER_SECRET ?? '',
  cluster: PUSHER_CLUSTER ?? 'eu',
  useTLS: true,
  // ok: hardcoded-credentials
  encryptionMasterKeyBase64: PUSHER_ENCRYPTION_MASTER_KEY,
});

export type PatientEvent =
  | { type: 'appointment-updated'; appointmentId: string; startsAt: string; status: AppointmentStatus }
  | { type: 'reminder'; appointmentId: string; startsAt: string };

export type AppointmentStatus = 'BOOKED' | 'CHECKED_IN' | 'IN_ROOM' | 'DONE' | 'CANCELLED';

export type LabResultEvent = { orderId: string; resultId: string; flagged: boolean };
