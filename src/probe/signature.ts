import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type Pusher from 'pusher';

export type Verdict =
  | { kind: 'match' }
  /** The key is right but there is no secret to check the signature with. */
  | { kind: 'key-only' }
  | { kind: 'key-mismatch'; actualKey: string }
  | { kind: 'secret-mismatch' }
  | { kind: 'malformed'; problem: string };

export interface Verifier {
  channel(socketId: string, channel: string, body: Record<string, unknown>): Verdict;
  user(socketId: string, body: Record<string, unknown>): Verdict;
}

type Token = { sign(text: string): string };
type TokenClass = new (key: string, secret: string) => Token;

const AUTH_FORMAT = /^([^:]+):([0-9a-f]{64})$/;

/**
 * Recomputes signatures with the `pusher` SDK. The SDK serialises `channel_data` / `user_data`
 * with `JSON.stringify`; an endpoint in another language may serialise the same object with
 * other spacing or escapes, and the signature covers its exact string, so that case is signed
 * with the SDK's own `Token` over the exact string instead of being called a mismatch.
 */
export function createVerifier(key: string, secret: string | null): Verifier {
  const sdk =
    secret === null
      ? null
      : // Required here, not imported: loading the SDK (and its HTTP stack) costs every command that never probes.
        new (createRequire(import.meta.url)('pusher') as typeof Pusher)({
          appId: 'pusher-advisor-probe',
          key,
          secret,
          cluster: 'mt1',
          // Only to let the SDK sign private-encrypted- names; the shared secret is not compared.
          encryptionMasterKeyBase64: randomBytes(32).toString('base64'),
        });
  let token: Token | null = null;
  const exactSign = (text: string): string => {
    if (token === null) {
      const TokenCtor = createRequire(import.meta.url)('pusher/lib/token.js') as TokenClass;
      token = new TokenCtor(key, secret!);
    }
    return `${key}:${token.sign(text)}`;
  };

  const checkKey = (auth: unknown): Verdict | null => {
    if (typeof auth !== 'string') return { kind: 'malformed', problem: 'no "auth" string in the answer' };
    const m = AUTH_FORMAT.exec(auth);
    if (!m) return { kind: 'malformed', problem: `"auth" is not "<key>:<64 hex digits>" (got ${JSON.stringify(auth.slice(0, 40))})` };
    if (m[1] !== key) return { kind: 'key-mismatch', actualKey: m[1]! };
    return sdk === null ? { kind: 'key-only' } : null;
  };

  return {
    channel(socketId, channel, body) {
      const data = body.channel_data;
      let parsed: Pusher.PresenceChannelData | undefined;
      if (channel.startsWith('presence-')) {
        const problem = presenceDataProblem(data);
        if (problem) return { kind: 'malformed', problem };
        parsed = JSON.parse(data as string) as Pusher.PresenceChannelData;
      } else if (data !== undefined) {
        return { kind: 'malformed', problem: 'channel_data on a non-presence channel' };
      }
      const early = checkKey(body.auth);
      if (early) return early;
      const expected = sdk!.authorizeChannel(socketId, channel, parsed);
      const auth =
        parsed === undefined || expected.channel_data === data ? expected.auth : exactSign(`${socketId}:${channel}:${data as string}`);
      return auth === body.auth ? { kind: 'match' } : { kind: 'secret-mismatch' };
    },
    user(socketId, body) {
      const data = body.user_data;
      const problem = userDataProblem(data);
      if (problem) return { kind: 'malformed', problem };
      const early = checkKey(body.auth);
      if (early) return early;
      const parsed = JSON.parse(data as string) as Pusher.UserChannelData;
      const expected = sdk!.authenticateUser(socketId, parsed);
      const auth = expected.user_data === data ? expected.auth : exactSign(`${socketId}::user::${data as string}`);
      return auth === body.auth ? { kind: 'match' } : { kind: 'secret-mismatch' };
    },
  };
}

/** The identity inside a signed presence answer, or null when there is none. */
export function presenceUserId(body: Record<string, unknown>): string | null {
  if (presenceDataProblem(body.channel_data)) return null;
  return String((JSON.parse(body.channel_data as string) as { user_id: string | number }).user_id);
}

/** The identity inside a signed user-auth answer, or null when there is none. */
export function userAuthId(body: Record<string, unknown>): string | null {
  if (userDataProblem(body.user_data)) return null;
  return (JSON.parse(body.user_data as string) as { id: string }).id;
}

function presenceDataProblem(data: unknown): string | null {
  // Servers in other languages often send numeric user ids; Pusher accepts them.
  return jsonObjectProblem(data, 'channel_data', 'user_id', true);
}

function userDataProblem(data: unknown): string | null {
  return jsonObjectProblem(data, 'user_data', 'id');
}

function jsonObjectProblem(data: unknown, field: string, idField: string, numericIdOk = false): string | null {
  if (typeof data !== 'string') return `no "${field}" string in the answer`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return `"${field}" is not JSON`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return `"${field}" is not a JSON object`;
  const id = (parsed as Record<string, unknown>)[idField];
  if (numericIdOk && typeof id === 'number' && Number.isFinite(id)) return null;
  if (typeof id !== 'string' || id === '') return `"${field}" has no non-empty string "${idField}"`;
  return null;
}
