import type { Express } from 'express';

export interface DemoUser {
  password: string;
  name: string;
  rooms: string[];
}

export interface AuthServerOptions {
  /** Sign any channel for any caller and trust a posted `user_id`: the anti-pattern, for demos. */
  insecure?: boolean;
  appId?: string;
  key?: string;
  secret?: string;
  cluster?: string;
  users?: Record<string, DemoUser>;
  sessionSecret?: string;
  /** Per session (or address without one); `false` turns the limiter off. */
  rateLimit?: { max: number; windowMs: number } | false;
}

export const DEMO_APP: Readonly<{ appId: string; key: string; secret: string }>;
export const DEMO_USERS: Readonly<Record<string, DemoUser>>;
export function createApp(options?: AuthServerOptions): Express;
