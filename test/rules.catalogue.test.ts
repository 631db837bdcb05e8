import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CATALOGUE_END, CATALOGUE_START, renderRuleCatalogue } from '../src/cli/rule-catalogue.js';
import { loadRules } from '../rules/index.js';

/**
 * rules/README.md carries the catalogue generated from rule meta. When meta changes, rerun with
 * `-u` (as for snapshots) to rewrite the table; otherwise a stale table fails here.
 */

const FILE = join('rules', 'README.md');

it('rules/README.md carries the catalogue generated from rule meta', async () => {
  const text = readFileSync(FILE, 'utf8');
  const start = text.indexOf(CATALOGUE_START);
  const end = text.indexOf(CATALOGUE_END);
  expect(start, `${FILE} needs the generated catalogue between its marker lines`).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const current = text.slice(start, end + CATALOGUE_END.length);
  const generated = renderRuleCatalogue(await loadRules());
  const update = expect.getState().snapshotState?.['_updateSnapshot'] === 'all';
  if (update && current !== generated) writeFileSync(FILE, text.replace(current, generated));
  else expect(current, `the catalogue in ${FILE} is stale: run npx vitest run test/rules.catalogue.test.ts -u`).toBe(generated);
});
