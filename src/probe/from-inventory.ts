import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { InputError } from '../errors.js';
import type { ProbeChannel } from './options.js';
import { formatIssuePath } from './schema.js';

/** The part of the scanner's inventory the probe reads; the scanner guarantees these fields. */
export interface InventoryForProbe {
  operations: Array<{
    kind: string;
    channels: Array<{
      name: string | null;
      pattern: string;
      type: 'public' | 'private' | 'presence' | 'private-encrypted' | 'server-to-user' | 'unknown';
    }>;
  }>;
}

export interface FromInventoryOptions {
  /** Stands in for each dynamic part of a pattern; the session's user id is the likeliest to be allowed. */
  substitute?: string;
}

const AUTHORIZED_TYPES = new Set(['private', 'presence', 'private-encrypted']);
const CHANNEL_CHARS = /^[A-Za-z0-9_\-=@,.;]+$/;
// `${…}` from template literals and `{id}` / `:id` style placeholders some codebases build names with.
const DYNAMIC_PART = /\$\{[^}]*\}|\{[^}]*\}|…/g;

/**
 * The channels an app subscribes to that need the auth endpoint, as probe channels. A pattern with
 * dynamic parts becomes a guessed name (each part replaced by `substitute`), marked as such so a
 * refusal of it is not counted as a failure. Names that are still not valid are left out.
 */
export function channelsFromInventory(inventory: InventoryForProbe, options: FromInventoryOptions = {}): ProbeChannel[] {
  const substitute = options.substitute ?? 'pusher-advisor-probe';
  const out = new Map<string, ProbeChannel>();
  for (const op of inventory.operations) {
    if (op.kind !== 'subscribe') continue;
    for (const ch of op.channels) {
      if (!AUTHORIZED_TYPES.has(ch.type)) continue;
      const channel: ProbeChannel =
        ch.name !== null
          ? { name: ch.name, note: 'from the scan' }
          : { name: ch.pattern.replace(DYNAMIC_PART, substitute), note: `from scan pattern ${ch.pattern}, dynamic part set to "${substitute}"`, guessed: true };
      if (!CHANNEL_CHARS.test(channel.name) || channel.name.length > 200) continue;
      const prior = out.get(channel.name);
      if (!prior || (prior.guessed && !channel.guessed)) out.set(channel.name, channel);
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const inventorySchema = z.object({
  operations: z.array(
    z.object({
      kind: z.string(),
      channels: z.array(
        z.object({
          name: z.string().nullable(),
          pattern: z.string(),
          type: z.enum(['public', 'private', 'presence', 'private-encrypted', 'server-to-user', 'unknown']),
        }),
      ),
    }),
  ),
});

/** The inventory inside a saved `scan --format json` file (or a bare inventory), validated. */
export function loadInventory(file: string): InventoryForProbe {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code ? `cannot read (${code})` : `not valid JSON (${(err as Error).message})`);
  }
  const hasInventory = typeof data === 'object' && data !== null && 'inventory' in data;
  const candidate = hasInventory ? (data as { inventory: unknown }).inventory : data;
  const result = inventorySchema.safeParse(candidate);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = formatIssuePath([...(hasInventory ? ['inventory'] : []), ...issue.path]);
  throw new InputError({ file, ...(path ? { path } : {}) }, `not a scan inventory: ${issue.message}`);
}
