import type { NextApiRequest, NextApiResponse } from 'next';
import { pusher } from '../../../lib/pusher';

/**
 * Kept for driver app v1.x, which cannot send cookies. Will be removed once v1 drops below 1 % of installs.
 */
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();

  const { socket_id: socketId, channel_name: channelName } = req.body as Record<string, string>;
  if (!socketId || !channelName) return res.status(400).json({ error: 'socket_id and channel_name are required' });

  // ruleid: client-side-authorization
  const auth = pusher.authenticate(socketId, channelName);
  return res.status(200).json(auth);
}
