import Pusher from 'pusher';

const host = process.env.PUSHER_HOST;

// Production uses the hosted cluster; CI and laptops point PUSHER_HOST at soketi on localhost.
// ruleid: insecure-transport
export const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.PUSHER_KEY!,
  secret: process.env.PUSHER_SECRET!,
  ...(host ? { host, port: process.env.PUSHER_PORT } : { cluster: process.env.PUSHER_CLUSTER! }),
});
