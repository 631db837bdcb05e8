import { db } from './db';
import { sessions, users } from './schema';
import { eq } from 'drizzle-orm';

export async function getUserFromSession(token: string | undefined) {
  if (!token) return null;
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, token));
  return row ?? null;
}
