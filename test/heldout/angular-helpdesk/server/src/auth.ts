import express, { type NextFunction, type Request, type Response } from 'express';
import { pusher } from './pusher.js';
import { tickets } from './db.js';

const router = express.Router();

function requireAgent(req: Request, res: Response, next: NextFunction) {
  if (!req.session?.agent) return res.status(401).json({ error: 'not signed in' });
  next();
}

router.post('/pusher/auth', requireAgent, express.urlencoded({ extended: false }), async (req, res) => {
  const agent = req.session.agent!;
  const { socket_id: socketId, channel_name: channel } = req.body as { socket_id: string; channel_name: string };

  const ticketId = /^private-(?:encrypted-)?ticket-(.+)$/.exec(channel)?.[1];
  if (!ticketId || !(await tickets.canView(agent.id, ticketId))) {
    return res.status(403).json({ error: 'forbidden' });
  }
  // ok: client-side-authorization
  res.json(pusher.authorizeChannel(socketId, channel));
});

router.post('/pusher/presence', requireAgent, express.urlencoded({ extended: false }), (req, res) => {
  const agent = req.session.agent!;
  const channel = String(req.body.channel_name);
  if (channel !== `presence-team-${agent.teamId}`) return res.sendStatus(403);
  // ok: client-side-authorization
  res.json(pusher.authorizeChannel(String(req.body.socket_id), channel, {
    // ok: client-side-authorization
    user_id: agent.id,
    user_info: { name: agent.name, avatar: agent.avatarUrl },
  }));
});

export default router;
