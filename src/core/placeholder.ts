/**
 * A value made of one short unit over and over (`aaaaaaaa`, `asd123asd123asd123as`, `1234512345123451`):
 * what a person types into an example file, never what a credential generator makes (Pusher's
 * secrets are 20 random hex characters). Both credential rules treat it as a placeholder.
 */
export function repeatsShortUnit(value: string): boolean {
  if (/^(.)\1+$/.test(value)) return true;
  for (let unit = 2; unit <= 8 && unit * 3 <= value.length; unit++) {
    const head = value.slice(0, unit);
    if (head.repeat(Math.ceil(value.length / unit)).startsWith(value)) return true;
  }
  return false;
}
