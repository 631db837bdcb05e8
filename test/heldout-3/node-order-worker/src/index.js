import express from 'express';
import { config } from './config.js';
import { logger } from './logger.js';
import { pool } from './db/pool.js';
import { pusher } from './realtime/pusher.js';
import { startListener } from './realtime/listener.js';
import './jobs/notify.js';

const app = express();
app.use(express.urlencoded({ extended: false }));

app.get('/healthz', async (_req, res) => {
  await pool.query('SELECT 1');
  res.json({ ok: true });
});

// The ops dashboard subscribes to private-ops-* channels through this worker.
app.post('/pusher/auth', (req, res) => {
  if (!req.headers.authorization) return res.sendStatus(401);
  const { socket_id, channel_name } = req.body;
  // ruleid: client-side-authorization @signsAnything
  res.json(pusher.authorizeChannel(socket_id, channel_name));
});

const stop = startListener();
const server = app.listen(config.port, () => logger.info({ port: config.port }, 'order worker up'));

process.on('SIGTERM', () => {
  stop();
  server.close();
});
