import { cookies } from 'next/headers';

export interface StaffSession {
  staffId: string;
  displayName: string;
  role: 'picker' | 'supervisor';
}

/** Reads the signed session cookie set by the SSO callback. */
export async function getSession(): Promise<StaffSession | null> {
  const raw = cookies().get('shipyard_session')?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as StaffSession;
    return parsed.staffId ? parsed : null;
  } catch {
    return null;
  }
}
