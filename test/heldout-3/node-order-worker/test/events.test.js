import { test } from 'node:test';
import assert from 'node:assert/strict';
import Pusher from 'pusher';
import { toOrderEvent } from '../src/realtime/events.js';

test('order event carries the fields the dispatch screen shows', async () => {
  // ok: hardcoded-credentials
  const pusher = new Pusher({ appId: '1000001', key: 'testkey0000000000000', secret: '0a1b2c3d4e5f60718293', cluster: 'eu', useTLS: true });
  pusher.trigger = async () => ({ status: 200 });
  // ok: public-channel-sensitive-data
  await pusher.trigger('dispatch-board', 'order-ready', { email: 'test@example.com' });
  assert.equal(toOrderEvent({ id: 1, status: 'ready' }).id, 1);
});
