import { drizzle } from 'drizzle-orm/node-postgres';
import { env } from '$env/dynamic/private';

export const db = drizzle(env.DATABASE_URL);
