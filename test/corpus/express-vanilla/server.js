'use strict';

const path = require('path');
const express = require('express');
const session = require('express-session');
const Pusher = require('pusher');
const { listDepartures, updateDeparture, findStaffByBadge } = require('./store');

// The URL form keeps all credentials in one place (copied from the dashboard's "Keys" tab).
// ruleid: hardcoded-credentials
const pusher = Pusher.forURL('https://9f3b2c1d0e4a5b6c7d8e:a1b2c3d4e5f60718293a@api-eu.pusher.com/apps/1582203', {
  useTLS: true,
});

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.use(express.static(path.join(__dirname, 'public')));

app.get('/api/departures', async (req, res) => {
  res.json(await listDepartures());
});

// Harbour staff update gates and delays from the office tablet.
app.post('/api/departures/:id', async (req, res, next) => {
  try {
    if (!req.session.staff) return res.status(401).json({ error: 'Sign in first' });
    const departure = await updateDeparture(req.params.id, req.body);

    // ok: public-channel-sensitive-data
    await pusher.trigger('departures', 'departure-updated', {
      id: departure.id,
      ferry: departure.ferry,
      gate: departure.gate,
      scheduledAt: departure.scheduledAt,
      delayMinutes: departure.delayMinutes,
    });
    res.json(departure);
  } catch (err) {
    next(err);
  }
});

// End-of-day: close every departure board in one request (max 10 events per batch).
app.post('/api/departures/close-day', async (req, res, next) => {
  try {
    if (!req.session.staff) return res.status(401).json({ error: 'Sign in first' });
    const departures = await listDepartures();
    const events = departures.slice(0, 10).map((departure) => ({
      channel: `departures-gate-${departure.gate}`,
      name: 'closed',
      data: { id: departure.id, ferry: departure.ferry },
    }));
    // ok: public-channel-sensitive-data
    await pusher.triggerBatch(events);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

app.post('/api/staff/login', async (req, res, next) => {
  try {
    const staff = await findStaffByBadge(req.body.badge, req.body.pin);
    if (!staff) return res.status(401).json({ error: 'Unknown badge or PIN' });
    req.session.staff = staff;
    req.user = staff;

    // Shown on the supervisor wall so they know who is on shift.
    await pusher.trigger('staff-activity', 'signed-in', {
      // ruleid: public-channel-sensitive-data
      ...req.user,
      at: new Date().toISOString(),
    });
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

// Crew channels are private; the kiosk and the crew page subscribe to private-crew-<shift>.
app.post('/pusher/auth', (req, res) => {
  const { socket_id: socketId, channel_name: channelName } = req.body;
  // ruleid: client-side-authorization
  const auth = pusher.authorizeChannel(socketId, channelName);
  res.send(auth);
});

// User sign-in for pusher.signin(): lets the supervisor wall address one staff member.
app.post('/pusher/user-auth', (req, res) => {
  if (!req.session.staff) return res.status(403).json({ error: 'Sign in first' });
  const userData = {
    // The tablet app sends the badge holder it is acting for.
    // ruleid: client-side-authorization
    id: String(req.body.user_id || req.session.staff.id),
    user_info: { name: req.session.staff.displayName },
  };
  res.send(pusher.authenticateUser(req.body.socket_id, userData));
});

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: 'Something went wrong' });
});

app.listen(process.env.PORT || 3000, () => {
  console.log('Ferrydesk listening');
});
