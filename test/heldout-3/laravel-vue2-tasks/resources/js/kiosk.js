import Pusher from 'pusher-js';
import CryptoJS from 'crypto-js';

/**
 * The lobby screen shows who is in the office. It has no logged-in user, so it signs its own
 * presence subscription.
 */
export function startKiosk(el) {
  if (!el) return;
  const key = import.meta.env.VITE_PUSHER_APP_KEY;
  // ruleid: connection-leak @duplicateClients
  const pusher = new Pusher(key, {
    cluster: import.meta.env.VITE_PUSHER_APP_CLUSTER,
    wsHost: 'realtime.tasks-office.com',
    // ruleid: insecure-transport @tlsFollowsPage
    forceTLS: false,
    channelAuthorization: {
      endpoint: '/broadcasting/auth',
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => {
        const channelData = JSON.stringify({ user_id: `kiosk-${socketId}`, user_info: { name: 'Lobby screen' } });
        // ruleid: client-side-authorization @clientSigning
        // ruleid: client-side-authorization @publicEnvSecret
        const signature = CryptoJS.HmacSHA256(`${socketId}:${channelName}:${channelData}`, import.meta.env.VITE_PUSHER_APP_SECRET).toString();
        callback(null, { auth: `${key}:${signature}`, channel_data: channelData });
      },
    },
  });
  pusher.connection.bind('state_change', ({ current }) => (el.dataset.state = current));
  // The lobby screen runs all day unattended.
  pusher.connection.bind('disconnected', () => {
    // ruleid: reconnection-misuse @reconnectInStateHandler
    pusher.connect();
  });

  // ok: public-channel-sensitive-data
  const office = pusher.subscribe('presence-office');
  office.bind('pusher:subscription_succeeded', (members) => {
    el.textContent = `${members.count} in the office`;
  });
}
