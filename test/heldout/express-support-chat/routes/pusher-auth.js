'use strict';

const express = require('express');
const { pusher } = require('../lib/pusher');
const { requireAgent } = require('../lib/auth');
const conversations = require('../lib/conversations');

const router = express.Router();
router.use(express.urlencoded({ extended: false }));

const CONVERSATION = /^private-conversation-([0-9a-f-]{36})$/;

// Agent console: conversations assigned to the agent, and the team roster.
router.post('/pusher/auth', requireAgent, async (req, res, next) => {
  try {
    const { socket_id: socketId, channel_name: channel } = req.body;

    const match = CONVERSATION.exec(channel);
    if (match) {
      const conversation = await conversations.findById(match[1]);
      if (!conversation || conversation.agentId !== req.user.id) return res.sendStatus(403);
      // ok: client-side-authorization
      return res.send(pusher.authorizeChannel(socketId, channel));
    }

    if (channel === 'presence-agents') {
      // ok: client-side-authorization
      return res.send(
        pusher.authorizeChannel(socketId, channel, {
          // ok: client-side-authorization
          user_id: String(req.user.id),
          user_info: { name: req.user.displayName, team: req.user.team },
        }),
      );
    }

    return res.sendStatus(403);
  } catch (err) {
    return next(err);
  }
});

// User authentication (pusher.signin()) so escalations can use sendToUser.
router.post('/pusher/user-auth', requireAgent, (req, res) => {
  const { socket_id: socketId, agent_id: agentId } = req.body;
  const auth = pusher.authenticateUser(socketId, {
    // ruleid: client-side-authorization @trustsClientIdentity
    id: String(agentId),
    user_info: { name: req.user.displayName },
  });
  res.send(auth);
});

// Visitor widget, legacy path (still used by the iOS SDK build 2.x).
router.post('/pusher/visitor-auth', (req, res) => {
  const { socket_id: socketId, channel_name: channel } = req.body;
  if (!channel || !channel.startsWith('private-conversation-')) {
    return res.sendStatus(403);
  }
  // ruleid: client-side-authorization @signsAnything
  return res.send(pusher.authorizeChannel(socketId, channel));
});

module.exports = router;
