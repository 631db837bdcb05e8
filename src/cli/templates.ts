import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import type { TemplateName, TemplateSources } from '../reporters/handlebars.js';

const TEMPLATE_NAMES: readonly TemplateName[] = ['report.html', 'report.md', 'pr-comment.md'];

/** The package's own `templates/` folder, read once for the reporters (which do no I/O). */
export async function readTemplates(dir = join(packageRoot, 'templates')): Promise<TemplateSources> {
  const text = (file: string) => readFile(join(dir, file), 'utf8');
  const templates = Object.fromEntries(await Promise.all(TEMPLATE_NAMES.map(async (name) => [name, await text(`${name}.hbs`)] as const))) as Record<TemplateName, string>;
  const partialFiles = (await readdir(join(dir, 'partials'))).filter((f) => f.endsWith('.hbs')).sort();
  const partials = Object.fromEntries(await Promise.all(partialFiles.map(async (f) => [f.slice(0, -'.hbs'.length), await text(join('partials', f))] as const)));
  return { templates, partials, stylesheet: await text('report.css') };
}

/** The templates the given formats render, read only when one of them needs them. */
export async function templatesForFormats(formats: readonly string[]): Promise<{ templates?: TemplateSources }> {
  return formats.some((f) => f === 'html' || f === 'markdown') ? { templates: await readTemplates() } : {};
}
