'use strict';

const Pusher = require('pusher');

const url = process.env.PUSHER_URL;
if (!url) {
  throw new Error('PUSHER_URL is not set (https://<key>:<secret>@api-<cluster>.pusher.com/apps/<id>)');
}

// ok: hardcoded-credentials
const pusher = Pusher.forURL(url, { useTLS: true, timeout: 5000 });

module.exports = { pusher };
