import Pusher from 'pusher-js';
import HmacSHA256 from 'crypto-js/hmac-sha256';
import encHex from 'crypto-js/enc-hex';
import { ref } from 'vue';

const appKey = import.meta.env.VITE_PUSHER_APP_KEY as string;
// The kitchen tablets have no backend of their own, so they sign station channels themselves.
// ruleid: client-side-authorization
const appSecret = import.meta.env.VITE_PUSHER_APP_SECRET as string;

export const connectionState = ref('initialized');

// ok: hardcoded-credentials
// ok: connection-leak
// ok: reconnection-misuse
const pusher = new Pusher(appKey, {
  cluster: import.meta.env.VITE_PUSHER_APP_CLUSTER as string,
  channelAuthorization: {
    endpoint: '/unused',
    transport: 'ajax',
    customHandler: ({ socketId, channelName }, callback) => {
      // ruleid: client-side-authorization
      const signature = HmacSHA256(`${socketId}:${channelName}`, appSecret).toString(encHex);
      callback(null, { auth: `${appKey}:${signature}` });
    },
  },
});

pusher.connection.bind('state_change', ({ current }: { current: string }) => {
  connectionState.value = current;
});

// Any error at all: try again in two seconds.
pusher.connection.bind('error', () => {
  // ruleid: reconnection-misuse
  setTimeout(() => pusher.connect(), 2000);
});

export function usePusher(): Pusher {
  return pusher;
}
