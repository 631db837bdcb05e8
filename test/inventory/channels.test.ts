import { describe, expect, it } from 'vitest';
import { channelFromParts } from '../../src/inventory/channels.js';

const dyn = (dynamic: string) => ({ dynamic });
const lit = (text: string) => ({ static: text });

describe('channel types from names', () => {
  it.each([
    [[lit('private-user-'), dyn('id')], 'private'],
    [[lit('presence-room-'), dyn('roomId')], 'presence'],
    [[lit('orders')], 'public'],
    [[lit('pri'), dyn('rest')], 'unknown'],
    [[dyn('channelName')], 'unknown'],
    [[dyn('prefix'), lit('-feed')], 'unknown'],
    [[dyn('channelId')], 'unknown'],
    // An id or e-mail address can never start with a type prefix.
    [[dyn('user.email')], 'public'],
    [[dyn('session.user.email!')], 'public'],
    [[dyn('conversationId')], 'public'],
    [[dyn('user.id'), lit('-notifications')], 'public'],
    [[dyn('String(userId)')], 'public'],
    [[dyn('order._id.toString()')], 'public'],
    // A person's name or handle is chosen by people, never a type prefix; a room's name may be a channel's.
    [[dyn('studentName.trim().toLowerCase()'), lit('_'), dyn('instructorName')], 'public'],
    [[dyn('user.username')], 'public'],
    [[dyn('sender_name')], 'public'],
    [[dyn('$page.params.cuid')], 'public'],
    [[dyn('roomName')], 'unknown'],
    [[dyn('channelUserName')], 'unknown'],
  ] as const)('%j is %s', (parts, type) => {
    expect(channelFromParts([...parts]).type).toBe(type);
  });
});

describe('template tags in literal channel names', () => {
  it.each([
    ['presence-game-{{ gameId }}', 'presence-game-${gameId}', 'presence', ['gameId']],
    ['private-user-{{{user.id}}}', 'private-user-${user.id}', 'private', ['user.id']],
    ['room-<%= room.id %>', 'room-${room.id}', 'public', ['room.id']],
    ['{% raw channel %}', '${raw channel}', 'unknown', ['raw channel']],
    ['orders', 'orders', 'public', []],
  ] as const)('%s reads as %s', (text, pattern, type, dynamicParts) => {
    const ref = channelFromParts([lit(text)]);
    expect(ref.pattern).toBe(pattern);
    expect(ref.type).toBe(type);
    expect(ref.dynamicParts).toEqual(dynamicParts);
    expect(ref.name).toBe(dynamicParts.length === 0 ? text : null);
  });
});
