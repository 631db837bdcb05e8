import { createHash } from 'node:crypto';
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { pusher } from '$lib/server/pusher';

type GradeInput = { studentId: string; assignmentId: string; score: number; feedback?: string };

export const POST: RequestHandler = async ({ params, request, locals }) => {
  if (locals.user?.role !== 'teacher') throw error(403, 'Teachers only');
  const { studentId, assignmentId, score, feedback } = (await request.json()) as GradeInput;
  if (!Number.isFinite(score) || score < 0 || score > 100) throw error(400, 'score must be 0-100');

  const grade = await db.grade.upsert({
    where: { assignmentId_studentId: { assignmentId, studentId } },
    create: { assignmentId, studentId, score, feedback, gradedById: locals.user.id },
    update: { score, feedback, gradedById: locals.user.id },
  });
  const student = await db.user.findUniqueOrThrow({
    where: { id: studentId },
    select: { id: true, displayName: true, email: true, guardianEmail: true },
  });

  // The student's own view: end-to-end encrypted.
  // ok: public-channel-sensitive-data
  await pusher.trigger(`private-encrypted-student-${student.id}`, 'grade-posted', {
    assignmentId,
    score: grade.score,
    feedback: grade.feedback,
    // ok: public-channel-sensitive-data
    guardianEmail: student.guardianEmail,
  });

  // Progress widget on the parents' dashboard.
  await pusher.trigger(
    // ruleid: public-channel-sensitive-data @guessableChannel
    `student-progress-${student.id}`,
    'grade-posted',
    { assignmentId, score: grade.score },
  );

  // Staff room screen: who was graded, for moderation.
  await pusher.trigger('staff-gradebook', 'grade-posted', {
    // ok: public-channel-sensitive-data
    classId: params.id,
    studentId: student.id,
    studentName: student.displayName,
    // ok: public-channel-sensitive-data
    emailHash: createHash('md5').update(student.email.trim().toLowerCase()).digest('hex'),
    // ruleid: public-channel-sensitive-data @sensitiveField
    studentEmail: student.email,
  });

  return json({ id: grade.id, score: grade.score });
};
