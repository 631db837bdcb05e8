import { Pusher, type PusherEvent } from '@pusher/pusher-websocket-react-native';
import { getAccessToken } from '../auth/session';

export type ConnectionListener = (state: string) => void;

const listeners = new Set<ConnectionListener>();
export const pusher = Pusher.getInstance();
let fatal = false;

export function onConnectionChange(listener: ConnectionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function startRealtime(): Promise<void> {
  await pusher.init({
    // ok: hardcoded-credentials
    apiKey: process.env.EXPO_PUBLIC_PUSHER_KEY!,
    cluster: process.env.EXPO_PUBLIC_PUSHER_CLUSTER!,
    // ok: client-side-authorization
    onAuthorizer: async (channelName: string, socketId: string) => {
      const response = await fetch(`${process.env.EXPO_PUBLIC_API_URL}/pusher/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await getAccessToken()}` },
        body: JSON.stringify({ socket_id: socketId, channel_name: channelName }),
      });
      if (!response.ok) throw new Error(`auth failed: ${response.status}`);
      return response.json();
    },
    onConnectionStateChange: (currentState: string) => {
      listeners.forEach((listener) => listener(currentState));
      if (currentState === 'DISCONNECTED' && !fatal) {
        // Couriers drive through tunnels: reconnect the moment we drop.
        // ruleid: reconnection-misuse
        pusher.connect();
      }
    },
    onError: (message: string, code: number) => {
      // 4000-4099: the server refused us (over quota, app disabled); retrying will not help.
      if (code >= 4000 && code < 4100) {
        fatal = true;
        // ok: reconnection-misuse
        listeners.forEach((listener) => listener(`UNAVAILABLE (${code}: ${message})`));
      }
    },
    onEvent: (event: PusherEvent) => {
      if (__DEV__) console.log('[pusher]', event.channelName, event.eventName);
    },
  });
  // ok: reconnection-misuse
  await pusher.connect();
}
