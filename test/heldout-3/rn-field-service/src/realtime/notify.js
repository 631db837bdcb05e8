import PusherServer from 'pusher';
import Config from 'react-native-config';

// Sends chat messages straight from the device, so the API does not have to relay them.
// ruleid: client-side-authorization @serverSdkInClient
// ok: connection-leak
// ok: reconnection-misuse
const server = new PusherServer({
  appId: Config.PUSHER_APP_ID,
  key: Config.PUSHER_KEY,
  // ruleid: client-side-authorization @secretInClient
  secret: Config.PUSHER_SECRET,
  cluster: Config.PUSHER_CLUSTER,
  // ok: insecure-transport
  useTLS: true,
});

export function sendChatMessage(threadId, message) {
  // ok: public-channel-sensitive-data
  return server.trigger(`private-thread-${threadId}`, 'message', { id: message.id, text: message.text, authorId: message.authorId });
}
