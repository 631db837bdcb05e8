const express = require('express');
const { pusher } = require('../lib/pusher');
const { requireUser } = require('../lib/auth');
const { db } = require('../lib/db');

const router = express.Router();

router.post('/pusher/auth', express.urlencoded({ extended: false }), requireUser, async (req, res) => {
  const { socket_id: socketId, channel_name: channel } = req.body;
  if (channel === `private-user-${req.user.sub}` || channel === `private-team-${req.user.teamId}`) {
    return res.json(pusher.authorizeChannel(socketId, channel));
  }
  const roomId = channel.replace(/^presence-room-/, '');
  const member = await db('room_members').where({ room_id: roomId, user_id: req.user.sub }).first('user_id');
  if (!member) return res.sendStatus(403);
  const user = await db('users').where({ id: req.user.sub }).first();
  // ruleid: presence-misuse
  res.json(pusher.authorizeChannel(socketId, channel, { user_id: String(user.id), user_info: user }));
});

module.exports = router;
