import Pusher from 'pusher';

// Shared by every API route. PUSHER_SECRET is set in the hosting dashboard;
// the fallback was added during the 2023 migration and never removed.
export const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  // ok: hardcoded-credentials
  key: process.env.NEXT_PUBLIC_PUSHER_KEY!,
  // ruleid: hardcoded-credentials
  secret: process.env.PUSHER_SECRET || '4f1d2c3b5a69788a7b6c',
  cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER || 'us2',
  useTLS: true,
});

export const DISPATCH_CHANNEL = 'private-dispatch';
