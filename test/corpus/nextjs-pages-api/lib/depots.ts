import { getServerSession, type Session } from 'next-auth';
import type { NextApiRequest, NextApiResponse } from 'next';
import { authOptions } from './auth-options';

export async function requireSession(req: NextApiRequest, res: NextApiResponse): Promise<Session | null> {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) {
    res.status(401).json({ error: 'Sign in first' });
    return null;
  }
  return session;
}

export async function isDepotMember(email: string, depotId: string): Promise<boolean> {
  const response = await fetch(`${process.env.STAFF_API_URL}/depots/${encodeURIComponent(depotId)}/members`, {
    headers: { authorization: `Bearer ${process.env.STAFF_API_TOKEN}` },
  });
  if (!response.ok) return false;
  const members = (await response.json()) as Array<{ email: string }>;
  return members.some((member) => member.email === email);
}
