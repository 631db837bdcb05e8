import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { packageRoot } from '../paths.js';
import { formatCount, formatFraction, formatUsd, trustLabel } from './format.js';

/**
 * The one place templates meet Handlebars. Layout lives in `templates/`; every number, date and
 * escape is formatted by a helper registered here, so templates hold no arithmetic and no
 * formatting of their own (Infracost's `formatCost`, Lighthouse's i18n formatters).
 *
 * Templates are the package's own files, read once on first use (like a compiled-in asset); a
 * reporter never reads anything the user gave it.
 */

export type TemplateName = 'report.html' | 'report.md' | 'pr-comment.md';

const TEMPLATES_DIR = join(packageRoot, 'templates');

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

function loadPartials(hb: typeof Handlebars, ext: string): void {
  const dir = join(TEMPLATES_DIR, 'partials');
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith(`${ext}.hbs`)) hb.registerPartial(file.slice(0, -'.hbs'.length), readFileSync(join(dir, file), 'utf8'));
  }
}

let loaded: typeof Handlebars | undefined;
/** Loaded on the first template: a scan printing JSON, SARIF or text never pays for Handlebars. */
function handlebars(): typeof Handlebars {
  return (loaded ??= createRequire(import.meta.url)('handlebars') as typeof Handlebars);
}

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

/**
 * The compiled template. HTML keeps Handlebars' escaping of every `{{value}}`; Markdown turns it
 * off (`noEscape`) because HTML entities inside code spans would show literally, so every value in
 * a Markdown template goes through `md`, `mdCode` or `prose`.
 */
export function template(name: TemplateName): Handlebars.TemplateDelegate {
  const cached = compiled.get(name);
  if (cached) return cached;
  const hb = handlebars().create();
  const markdown = name.endsWith('.md');
  register(hb, markdown ? markdownProse : htmlProse);
  loadPartials(hb, markdown ? '.md' : '.html');
  const source = readFileSync(join(TEMPLATES_DIR, `${name}.hbs`), 'utf8');
  const fn = hb.compile(source, { noEscape: markdown, preventIndent: true });
  compiled.set(name, fn);
  return fn;
}

/** The package's stylesheet, inlined into the HTML report (no request for it). */
export function stylesheet(): string {
  return readFileSync(join(TEMPLATES_DIR, 'report.css'), 'utf8');
}
