/**
 * What output may show of a secret, in one place: the engine scrubs findings with it, the
 * inventory records credentials with it, and rules quote secrets with it, so every format
 * shows the same four characters.
 */

/** Shorter strings are too likely to be ordinary words or ids to be worth scrubbing. */
export const MIN_SECRET_LENGTH = 6;

/** What any output may show of a secret: its first 4 characters. */
export function secretPreview(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}

/**
 * A scrubber for a set of secrets: every occurrence becomes its `secretPreview`.
 * Longer secrets go first so a secret that contains another is not left half-scrubbed.
 */
export function secretScrubber(secrets: Iterable<string>): (text: string) => string {
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(secretPreview(secret));
    return out;
  };
}
