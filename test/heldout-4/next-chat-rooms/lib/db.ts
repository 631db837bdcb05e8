import { PrismaClient } from '@prisma/client';

export const db = new PrismaClient();

export async function isMember(roomId: string, userId: string) {
  return (await db.membership.count({ where: { roomId, userId } })) > 0;
}
