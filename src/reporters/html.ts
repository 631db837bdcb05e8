import { createHash } from 'node:crypto';
import { template, type TemplatedOptions } from './handlebars.js';
import type { ScanReport } from '../report/schema.js';
import { buildView, type ReportOptions } from './view.js';

/**
 * The consulting report as one self-contained HTML file: inline CSS and SVG, the full result
 * embedded as JSON, and a Content-Security-Policy that allows no request at all, so the file
 * opens offline and a planted `<script>` could not run even if escaping failed. Pure.
 */

/**
 * The only script: it opens every <details> before printing, so a printout holds the appendix.
 * Everything else reads without JavaScript.
 */
const PRINT_SCRIPT = "addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true})});";

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * JSON that cannot end the <script> element it sits in nor break a JavaScript parser, the way
 * Lighthouse embeds its result: `<` (so no `</script>` or `<!--`), U+2028 and U+2029 escaped.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function renderHtml(report: ScanReport, options: ReportOptions & TemplatedOptions): string {
  const { templates } = options;
  const css = templates.stylesheet;
  const csp = `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(PRINT_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return template(templates, 'report.html')({ ...buildView(report, options), css, csp, json: embedJson(report), script: PRINT_SCRIPT });
}
