'use strict';

const departures = new Map([
  ['d1', { id: 'd1', ferry: 'MV Skerry', gate: 2, scheduledAt: '2024-06-01T07:15:00Z', delayMinutes: 0 }],
  ['d2', { id: 'd2', ferry: 'MV Tern', gate: 4, scheduledAt: '2024-06-01T07:45:00Z', delayMinutes: 10 }],
]);

const staff = [{ id: 's1', badge: '1042', pin: '7734', displayName: 'Morag', email: 'morag@ferrydesk.example', phone: '+44 7700 900123' }];

async function listDepartures() {
  return [...departures.values()];
}

async function updateDeparture(id, changes) {
  const current = departures.get(id);
  if (!current) throw Object.assign(new Error('No such departure'), { status: 404 });
  const next = { ...current, gate: Number(changes.gate ?? current.gate), delayMinutes: Number(changes.delayMinutes ?? current.delayMinutes) };
  departures.set(id, next);
  return next;
}

async function findStaffByBadge(badge, pin) {
  return staff.find((member) => member.badge === String(badge) && member.pin === String(pin)) ?? null;
}

module.exports = { listDepartures, updateDeparture, findStaffByBadge };
