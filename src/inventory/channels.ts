import type { Node } from 'ts-morph';
import { stringParts, type StringPart } from './values.js';
import { CHANNEL_PREFIXES } from '../pusher/channels.js';
import type { ChannelRef, ChannelType } from './types.js';

/**
 * Channel names and their types. Pusher decides a channel's type by its name prefix alone
 * (`../shared/pusher-facts.md` §3), so a static prefix fixes the type even when the rest of the
 * name is dynamic. A wholly dynamic name, or a static start that could still become a private
 * prefix (`pri` + x), stays `unknown`, except a name that starts with an id or e-mail address
 * (`user.email`, `${conversationId}`), which can never carry a prefix: public.
 */

const PREFIXES = CHANNEL_PREFIXES;

/**
 * A template tag inside a literal name (`'presence-game-{{ gameId }}'` in a Mustache page,
 * `'room-<%= id %>'` in EJS, `'user-{{id}}'` filled by `.replace`): a value substituted before the
 * name is used. No channel name may contain `{`, `<` or `%`, so such a tag is never part of one.
 */
const TEMPLATE_TAG = /\{\{\{?\s*([^{}]*?)\s*\}?\}\}|<%[-=_]?\s*([\s\S]*?)\s*[-_]?%>|\{%\s*([\s\S]*?)\s*%\}/g;

/** Static parts with their template tags made dynamic parts. */
function withTemplateTags(parts: StringPart[]): StringPart[] {
  if (!parts.some((p) => 'static' in p && /\{\{|<%|\{%/.test(p.static))) return parts;
  return parts.flatMap((p): StringPart[] => {
    if (!('static' in p)) return [p];
    const out: StringPart[] = [];
    let last = 0;
    for (const m of p.static.matchAll(TEMPLATE_TAG)) {
      if (m.index > last) out.push({ static: p.static.slice(last, m.index) });
      out.push({ dynamic: (m[1] ?? m[2] ?? m[3] ?? '').trim() || m[0] });
      last = m.index + m[0].length;
    }
    if (last < p.static.length) out.push({ static: p.static.slice(last) });
    return out;
  });
}

export function channelFromParts(parts: StringPart[], prefix = ''): ChannelRef {
  const all: StringPart[] = withTemplateTags(prefix ? [{ static: prefix }, ...parts] : parts);
  const merged: StringPart[] = [];
  for (const p of all) {
    const last = merged[merged.length - 1];
    if (last && 'static' in last && 'static' in p) merged[merged.length - 1] = { static: last.static + p.static };
    else merged.push(p);
  }
  const dynamicParts = merged.filter((p): p is { dynamic: string } => 'dynamic' in p).map((p) => p.dynamic);
  const pattern = merged.map((p) => ('static' in p ? p.static : `\${${p.dynamic}}`)).join('');
  const lead = merged[0] && 'static' in merged[0] ? merged[0].static : '';
  const complete = dynamicParts.length === 0;
  const first = merged[0];
  // `trigger(user.email, …)`, `${conversationId}`: an id or e-mail address never starts with a type prefix.
  if (first && 'dynamic' in first && isIdValue(first.dynamic)) return { name: null, pattern, type: 'public', cache: false, dynamicParts };
  return { name: complete ? pattern : null, pattern, ...classify(lead, complete), dynamicParts };
}

/** A person's name or handle (`studentName`, `user.username`, `sender_name`): chosen by people, never a channel-type prefix. */
const PERSON_NAME = /(?:^|\.)(?:[a-z]*(?:user|student|instructor|teacher|tutor|sender|receiver|recipient|author|customer|member|player|friend|buyer|seller|doctor|patient|driver|owner|display|nick)_?name|handle)$/i;

/**
 * An expression naming an id, e-mail address or person's name (`user.id`, `conversationId`,
 * `session.user.email!`, `studentName.trim().toLowerCase()`), not a channel name.
 */
function isIdValue(text: string): boolean {
  const core = text
    .replace(/\s+/g, '')
    .replace(/!+$/, '')
    .replace(/(\.(trim|toLowerCase|toUpperCase|toLocaleLowerCase)\(\))+$/, '')
    .replace(/\.toString\(\)$|^String\((.*)\)$/, '$1');
  if (PERSON_NAME.test(core) && !/channel|topic|room|prefix|key/i.test(core)) return true;
  if (/channel|topic|name|prefix|key/i.test(core)) return false;
  return /(?:^|\.)(?:[A-Za-z_$][\w$]*(?:Id|ID|_id|Email|_email|Uuid|UUID)|id|_id|uuid|cuid|ulid|guid|nanoid|email)$/.test(core);
}

export function channelRef(node: Node, prefix = ''): ChannelRef {
  return channelFromParts(stringParts(node), prefix);
}

/** The parts of a channel-name expression as the inventory reads them: template tags are dynamic parts. */
export function channelParts(node: Node): StringPart[] {
  return withTemplateTags(stringParts(node));
}

/** Type from the static start of a name; `complete` when the name has no dynamic part. */
export function classify(lead: string, complete: boolean): { type: ChannelType; cache: boolean } {
  for (const p of PREFIXES) if (lead.startsWith(p.prefix)) return { type: p.type, cache: p.cache };
  if (complete) return { type: 'public', cache: false };
  if (lead === '') return { type: 'unknown', cache: false };
  // A static start that a dynamic remainder could still turn into a private prefix.
  const couldBecome = PREFIXES.some((p) => p.prefix.startsWith(lead));
  return couldBecome ? { type: 'unknown', cache: false } : { type: 'public', cache: false };
}
