/**
 * Which server SDK options hold a secret: the one list the inventory (for redaction) and the
 * rules (for "this env var is a secret") read. `pusher-facts.md` §5 lists the SDK's options.
 */

/** Options whose value is a secret in itself. `app_secret` / `appSecret` are the snake/camel spellings apps use in their own config objects. */
export const SECRET_OPTIONS: ReadonlySet<string> = new Set(['secret', 'encryptionMasterKeyBase64', 'encryptionMasterKey', 'app_secret', 'appSecret']);

/** The SDK's own secret options (`new Pusher({ secret, encryptionMasterKeyBase64 })`). */
export const SDK_SECRET_OPTIONS = ['secret', 'encryptionMasterKeyBase64', 'encryptionMasterKey'] as const;

/** Options that carry a secret inside a larger value: `Pusher.forURL`'s `http://key:secret@host` URL. */
export const SECRET_BEARING_OPTIONS: ReadonlySet<string> = new Set(['url']);
