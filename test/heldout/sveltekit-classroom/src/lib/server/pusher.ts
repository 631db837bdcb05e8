import Pusher from 'pusher';
import { PUSHER_APP_ID, PUSHER_ENCRYPTION_MASTER_KEY, PUSHER_SECRET } from '$env/static/private';
import { PUBLIC_PUSHER_CLUSTER, PUBLIC_PUSHER_KEY } from '$env/static/public';

// ok: client-side-authorization
// ok: connection-leak
export const pusher = new Pusher({
  appId: PUSHER_APP_ID,
  key: PUBLIC_PUSHER_KEY,
  // ok: hardcoded-credentials
  secret: PUSHER_SECRET,
  cluster: PUBLIC_PUSHER_CLUSTER,
  useTLS: true,
  encryptionMasterKeyBase64: PUSHER_ENCRYPTION_MASTER_KEY,
});

export type QuizEvent =
  | { type: 'question'; quizId: string; questionId: string; prompt: string; options: string[]; closesAt: number }
  | { type: 'reveal'; quizId: string; questionId: string; correct: number; tally: number[] };

export type Submission = { classId: string; assignmentId: string; studentId: string; submittedAt: string };
