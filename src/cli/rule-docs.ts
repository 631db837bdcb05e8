import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyRule } from '../engine/rule.js';
import { DIRECTIVE_CHECKS } from '../engine/suppress.js';
import { UserError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { SarifRule } from '../reporters/sarif.js';
import type { RuleDoc } from '../reporters/view.js';
import { TOOL_HOMEPAGE, ruleDocsUrl } from '../version.js';

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
      const readme = await readFile(readmePath(r.meta.id), 'utf8').catch(() => '');
      return [r.meta.id, { title: r.meta.title, howToFix: howToFixItems(readme) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function readmePath(id: string): string {
  return join(packageRoot, 'rules', id, 'README.md');
}

/** A rule's README, for `rules <id>` and SARIF help, where a missing one is an error. */
export async function readRuleReadme(id: string): Promise<string> {
  try {
    return await readFile(readmePath(id), 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the documentation of ${id} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** The `## Suppressing findings` section of the package README, up to the next `## ` heading. */
async function suppressionDocs(): Promise<string> {
  const readme = await readFile(join(packageRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Suppressing findings');
  if (start === -1) throw new Error('README.md has no "Suppressing findings" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start + 1, end === -1 ? undefined : end).trim();
}

/**
 * SARIF's `rules[]` material: each rule's meta and whole README as help, plus the two checks of
 * suppression directives, documented by the README's "Suppressing findings" section.
 */
export async function loadSarifRules(rules: readonly AnyRule[]): Promise<SarifRule[]> {
  const fromRules = await Promise.all(
    rules.map(async (r): Promise<SarifRule> => ({
      id: r.meta.id,
      title: r.meta.title,
      description: r.meta.description,
      category: r.meta.category,
      severity: r.meta.severity,
      ...(r.meta.precision !== undefined ? { precision: r.meta.precision } : {}),
      help: (await readRuleReadme(r.meta.id)).trim(),
      helpUri: ruleDocsUrl(r.meta.id),
    })),
  );
  const help = await suppressionDocs();
  const directives = DIRECTIVE_CHECKS.map((d): SarifRule => ({ ...d, help, helpUri: `${TOOL_HOMEPAGE}#suppressing-findings` }));
  return [...fromRules, ...directives];
}

/** The rule material the given formats render, read (and every rule loaded) only when one of them needs it. */
export async function docsForFormats(
  rules: () => Promise<readonly AnyRule[]>,
  formats: readonly string[],
): Promise<{ ruleDocs: Record<string, RuleDoc>; sarifRules: SarifRule[] }> {
  const ruleDocs = formats.some((f) => f === 'html' || f === 'markdown') ? await loadRuleDocs(await rules()) : {};
  const sarifRules = formats.includes('sarif') ? await loadSarifRules(await rules()) : [];
  return { ruleDocs, sarifRules };
}
