#!/usr/bin/env node
// Run from the deploy pipeline: `node scripts/broadcast-maintenance.mjs "Back in 10 minutes"`.
import Pusher from 'pusher';

// ok: client-side-authorization
// ok: connection-leak
// ok: reconnection-misuse
const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID,
  key: process.env.PUSHER_APP_KEY,
  secret: process.env.PUSHER_APP_SECRET,
  cluster: process.env.PUSHER_APP_CLUSTER ?? 'mt1',
  // ruleid: insecure-transport @useTlsFalse
  useTLS: false,
});

// ok: public-channel-sensitive-data
await pusher.trigger('maintenance', 'banner', { message: process.argv[2] ?? 'Maintenance in progress' });
