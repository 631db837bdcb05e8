import Pusher from 'pusher';

export const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID ?? '',
  key: process.env.VITE_PUSHER_APP_KEY ?? '',
  // TODO remove once the staging box has its env set up
  // ruleid: hardcoded-credentials @secretFallback
  secret: process.env.PUSHER_SECRET || '9f8e7d6c5b4a39281706',
  cluster: process.env.VITE_PUSHER_CLUSTER ?? 'eu',
  useTLS: true,
});
