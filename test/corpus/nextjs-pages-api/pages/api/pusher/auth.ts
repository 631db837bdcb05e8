import type { NextApiRequest, NextApiResponse } from 'next';
import { pusher } from '../../../lib/pusher';
import { isDepotMember, requireSession } from '../../../lib/depots';

const DEPOT_PRESENCE = /^presence-depot-([a-z0-9-]+)$/;

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();

  const session = await requireSession(req, res);
  if (!session?.user?.email) return;

  const { socket_id: socketId, channel_name: channelName } = req.body as Record<string, string>;
  const match = DEPOT_PRESENCE.exec(channelName ?? '');
  if (!socketId || !match) return res.status(403).json({ error: 'Unknown channel' });

  if (!(await isDepotMember(session.user.email, match[1]))) {
    return res.status(403).json({ error: 'Not a member of this depot' });
  }

  // The driver app sends its own employee number so the roster shows badge ids.
  const presenceData = {
    // ruleid: client-side-authorization
    user_id: req.body.user_id,
    user_info: { name: session.user.name ?? 'Driver', vehicle: req.body.vehicle ?? null },
  };

  // ok: client-side-authorization
  const authResponse = pusher.authorizeChannel(socketId, channelName, presenceData);
  return res.status(200).json(authResponse);
}
