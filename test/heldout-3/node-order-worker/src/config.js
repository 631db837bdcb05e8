import 'dotenv/config';

export const config = {
  port: Number(process.env.PORT ?? 8080),
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379',
  pusher: {
    appId: process.env.PUSHER_APP_ID,
    // ok: hardcoded-credentials
    key: process.env.PUSHER_KEY,
    // ruleid: hardcoded-credentials @secretFallback
    secret: process.env.PUSHER_SECRET || '9f3b2c7d1e5a4f6b8c0d',
    cluster: process.env.PUSHER_CLUSTER ?? 'eu',
  },
  internalToken: process.env.INTERNAL_API_TOKEN,
};
