// Custom server: Next.js pages plus the Pusher auth routes, behind the same session cookie.
const express = require('express');
const session = require('express-session');
const next = require('next');
const Pusher = require('pusher');
const { auctions } = require('./lib/db');

const dev = process.env.NODE_ENV !== 'production';
const app = next({ dev });
const handle = app.getRequestHandler();

// ruleid: hardcoded-credentials
const pusher = Pusher.forURL(process.env.PUSHER_URL || 'https://2f6a8c1e4b7d9f0a3c5e:4c7e1a9b3d5f2e8a6c0b@api-eu.pusher.com/apps/1874512');

function requireSession(req, res, next) {
  if (!req.session || !req.session.user) return res.status(401).end();
  next();
}

app.prepare().then(() => {
  const server = express();
  server.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
  server.use(express.urlencoded({ extended: false }));

  // Private bidder channels.
  server.post('/pusher/auth', requireSession, (req, res) => {
    const { socket_id, channel_name } = req.body;
    // ruleid: client-side-authorization @signsAnything
    const auth = pusher.authorizeChannel(socket_id, channel_name);
    res.send(auth);
  });

  // Presence in an auction room: only bidders registered for that auction.
  server.post('/pusher/presence', requireSession, async (req, res) => {
    const user = req.session.user;
    const channel = req.body.channel_name;
    const auctionId = channel.replace(/^presence-auction\./, '');
    if (!(await auctions.isRegisteredBidder(auctionId, user.id))) return res.status(403).end();
    // ok: client-side-authorization
    const auth = pusher.authorizeChannel(req.body.socket_id, channel, {
      // ok: client-side-authorization
      user_id: String(user.id),
      user_info: { name: user.displayName },
    });
    res.send(auth);
  });

  server.all('*', (req, res) => handle(req, res));
  server.listen(3000);
});
