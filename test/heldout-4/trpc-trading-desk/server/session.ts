export interface DeskUser {
  id: string;
  desk: string;
  role: 'trader' | 'viewer';
}

export async function verifySession(cookie: string | undefined): Promise<DeskUser | null> {
  if (!cookie) return null;
  const res = await fetch(`${process.env.AUTH_URL}/session`, { headers: { cookie } });
  return res.ok ? ((await res.json()) as DeskUser) : null;
}
