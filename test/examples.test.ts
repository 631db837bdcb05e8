import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';

const rules = await loadRules();

/**
 * The demo app's README promises a consultant's list of planted problems, by file and line. The
 * README's first command runs on this app, so the list and the scanner must agree both ways.
 */

function promised(): string[] {
  const text = readFileSync('examples/demo-app/README.md', 'utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (!/^\d+$/.test(cells[1] ?? '')) continue;
    let file = '';
    const places: string[] = [];
    for (const m of (cells[2] ?? '').matchAll(/`([^`]*?):(\d+)(?:-(\d+))?`/g)) {
      if (m[1]) file = m[1];
      const from = Number(m[2]);
      const to = m[3] ? Number(m[3]) : from;
      for (let l = from; l <= to; l++) places.push(`${file}:${l}`);
    }
    const checks = [...(cells[4] ?? '').matchAll(/`([\w-]+)` \(`(\w+)`\)/g)].map((m) => `${m[1]} @${m[2]}`);
    for (const p of places) for (const c of checks) out.push(`${p} ${c}`);
  }
  return [...new Set(out)].sort();
}

describe('examples/demo-app', () => {
  it('yields exactly the problems its README lists', async () => {
    const expected = promised();
    expect(expected.length).toBeGreaterThanOrEqual(10);
    const result = await scan({ root: 'examples/demo-app', rules });
    const actual = [...new Set(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} @${f.messageId}`))].sort();
    expect(actual).toEqual(expected);
  });
});
