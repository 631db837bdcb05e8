'use server';

import { revalidatePath } from 'next/cache';
import { getServerSession } from 'next-auth';
import { z } from 'zod';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/db';
import { pusher } from '@/lib/pusher-server';
import { WAITING_ROOM_CHANNEL, waitingRoomEvents, ticketLabel } from '@/lib/notify';

async function requireStaff() {
  const session = await getServerSession(authOptions);
  if (!session?.user || session.user.role === 'patient') {
    throw new Error('Not allowed');
  }
  return session;
}

export async function checkInPatient(appointmentId: string) {
  const session = await requireStaff();
  const appt = await prisma.appointment.update({
    where: { id: appointmentId },
    data: { status: 'CHECKED_IN', checkedInAt: new Date(), checkedInById: session.user.id },
    include: { patient: true },
  });

  await pusher.trigger(WAITING_ROOM_CHANNEL, waitingRoomEvents.checkedIn, {
    // ok: public-channel-sensitive-data
    appointmentId: appt.id,
    ticket: ticketLabel(appt.ticketNumber),
    // The lobby screen shows "…1234" so patients recognise their ticket.
    // ruleid: public-channel-sensitive-data @sensitiveField
    patientPhone: appt.patient.phone,
  });

  // ok: public-channel-sensitive-data
  await pusher.trigger(`private-encrypted-patient-${appt.patientId}`, 'appointment-updated', {
    type: 'appointment-updated',
    appointmentId: appt.id,
    startsAt: appt.startsAt.toISOString(),
    status: appt.status,
    // ok: public-channel-sensitive-data
    email: appt.patient.email,
  });

  revalidatePath('/appointments');
}

export async function callNextPatient(roomId: string) {
  await requireStaff();
  const next = await prisma.appointment.findFirst({
    where: { status: 'CHECKED_IN', roomId },
    orderBy: { checkedInAt: 'asc' },
    include: { room: true },
  });
  if (!next) return { called: null };

  await prisma.appointment.update({ where: { id: next.id }, data: { status: 'IN_ROOM' } });
  // ok: public-channel-sensitive-data
  await pusher.trigger('waiting-room-display', waitingRoomEvents.called, {
    appointmentId: next.id,
    ticket: ticketLabel(next.ticketNumber),
    roomLabel: next.room.label,
  });
  return { called: next.id };
}

const rescheduleInput = z.object({ id: z.string().cuid(), startsAt: z.coerce.date() });

export async function rescheduleAppointment(input: z.infer<typeof rescheduleInput>) {
  await requireStaff();
  const { id, startsAt } = rescheduleInput.parse(input);
  const updated = await prisma.appointment.update({ where: { id }, data: { startsAt } });

  await pusher.trigger(
    'clinic-schedule',
    'appointment-moved',
    // ruleid: public-channel-sensitive-data @wholeRecord
    updated,
  );

  // The patient gets the details on their own connections only.
  // ok: public-channel-sensitive-data
  await pusher.sendToUser(updated.patientId, 'reminder', {
    type: 'reminder',
    appointmentId: updated.id,
    startsAt: updated.startsAt.toISOString(),
    email: (await prisma.patient.findUniqueOrThrow({ where: { id: updated.patientId } })).email,
  });
  revalidatePath('/schedule');
}

export async function releaseSlot(appointmentId: string) {
  await requireStaff();
  await prisma.appointment.update({ where: { id: appointmentId }, data: { status: 'CANCELLED' } });
  const slot = await prisma.appointment.findUniqueOrThrow({
    where: { id: appointmentId },
    select: { id: true, startsAt: true, doctorId: true },
  });
  // ok: public-channel-sensitive-data
  await pusher.trigger('clinic-schedule', 'slot-opened', slot);
}

export async function addVisitNote(appointmentId: string, note: string) {
  const session = await requireStaff();
  const appt = await prisma.appointment.update({
    where: { id: appointmentId },
    data: { notes: { create: { body: note, authorId: session.user.id } } },
  });

  // Patient portal tab listens for new notes.
  await pusher.trigger(
    // ruleid: public-channel-sensitive-data @guessableChannel
    `patient-${appt.patientId}`,
    'visit-note',
    {
      appointmentId: appt.id,
      // ruleid: public-channel-sensitive-data @sensitiveField
      medicalNotes: note,
    },
  );
}

export async function startShift() {
  const session = await requireStaff();
  await prisma.shift.create({ data: { staffId: session.user.id, startedAt: new Date() } });
  // ruleid: public-channel-sensitive-data @wholeRecord
  await pusher.trigger('clinic-staff-feed', 'shift-started', session.user);
}

export async function updateStaffProfile(displayName: string) {
  const session = await requireStaff();
  const staff = await prisma.staff.update({ where: { id: session.user.id }, data: { displayName } });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { passwordHash, mfaSecret, email, ...profile } = staff;
  // ok: public-channel-sensitive-data
  await pusher.trigger('clinic-staff-feed', 'profile-updated', profile);
}

export async function publishLabResult(orderId: string, resultId: string, flagged: boolean) {
  await requireStaff();
  // ok: public-channel-sensitive-data
  await pusher.trigger(`private-lab-order-${orderId}`, 'result-ready', { orderId, resultId, flagged });
}
