'use strict';

const path = require('node:path');
const crypto = require('node:crypto');
const express = require('express');
const session = require('express-session');
const PgSession = require('connect-pg-simple')(session);
const cookieParser = require('cookie-parser');
const rateLimit = require('express-rate-limit');
const { pusher } = require('./lib/pusher');
const { requireAgent, requireAgentPage, loadAgent } = require('./lib/auth');
const conversations = require('./lib/conversations');
const pusherAuth = require('./routes/pusher-auth');

const app = express();
app.set('trust proxy', 1);
app.use(express.json({ limit: '32kb' }));
app.use(cookieParser());
app.use(
  session({
    store: new PgSession({ conString: process.env.DATABASE_URL }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: true, maxAge: 12 * 3600 * 1000 },
  }),
);
app.use(loadAgent);
app.use(express.static(path.join(__dirname, 'public'), { index: false }));
app.use(pusherAuth);

const visitorLimiter = rateLimit({ windowMs: 60_000, limit: 10 });

// Runtime config for the agent console (the page is static HTML).
app.get('/config.js', requireAgentPage, (req, res) => {
  const config = {
    pusherKey: process.env.PUSHER_PUBLIC_KEY,
    pusherCluster: process.env.PUSHER_CLUSTER || 'eu',
    agent: { id: req.user.id, name: req.user.displayName },
  };
  res.type('application/javascript').send(`window.APP_CONFIG = ${JSON.stringify(config)};`);
});

app.get('/console', requireAgentPage, (req, res) => res.sendFile(path.join(__dirname, 'public', 'agent.html')));

// A visitor opens the widget and starts a conversation.
app.post('/api/conversations', visitorLimiter, async (req, res, next) => {
  try {
    const { name, email, topic } = req.body;
    if (!topic || typeof topic !== 'string') return res.status(400).json({ error: 'topic is required' });
    const visitorId = req.cookies.vid || crypto.randomUUID();
    const conversation = await conversations.create({ visitorId, name, email, topic, ip: req.ip });

    await pusher.trigger('agents-lobby', 'visitor-waiting', {
      conversationId: conversation.id,
      topic,
      waitingSince: conversation.createdAt,
      // ruleid: public-channel-sensitive-data @sensitiveField
      email,
      // ruleid: public-channel-sensitive-data @sensitiveField
      ipAddress: req.ip,
    });

    res.cookie('vid', visitorId, { httpOnly: true, sameSite: 'lax', secure: true, maxAge: 30 * 86400 * 1000 });
    res.status(201).json({ id: conversation.id });
  } catch (err) {
    next(err);
  }
});

// An agent picks a conversation from the lobby.
app.post('/api/conversations/:id/assign', requireAgent, async (req, res, next) => {
  try {
    const conversation = await conversations.assign(req.params.id, req.user.id);
    if (!conversation) return res.sendStatus(409);

    // ok: public-channel-sensitive-data
    await pusher.trigger('agents-lobby', 'visitor-claimed', { conversationId: conversation.id, agentId: req.user.id });
    await pusher.trigger(
      // ruleid: public-channel-sensitive-data @guessableChannel
      `agent-${req.user.id}`,
      'conversation-assigned',
      { conversationId: conversation.id, topic: conversation.topic },
    );
    res.json({ id: conversation.id });
  } catch (err) {
    next(err);
  }
});

app.post('/api/conversations/:id/messages', async (req, res, next) => {
  try {
    const conversation = await conversations.findById(req.params.id);
    const isVisitor = conversation && conversation.visitorId === req.cookies.vid;
    const isAgent = conversation && req.user && conversation.agentId === req.user.id;
    if (!isVisitor && !isAgent) return res.sendStatus(403);

    const message = await conversations.addMessage(conversation.id, {
      body: String(req.body.body || '').slice(0, 4000),
      author: isAgent ? 'agent' : 'visitor',
    });
    await pusher.trigger(
      `private-conversation-${conversation.id}`,
      'message',
      { id: message.id, body: message.body, author: message.author, at: message.createdAt },
      { socket_id: req.body.socket_id },
    );
    res.status(201).json(message);
  } catch (err) {
    next(err);
  }
});

// Housekeeping, called by the agent console's "close idle" button.
app.post('/api/conversations/close-idle', requireAgent, async (req, res, next) => {
  try {
    const closed = await conversations.closeIdle({ olderThanMinutes: 30 });
    for (let i = 0; i < closed.length; i += 10) {
      // ok: public-channel-sensitive-data
      await pusher.triggerBatch(
        closed.slice(i, i + 10).map((c) => ({
          channel: `private-conversation-${c.id}`,
          name: 'closed',
          data: { id: c.id, closedAt: c.closedAt },
        })),
      );
    }
    if (closed.length && new Date().getHours() >= 18) {
      // ok: public-channel-sensitive-data
      await pusher.trigger('agents-lobby', 'out-of-hours', { supportEmail: 'help@acme-support.example', reopensAt: '08:00' });
    }
    res.json({ closed: closed.length });
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(err.status || 500).json({ error: 'internal error' });
});

app.listen(Number(process.env.PORT) || 3000, () => console.log('support chat listening'));
