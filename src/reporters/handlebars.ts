import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import { formatCount, formatFraction, formatUsd, trustLabel } from './format.js';

/**
 * The one place templates meet Handlebars. Layout lives in `templates/`; every number, date and
 * escape is formatted by a helper registered here, so templates hold no arithmetic and no
 * formatting of their own (Infracost's `formatCost`, Lighthouse's i18n formatters).
 *
 * Templates are the package's own files; the CLI reads them once (`src/cli/templates.ts`) and
 * hands their text in, so a reporter does no I/O and a test can render from any set.
 */

export type TemplateName = 'report.html' | 'report.md' | 'pr-comment.md';

/** The text of the package's `templates/` folder. */
export interface TemplateSources {
  templates: Readonly<Record<TemplateName, string>>;
  /** By partial name: the file name without `.hbs` (`cost.html`). */
  partials: Readonly<Record<string, string>>;
  /** `report.css`, inlined into the HTML report. */
  stylesheet: string;
}

/** What a templated reporter is given besides the report. */
export interface TemplatedOptions {
  templates: TemplateSources;
}

/** Markdown text: HTML is escaped (wikis render it) and Markdown's own punctuation is neutralised. */
export function markdownText(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/**
 * A Markdown code span that survives any content: the fence is one backtick longer than the longest
 * run inside (CommonMark 6.1), and `|` is escaped so a span cannot split a table cell (GFM).
 */
export function markdownCode(value: unknown): string {
  const text = String(value ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  if (text === '') return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Prose that marks code with backticks (rule messages, fix notes) as HTML: escaped first, then each
 * `span` becomes <code>. The input is never trusted as markup.
 */
function htmlProse(value: unknown): Handlebars.SafeString {
  const hb = handlebars();
  const escaped = hb.Utils.escapeExpression(String(value ?? ''));
  return new hb.SafeString(escaped.replace(/&#x60;([^\n]+?)&#x60;/g, '<code>$1</code>'));
}

/** Rule messages are written for terminals and Markdown alike: backticks mark code. */
function markdownProse(value: unknown): string {
  return String(value ?? '')
    .split(/(`[^`\n]+`)/)
    .map((part) => (/^`[^`\n]+`$/.test(part) ? markdownCode(part.slice(1, -1)) : markdownText(part)))
    .join('');
}

function register(hb: typeof Handlebars, prose: (v: unknown) => unknown): void {
  hb.registerHelper('count', (v: number) => formatCount(v));
  hb.registerHelper('usd', (v: number | null) => formatUsd(v));
  hb.registerHelper('percent', (v: number | null) => formatFraction(v));
  hb.registerHelper('days', (v: number | null) => (v === null ? 'not on the current trend' : v === 0 ? 'already reached' : `in ${Math.ceil(v)} days`));
  hb.registerHelper('plural', (n: number, word: string, wordPlural?: unknown) =>
    n === 1 ? word : typeof wordPlural === 'string' ? wordPlural : `${word}s`,
  );
  hb.registerHelper('trust', (v: { confirmed: boolean; evidence?: string } | null | undefined) => (v ? trustLabel(v) : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('lt', (a: number, b: number) => a < b);
  // The last argument is Handlebars' options object.
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hb.registerHelper('prose', (v: unknown) => prose(v));
  hb.registerHelper('md', (v: unknown) => markdownText(v));
  hb.registerHelper('mdCode', (v: unknown) => markdownCode(v));
}

function registerPartials(hb: typeof Handlebars, partials: TemplateSources['partials'], ext: string): void {
  for (const name of Object.keys(partials).sort()) if (name.endsWith(ext)) hb.registerPartial(name, partials[name]!);
}

let loaded: typeof Handlebars | undefined;
/** Loaded on the first template: a scan printing JSON, SARIF or text never pays for Handlebars. */
function handlebars(): typeof Handlebars {
  return (loaded ??= createRequire(import.meta.url)('handlebars') as typeof Handlebars);
}

const compiled = new WeakMap<TemplateSources, Map<TemplateName, Handlebars.TemplateDelegate>>();

/**
 * The compiled template. HTML keeps Handlebars' escaping of every `{{value}}`; Markdown turns it
 * off (`noEscape`) because HTML entities inside code spans would show literally, so every value in
 * a Markdown template goes through `md`, `mdCode` or `prose`.
 */
export function template(sources: TemplateSources, name: TemplateName): Handlebars.TemplateDelegate {
  let byName = compiled.get(sources);
  if (!byName) compiled.set(sources, (byName = new Map()));
  const cached = byName.get(name);
  if (cached) return cached;
  const hb = handlebars().create();
  const markdown = name.endsWith('.md');
  register(hb, markdown ? markdownProse : htmlProse);
  registerPartials(hb, sources.partials, markdown ? '.md' : '.html');
  const fn = hb.compile(sources.templates[name], { noEscape: markdown, preventIndent: true });
  byName.set(name, fn);
  return fn;
}
