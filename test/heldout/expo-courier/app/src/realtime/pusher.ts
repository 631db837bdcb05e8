import { Pusher } from '@pusher/pusher-websocket-react-native';
import CryptoJS from 'crypto-js';
import * as SecureStore from 'expo-secure-store';

const API_URL = process.env.EXPO_PUBLIC_API_URL!;
// ok: client-side-authorization
// ok: hardcoded-credentials
const PUSHER_KEY = process.env.EXPO_PUBLIC_PUSHER_KEY!;
// Lets simulator builds join private channels without the API running locally.
// ruleid: client-side-authorization @publicEnvSecret
const DEV_SIGNING_SECRET = process.env.EXPO_PUBLIC_PUSHER_SECRET ?? '';

// ok: reconnection-misuse
// ok: connection-leak
export const pusher = Pusher.getInstance();

export async function startRealtime(onStatus: (state: string) => void): Promise<void> {
  await pusher.init({
    apiKey: PUSHER_KEY,
    cluster: process.env.EXPO_PUBLIC_PUSHER_CLUSTER ?? 'eu',
    onAuthorizer: async (channelName: string, socketId: string) => {
      if (__DEV__ && DEV_SIGNING_SECRET) {
        // ruleid: client-side-authorization @clientSigning
        const signature = CryptoJS.HmacSHA256(`${socketId}:${channelName}`, DEV_SIGNING_SECRET).toString(CryptoJS.enc.Hex);
        return { auth: `${PUSHER_KEY}:${signature}` };
      }
      const token = await SecureStore.getItemAsync('session-token');
      // ok: client-side-authorization
      const res = await fetch(`${API_URL}/pusher/auth`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ socket_id: socketId, channel_name: channelName }),
      });
      if (!res.ok) throw new Error(`pusher auth ${res.status}`);
      return res.json();
    },
    onConnectionStateChange: (currentState: string, previousState: string) => {
      onStatus(currentState);
      // Couriers lose signal in lifts and car parks; get back on as soon as we can.
      if (currentState === 'DISCONNECTED' && previousState === 'CONNECTED') {
        // ruleid: reconnection-misuse @reconnectInStateHandler
        pusher.connect();
      }
    },
    onError: (message: string, code: number) => {
      console.warn('[pusher] error', code, message);
    },
  });
  // ok: reconnection-misuse
  await pusher.connect();
}
