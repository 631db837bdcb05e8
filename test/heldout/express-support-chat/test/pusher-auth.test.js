'use strict';

// Fake credentials: lib/pusher.js reads PUSHER_URL at require time.
// ok: hardcoded-credentials
process.env.PUSHER_URL = 'https://0123456789abcdef0123:fedcba9876543210fedc@api-eu.pusher.com/apps/1000001';

const test = require('node:test');
const assert = require('node:assert/strict');
const express = require('express');
const request = require('supertest');
const Pusher = require('pusher');

// ok: hardcoded-credentials
const verifier = new Pusher({ appId: '1000001', key: '0123456789abcdef0123', secret: 'fedcba9876543210fedc', cluster: 'eu' });

function appAs(user) {
  const app = express();
  app.use((req, _res, next) => {
    req.user = user;
    next();
  });
  app.use(require('../routes/pusher-auth'));
  return app;
}

test('agents cannot join a conversation assigned to someone else', async () => {
  const res = await request(appAs({ id: 7, displayName: 'Agent Seven', role: 'agent' }))
    .post('/pusher/auth')
    .type('form')
    .send({ socket_id: '1234.5678', channel_name: 'private-conversation-00000000-0000-0000-0000-000000000001' });
  assert.equal(res.status, 403);
});

test('presence roster signature matches', async () => {
  const res = await request(appAs({ id: 7, displayName: 'Agent Seven', team: 'billing', role: 'agent' }))
    .post('/pusher/auth')
    .type('form')
    .send({ socket_id: '1234.5678', channel_name: 'presence-agents' });
  assert.equal(res.status, 200);
  const expected = verifier.authorizeChannel('1234.5678', 'presence-agents', JSON.parse(res.body.channel_data));
  assert.equal(res.body.auth, expected.auth);
});
