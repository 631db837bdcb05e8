import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

// One schema for both sides, as create-t3-app generates it. Server variables throw when read in the
// browser, and Next.js only inlines the NEXT_PUBLIC_ ones into client bundles.
export const env = createEnv({
  server: {
    DATABASE_URL: z.string().url(),
    AUTH_SECRET: z.string(),
    PUSHER_APP_ID: z.string(),
    // ok: hardcoded-credentials
    // ok: client-side-authorization
    PUSHER_SECRET: z.string().min(1),
  },
  client: {
    NEXT_PUBLIC_PUSHER_KEY: z.string(),
    NEXT_PUBLIC_PUSHER_CLUSTER: z.string().default('eu'),
  },
  runtimeEnv: {
    DATABASE_URL: process.env.DATABASE_URL,
    AUTH_SECRET: process.env.AUTH_SECRET,
    PUSHER_APP_ID: process.env.PUSHER_APP_ID,
    // ok: client-side-authorization
    // ok: hardcoded-credentials
    PUSHER_SECRET: process.env.PUSHER_SECRET,
    // ok: client-side-authorization
    NEXT_PUBLIC_PUSHER_KEY: process.env.NEXT_PUBLIC_PUSHER_KEY,
    NEXT_PUBLIC_PUSHER_CLUSTER: process.env.NEXT_PUBLIC_PUSHER_CLUSTER,
  },
  emptyStringAsUndefined: true,
});
