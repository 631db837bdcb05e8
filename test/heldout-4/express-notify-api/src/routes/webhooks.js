const express = require('express');
const { db } = require('../lib/db');

const router = express.Router();

// Presence webhooks keep users.last_seen_at up to date.
// ruleid: unverified-webhook
router.post('/webhooks/pusher', express.json(), async (req, res) => {
  for (const event of req.body.events || []) {
    if (event.name === 'member_added') await db('users').where({ id: event.user_id }).update({ online: true });
    if (event.name === 'member_removed') await db('users').where({ id: event.user_id }).update({ online: false, last_seen_at: new Date(req.body.time_ms) });
  }
  res.sendStatus(200);
});

module.exports = router;
