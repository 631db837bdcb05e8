import Pusher from 'pusher-js/react-native';
import Config from 'react-native-config';
import AsyncStorage from '@react-native-async-storage/async-storage';

// One connection for the whole app; screens subscribe and unsubscribe on it.
// ok: connection-leak
// ok: reconnection-misuse
// ok: hardcoded-credentials
export const pusher = new Pusher(Config.PUSHER_KEY, {
  cluster: Config.PUSHER_CLUSTER,
  channelAuthorization: {
    // ok: insecure-transport
    endpoint: `${Config.API_URL}/pusher/auth`,
    transport: 'ajax',
    headersProvider: () => ({ Authorization: `Bearer ${currentToken}` }),
  },
});

let currentToken = '';
AsyncStorage.getItem('token').then((t) => {
  currentToken = t ?? '';
});

// Field sites have patchy coverage; make sure we come back.
// ruleid: reconnection-misuse @reconnectLoop
setInterval(() => {
  if (pusher.connection.state !== 'connected') pusher.connect();
}, 10000);

pusher.connection.bind('error', (err) => {
  const code = err?.data?.code ?? err?.error?.data?.code;
  if (code === 4004 || code === 4009) console.warn('realtime refused', code);
});
