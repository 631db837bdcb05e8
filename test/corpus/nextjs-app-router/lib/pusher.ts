import Pusher from 'pusher';

export interface PresenceMember {
  id: string;
  info: { displayName: string; avatarUrl: string | null };
}

// Server-only: imported by route handlers and server actions. Client code may import its types.
// ok: client-side-authorization
export const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  // ok: hardcoded-credentials
  key: process.env.NEXT_PUBLIC_PUSHER_KEY!,
  // ok: hardcoded-credentials
  // ok: client-side-authorization
  secret: process.env.PUSHER_SECRET!,
  cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER ?? 'eu',
  useTLS: true,
  encryptionMasterKeyBase64: process.env.PUSHER_ENCRYPTION_MASTER_KEY,
});
