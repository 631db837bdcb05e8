import pino from 'pino';
import { config } from './config.js';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

// ok: hardcoded-credentials
// ok: client-side-authorization
logger.info({ pusherApp: config.pusher.appId, pusherSecret: config.pusher.secret ? 'set' : 'missing' }, 'pusher config');
