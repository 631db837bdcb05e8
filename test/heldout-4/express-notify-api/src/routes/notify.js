const express = require('express');
const { pusher } = require('../lib/pusher');
const { requireUser } = require('../lib/auth');
const { db } = require('../lib/db');

const router = express.Router();

// Internal services and the admin UI post here; any signed-in user can reach it.
router.post('/notify', requireUser, async (req, res) => {
  const { channel, event, data } = req.body;
  // ruleid: trigger-relay
  await pusher.trigger(channel, event, data);
  res.sendStatus(202);
});

// The team's own channel only: the name is built from the verified token, never from the body.
router.post('/team/notify', requireUser, async (req, res) => {
  // ok: trigger-relay
  await pusher.trigger(`private-team-${req.user.teamId}`, 'notice', { text: String(req.body.text).slice(0, 500), from: req.user.sub });
  res.sendStatus(202);
});

router.post('/broadcast', requireUser, async (req, res) => {
  if (!req.user.admin) return res.sendStatus(403);
  const users = await db('users').where({ org_id: req.user.orgId }).select('id');
  const payload = { title: String(req.body.title), body: String(req.body.body) };
  for (const user of users) {
    // ruleid: unbatched-triggers
    await pusher.trigger(`private-user-${user.id}`, 'announcement', payload);
  }
  res.json({ sent: users.length });
});

// The "fixed" broadcast: one call instead of one per user, but every user of the org in it.
router.post('/broadcast/v2', requireUser, async (req, res) => {
  if (!req.user.admin) return res.sendStatus(403);
  const users = await db('users').where({ org_id: req.user.orgId }).select('id');
  // ok: unbatched-triggers
  // ruleid: protocol-limits
  await pusher.trigger(users.map((u) => `private-user-${u.id}`), 'announcement', { title: String(req.body.title) });
  res.json({ sent: users.length });
});

router.post('/digest', requireUser, async (req, res) => {
  if (!req.user.admin) return res.sendStatus(403);
  const rows = await db('digests').where({ org_id: req.user.orgId, sent: false }).select('user_id', 'unread', 'top_item');
  // Different data per user, sent in batches of 10 events: the documented batch size.
  for (let i = 0; i < rows.length; i += 10) {
    // ok: unbatched-triggers
    // ok: protocol-limits
    await pusher.triggerBatch(rows.slice(i, i + 10).map((r) => ({ channel: `private-user-${r.user_id}`, name: 'digest', data: { unread: r.unread, top: r.top_item } })));
  }
  res.json({ batches: Math.ceil(rows.length / 10) });
});

router.post('/maintenance', requireUser, async (req, res) => {
  if (!req.user.admin) return res.sendStatus(403);
  const notice = { startsAt: req.body.startsAt, minutes: Number(req.body.minutes) };
  // ruleid: unbatched-triggers
  await pusher.trigger('status', 'maintenance', notice);
  // ok: unbatched-triggers
  await pusher.trigger('status-eu', 'maintenance', notice);
  // ok: unbatched-triggers
  await pusher.trigger('status-us', 'maintenance', notice);
  res.sendStatus(204);
});

router.post('/orders/:id/shipped', requireUser, async (req, res) => {
  const order = await db('orders').where({ id: req.params.id, org_id: req.user.orgId }).first('id', 'customer_id', 'carrier');
  if (!order) return res.sendStatus(404);
  // Different payloads for the customer and the warehouse: two triggers are right.
  // ok: unbatched-triggers
  await pusher.trigger(`private-customer-${order.customer_id}`, 'order-shipped', { orderId: order.id, carrier: order.carrier });
  // ok: unbatched-triggers
  await pusher.trigger('private-warehouse', 'order-left', { orderId: order.id, dock: req.body.dock });
  res.sendStatus(204);
});

router.post('/rooms/sync', requireUser, async (req, res) => {
  const rooms = await db('rooms').where({ org_id: req.user.orgId }).select('id', 'title');
  await Promise.all(
    // ruleid: unbatched-triggers
    // ruleid: info-on-hot-path
    rooms.map((room) => pusher.trigger(`presence-room-${room.id}`, 'sync', { title: room.title }, { info: 'user_count' })),
  );
  res.sendStatus(204);
});

router.get('/rooms/:id/ping', requireUser, async (req, res) => {
  const room = await db('rooms').where({ id: req.params.id, org_id: req.user.orgId }).first('id');
  if (!room) return res.sendStatus(404);
  // The answer is used: it tells the caller how many people are in the room.
  // ok: info-on-hot-path
  const result = await pusher.trigger(`presence-room-${room.id}`, 'ping', { at: Date.now() }, { info: 'user_count' });
  const body = await result.json();
  res.json({ online: body.channels[`presence-room-${room.id}`].user_count });
});

router.post('/rooms/:id/touch', requireUser, async (req, res) => {
  const room = await db('rooms').where({ id: req.params.id, org_id: req.user.orgId }).first('id');
  if (!room) return res.sendStatus(404);
  // ruleid: info-on-hot-path
  await pusher.trigger(`presence-room-${room.id}`, 'touched', { by: req.user.sub }, { info: 'user_count,subscription_count' });
  res.sendStatus(204);
});

module.exports = router;
