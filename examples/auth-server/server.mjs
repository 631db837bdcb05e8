// A Pusher Channels auth server of the kind `pusher-advisor probe auth` is meant to test: Express,
// the `pusher` SDK for every signature, and a cookie session. `insecure: true` (or INSECURE=1)
// turns it into the endpoint teams should not ship, so the probe's failures can be seen.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ipKeyGenerator, rateLimit as expressRateLimit } from 'express-rate-limit';
import session from 'express-session';
import Pusher from 'pusher';

/**
 * Demo placeholders, not a real Pusher app: they only let the example sign something. Set
 * PUSHER_APP_ID / PUSHER_APP_KEY / PUSHER_APP_SECRET to use your own.
 */
export const DEMO_APP = Object.freeze({
  appId: '1000000',
  key: 'feedfacefeedfacefeed',
  secret: 'deadbeefdeadbeefdead',
});

/** Demo users and passwords: `alice` may join her own channel and room 1, never bob's channel. */
export const DEMO_USERS = Object.freeze({
  alice: { password: 'wonderland', name: 'Alice', rooms: ['1'] },
  bob: { password: 'builder', name: 'Bob', rooms: ['1', '2'] },
});

const SOCKET_ID = /^\d+\.\d+$/;
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;
// Pusher's docs cap channel names at 164 characters; the SDK would let up to 200 through.
const MAX_CHANNEL_LENGTH = 164;

/**
 * Builds the app. Options: `insecure` (sign any channel for any caller and trust a posted
 * `user_id`), `appId`/`key`/`secret`, `users`, `sessionSecret`, and `rateLimit`
 * (`{ max, windowMs }` per session, or per address without one; `false` turns it off).
 */
export function createApp(options = {}) {
  const insecure = options.insecure ?? false;
  const users = options.users ?? DEMO_USERS;
  const rateLimit = options.rateLimit === undefined ? { max: 30, windowMs: 5_000 } : options.rateLimit;
  const pusher = new Pusher({
    appId: options.appId ?? DEMO_APP.appId,
    key: options.key ?? DEMO_APP.key,
    secret: options.secret ?? DEMO_APP.secret,
    cluster: options.cluster ?? 'mt1',
    useTLS: true,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: true }));
  app.use(express.json());
  app.use(
    session({
      name: 'sid',
      secret: options.sessionSecret ?? randomBytes(32).toString('hex'),
      resave: false,
      saveUninitialized: false,
      // Behind HTTPS in production add `secure: true` (and `app.set('trust proxy', 1)` behind a proxy).
      cookie: { httpOnly: true, sameSite: 'lax' },
    }),
  );

  app.post('/login', (req, res) => {
    const { username, password } = req.body ?? {};
    const user = typeof username === 'string' ? users[username] : undefined;
    if (!user || user.password !== password) {
      res.status(401).json({ error: 'wrong username or password' });
      return;
    }
    req.session.regenerate((err) => {
      if (err) {
        res.status(500).json({ error: 'could not start a session' });
        return;
      }
      req.session.user = username;
      res.json({ user: username });
    });
  });

  app.post('/logout', (req, res) => {
    req.session.destroy(() => res.status(204).end());
  });

  const limiter = rateLimit === false ? (_req, _res, next) => next() : perUserLimiter(rateLimit);

  app.post('/pusher/auth', limiter, (req, res) => {
    const body = req.body ?? {};
    const { socket_id: socketId, channel_name: channel } = body;
    if (insecure) {
      // The anti-pattern: whoever asks gets a signature, and the identity comes from the request.
      const userId = String(body.user_id ?? req.session.user ?? 'anonymous');
      const presence = { user_id: userId, user_info: body.user_info ?? { name: userId } };
      signOr500(res, () => pusher.authorizeChannel(socketId, channel, String(channel).startsWith('presence-') ? presence : undefined));
      return;
    }
    const userId = req.session.user;
    if (!userId) {
      res.status(401).json({ error: 'sign in first' });
      return;
    }
    if (!isSocketId(socketId) || !isChannelName(channel)) {
      res.status(400).json({ error: 'invalid socket_id or channel_name' });
      return;
    }
    if (!mayJoin(users, userId, channel)) {
      res.status(403).json({ error: 'not allowed on this channel' });
      return;
    }
    const presence = channel.startsWith('presence-') ? { user_id: userId, user_info: { name: users[userId].name } } : undefined;
    signOr500(res, () => pusher.authorizeChannel(socketId, channel, presence));
  });

  app.post('/pusher/user-auth', limiter, (req, res) => {
    const body = req.body ?? {};
    const socketId = body.socket_id;
    if (insecure) {
      const id = String(body.user_id ?? body.id ?? req.session.user ?? 'anonymous');
      signOr500(res, () => pusher.authenticateUser(socketId, { id, user_info: body.user_info ?? { name: id } }));
      return;
    }
    const userId = req.session.user;
    if (!userId) {
      res.status(401).json({ error: 'sign in first' });
      return;
    }
    if (!isSocketId(socketId)) {
      res.status(400).json({ error: 'invalid socket_id' });
      return;
    }
    signOr500(res, () => pusher.authenticateUser(socketId, { id: userId, user_info: { name: users[userId].name } }));
  });

  return app;
}

function isSocketId(value) {
  return typeof value === 'string' && SOCKET_ID.test(value);
}

function isChannelName(value) {
  return typeof value === 'string' && value.length <= MAX_CHANNEL_LENGTH && CHANNEL_NAME.test(value);
}

function mayJoin(users, userId, channel) {
  if (channel.startsWith('private-user-')) return channel === `private-user-${userId}`;
  const room = /^presence-room-(.+)$/.exec(channel);
  if (room) return users[userId].rooms.includes(room[1]);
  return false;
}

// The SDK throws on names and socket ids it will not sign; answer that without Express's stack page.
function signOr500(res, sign) {
  let signed;
  try {
    signed = sign();
  } catch {
    res.status(500).json({ error: 'could not sign' });
    return;
  }
  res.json(signed);
}

/** At most `max` requests per `windowMs` for each signed-in user, or per address without a session. */
function perUserLimiter({ max, windowMs }) {
  return expressRateLimit({
    windowMs,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (req.session?.user ? `user:${req.session.user}` : `ip:${ipKeyGenerator(req.ip ?? '')}`),
    message: { error: 'too many requests' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const insecure = process.env.INSECURE === '1';
  const app = createApp({
    insecure,
    appId: process.env.PUSHER_APP_ID,
    key: process.env.PUSHER_APP_KEY,
    secret: process.env.PUSHER_APP_SECRET,
    sessionSecret: process.env.SESSION_SECRET,
  });
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 3001);
  app.listen(port, host, () => {
    console.log(`auth server (${insecure ? 'INSECURE demo mode' : 'secure mode'}) on http://${host}:${port}`);
    console.log('log in: curl -i -d username=alice -d password=wonderland http://' + host + ':' + port + '/login');
  });
}
