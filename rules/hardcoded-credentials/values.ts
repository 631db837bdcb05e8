import { repeatsShortUnit } from '../../src/core/placeholder.js';
import { MIN_SECRET_LENGTH } from '../../src/core/redact.js';

/**
 * What counts as a Pusher credential value, shared by the code and config-file checks. Secrets are
 * recognised by where they sit (a Pusher-named field, an app id + key + secret triple) and by
 * Pusher's format, never by entropy: Pusher secrets are 20 hex characters, which entropy
 * thresholds tuned for generic API keys mostly miss.
 */

/** The documented app key and secret examples are 20 lowercase hex characters. */
export const PUSHER_CREDENTIAL_SHAPE = /^[0-9a-f]{20}$/;
/** `openssl rand -base64 32`, as Pusher's encrypted-channels docs tell users to make the master key. */
export const MASTER_KEY_SHAPE = /^[A-Za-z0-9+/]{43}=$/;

/** Values people commit on purpose in place of a credential: templates, soketi's defaults, fakes. */
const PLACEHOLDER =
  /^(?:x+|\*+|\.+|-+|_+|0{6,}.*|1234.*|null|undefined|none|nil|todo|tbd|secret|password|key|token|local|development|dev|app[-_]?(?:id|key|secret)|pusher[-_]?(?:app[-_]?)?(?:id|key|secret)|some[-_].*|my[-_].*|<.*>|\[.*\]|\$\{.*|\$\(.*|\$[A-Z_][A-Z0-9_]*|\{\{.*\}\}|%.*%|process\.env.*|env\(.*)$/i;
/** An environment variable's name in place of its value (node-config's custom-environment-variables). */
const ENV_NAME_VALUE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const PLACEHOLDER_WORD = /(?:^|[^a-z])(?:fake|dummy|example|placeholder|change[-_]?me|replace[-_]?me|sample|mock|test(?:ing)?|your|insert|redacted|xxxx)(?:[^a-z]|$)/i;


/** Shorter values are ids, flags or words, not credentials: the engine does not scrub them either. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v.length < MIN_SECRET_LENGTH || PLACEHOLDER.test(v) || PLACEHOLDER_WORD.test(v) || ENV_NAME_VALUE.test(v) || repeatsShortUnit(v);
}

/**
 * Whether a secret repeats its own app's id or key (`id: 'soketi', key: 'soketi', secret: 'soketi'`).
 * Pusher generates the secret apart from both, so only a local stand-in (soketi, pusher-fake) is
 * ever configured that way: the value opens nothing outside the developer's machine.
 */
export function repeatsItsIds(secret: string, ids: readonly string[]): boolean {
  return ids.some((id) => id.trim() === secret.trim());
}

/** `scheme://key:secret@host/…` → the key and secret, when the URL carries both. */
export function urlCredentials(value: string): { key: string; secret: string; host: string } | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^:@/\s]+):([^@/\s]+)@([^/\s?#]+)/i.exec(value.trim());
  if (!m || isPlaceholder(m[2]!)) return undefined;
  return { key: m[1]!, secret: m[2]!, host: m[3]! };
}

/** A credentialed URL is a Pusher one when it points at Pusher's API or has the `/apps/<id>` path forURL parses. */
export function isPusherUrl(value: string): boolean {
  return /@(?:api[-.][\w.-]*)?pusher(?:app)?\.com\b|@[^/\s]+\/apps\/\w+/i.test(value);
}

/** Names that say "Pusher" (or soketi, its self-hosted twin). */
export const PUSHER_NAME = /pusher|soketi/i;
/** A secret-valued name: the app secret or an encryption master key. */
export const SECRET_NAME = /secret|master_?key/i;
/** Generic app-secret names: Pusher's secret in config files only next to other Pusher evidence. */
export const GENERIC_SECRET_NAME = /^(?:app[_-]?)?secret$|^encryption[_-]?master[_-]?key(?:[_-]?base64)?$/i;
export const MASTER_KEY_NAME = /master_?key/i;
export const APP_ID_NAME = /^(?:pusher[_-]?)?app[_-]?id$/i;
export const KEY_NAME = /^(?:pusher[_-]?)?(?:app[_-]?)?key$|^client[_-]?key$|^api[_-]?key$/i;

export function secretWhat(name: string): string {
  return MASTER_KEY_NAME.test(name) ? 'encryption master key' : 'app secret';
}

/** What a leaked secret lets its reader do, for the message. */
export function secretImpact(name: string): string {
  return MASTER_KEY_NAME.test(name)
    ? "derive every encrypted channel's key and read its messages"
    : 'sign channel authorizations and publish events as your app';
}

/**
 * Whether a secret-named value is Pusher's. A Pusher-named field or an app id + key + secret
 * triple is enough; any other secret name needs the file to be about Pusher and the value to have
 * Pusher's shape, so session and JWT secrets elsewhere stay out.
 */
export function isPusherSecret(value: string, name: string, context: { pusherNamed: boolean; paired: boolean; pusherFile: boolean }): boolean {
  if (isPlaceholder(value)) return false;
  if (context.pusherNamed || context.paired) return true;
  // In a file about Pusher, any secret-named value in Pusher's format is taken for the app secret
  // (`KIOSK_SECRET = '<20 hex>'`); a generic name with any other value could be a session secret.
  if (!context.pusherFile) return false;
  return MASTER_KEY_NAME.test(name) ? MASTER_KEY_SHAPE.test(value) : PUSHER_CREDENTIAL_SHAPE.test(value);
}

/** Text a file must contain to hold a credential: secret and master-key names, `user:password@` URLs. */
export const CREDENTIAL_TEXT = /secret|master_?key|:\/\/[^\s'"`:@/]+:[^\s'"`@/]+@/i;

/** Test paths, for files the environment classifier does not look at (env, JSON, YAML). */
export function isTestPath(path: string): boolean {
  return /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|spec|e2e|cypress|playwright|fixtures?|mocks?)\//.test(path);
}
