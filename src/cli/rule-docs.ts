import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyRule } from '../engine/rule.js';
import { packageRoot } from '../paths.js';
import type { RuleDoc } from '../reporters/view.js';

/**
 * What the HTML and Markdown reports say about each rule: its title, and the items of its README's
 * "How to fix" section (bullets or paragraphs; code blocks are left to the README). Read here, in
 * the CLI, so reporters stay pure.
 */
export function howToFixItems(readme: string): string[] {
  const section = /^## How to fix\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1] ?? '';
  const items: string[] = [];
  let current: string[] = [];
  let fenced = false;
  const flush = (): void => {
    if (current.length > 0) items.push(current.join(' ').replace(/\s+/g, ' ').trim());
    current = [];
  };
  for (const line of section.split('\n')) {
    if (/^\s*```/.test(line)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    if (line.trim() === '') flush();
    else if (/^\s{0,3}(?:[-*]|\d+\.) /.test(line)) {
      flush();
      current.push(line.replace(/^\s*(?:[-*]|\d+\.) /, ''));
    } else current.push(line.trim());
  }
  flush();
  // Emphasis is the README's; the reports set their own.
  return items.map((i) => i.replace(/\*\*([^*]+)\*\*/g, '$1')).filter((i) => i !== '');
}

export async function loadRuleDocs(rules: readonly AnyRule[]): Promise<Record<string, RuleDoc>> {
  const entries = await Promise.all(
    rules.map(async (r) => {
      // A missing README (a trimmed install) costs the fix notes, not the report.
      const readme = await readFile(join(packageRoot, 'rules', r.meta.id, 'README.md'), 'utf8').catch(() => '');
      return [r.meta.id, { title: r.meta.title, howToFix: howToFixItems(readme) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
