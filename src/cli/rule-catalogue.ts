import type { AnyRule } from '../engine/rule.js';

/**
 * The catalogue table of rules/README.md, generated from rule meta: the severities a report can
 * carry are the ones the meta declares (the engine refuses any other), so the table cannot drift.
 */

export const CATALOGUE_START = '<!-- catalogue: generated from rule meta by `npx vitest run test/rules.catalogue.test.ts -u`; do not edit -->';
export const CATALOGUE_END = '<!-- end of catalogue -->';

function messageCell(rule: AnyRule): string {
  return Object.entries(rule.meta.messages)
    .map(([id, message]) => {
      const own = message.severity ?? rule.meta.severity;
      const others = Object.entries(message.otherSeverities ?? {}).map(([severity, when]) => `${severity} ${when}`);
      if (own === rule.meta.severity && others.length === 0) return `\`${id}\``;
      return `\`${id}\` (${[own, ...others].join('; ')})`;
    })
    .join(', ');
}

export function renderRuleCatalogue(rules: readonly AnyRule[]): string {
  const rows = rules.map((r) => `| \`${r.meta.id}\` | ${r.meta.category} | ${r.meta.severity} | ${r.meta.appliesTo.join(', ')} | ${messageCell(r)} |`);
  return [
    CATALOGUE_START,
    '| id | category | default severity | applies to | message ids (severity when different) |',
    '|---|---|---|---|---|',
    ...rows,
    CATALOGUE_END,
  ].join('\n');
}
