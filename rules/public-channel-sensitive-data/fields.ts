import type { Hit } from './payload.js';

/** A field hit with the other sensitive fields of the same payload, which one finding names together. */
export type Grouped = Hit | (Extract<Hit, { kind: 'field' }> & { also: ReadonlyArray<{ field: string; sensitive: string }> });

/**
 * One finding per publish and file for its sensitive fields, at the first of them: the fix (leave
 * them out, or encrypt the channel) is one change, and a finding per field made one object literal
 * several highs. Whole records stay one finding each, since each is its own query to trim.
 */
export function byPublish(hits: readonly Hit[]): Grouped[] {
  const fields = new Map<string, Array<Extract<Hit, { kind: 'field' }>>>();
  const out: Grouped[] = [];
  for (const hit of hits) {
    if (hit.kind !== 'field') {
      out.push(hit);
      continue;
    }
    const file = hit.node.getSourceFile().getFilePath();
    const group = fields.get(file);
    if (group) group.push(hit);
    else fields.set(file, [hit]);
  }
  for (const group of fields.values()) {
    const [first, ...rest] = group.sort((a, b) => a.node.getStart() - b.node.getStart());
    out.push(rest.length === 0 ? first! : { ...first!, also: rest.map((h) => ({ field: h.field, sensitive: h.sensitive })) });
  }
  return out;
}

/** `, with \`phone\` (phone number) and \`address\` (postal address),`: the rest of a publish's fields. */
export function alsoText(hit: Grouped): string {
  if (!('also' in hit)) return '';
  const named = hit.also.map((h) => `\`${h.field}\` (${h.sensitive})`);
  const list = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  return `, with ${list},`;
}
