import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_CASES, optionCases } from './helpers/rule-options.js';
import { scanJsonOnce } from './helpers/scan-once.js';

/**
 * The JSON report of every tree the tests know (rule fixtures, inventory fixtures, the labelled
 * sets, the examples), kept as files under test/golden/. A refactor must leave them byte-identical;
 * a behaviour change shows up here and is accepted with `npx vitest run test/golden.test.ts -u`,
 * naming in its commit message which goldens changed and why.
 *
 * A rule's fixture folder is scanned with that rule only (as the fixture harness does), so a new
 * rule changes the goldens of the apps it fires on, not every other rule's fixtures.
 */

const subdirs = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
        .map((d) => d.name)
        .sort()
    : [];

interface Tree {
  dir: string;
  golden: string;
  args: string[];
}

const trees: Tree[] = [
  ...subdirs('rules')
    .filter((id) => existsSync(join('rules', id, 'fixtures')))
    .flatMap((id) => [
      { dir: `rules/${id}/fixtures`, golden: `rules/${id}.json`, args: ['--rule', id, '--exclude', `${OPTION_CASES}/`] },
      // An options case is scanned as its own project; the CLI reads the options from its config file.
      ...optionCases(id).map((c) => ({ dir: c.dir, golden: `rules/${id}/${OPTION_CASES}/${c.name}.json`, args: ['--rule', id] })),
    ]),
  ...subdirs('test/fixtures/inventory').map((name) => ({ dir: `test/fixtures/inventory/${name}`, golden: `fixtures/inventory/${name}.json`, args: [] })),
  ...subdirs('test')
    .filter((set) => set === 'corpus' || set.startsWith('heldout'))
    .flatMap((set) => subdirs(join('test', set)).map((app) => ({ dir: `test/${set}/${app}`, golden: `${set}/${app}.json`, args: [] }))),
  ...subdirs('examples').map((name) => ({ dir: `examples/${name}`, golden: `examples/${name}.json`, args: [] })),
];

describe('golden JSON reports', () => {
  it('covers every tree', () => {
    expect(trees.length).toBeGreaterThan(30);
  });

  it.each(trees.map((t) => [t.dir, t] as const))('%s', async (_dir, tree) => {
    const result = await scanJsonOnce(tree.dir, tree.args);
    // Exit code 1 only says there are findings; 2 would mean the scan itself failed.
    expect(result.code, result.stderr).not.toBe(2);
    await expect(result.stdout).toMatchFileSnapshot(join('golden', tree.golden));
  });
});
