import Pusher from 'pusher';

/**
 * Dev builds talk to the staging Pusher app without the API running locally, so they sign
 * channel subscriptions on the device. (Imported by ChatScreen; "dev only".)
 */
// ruleid: client-side-authorization
const devSigner = new Pusher({
  appId: process.env.EXPO_PUBLIC_PUSHER_APP_ID!,
  key: process.env.EXPO_PUBLIC_PUSHER_KEY!,
  // ruleid: client-side-authorization
  secret: process.env.EXPO_PUBLIC_PUSHER_SECRET!,
  cluster: process.env.EXPO_PUBLIC_PUSHER_CLUSTER!,
  useTLS: true,
});

export function signLocally(socketId: string, channelName: string): { auth: string } {
  // ruleid: client-side-authorization
  return devSigner.authorizeChannel(socketId, channelName);
}
