import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { config } from './config.js';

export const connection = new IORedis(config.redisUrl, { maxRetriesPerRequest: null });
export const notifyQueue = new Queue('notify', { connection });
