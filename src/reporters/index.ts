import { renderGithub } from './github.js';
import { renderHtml } from './html.js';
import type { ScanReport } from '../report/schema.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif, type SarifRule } from './sarif.js';
import { renderText } from './text.js';
import type { TemplateSources } from './handlebars.js';
import type { ReportOptions } from './view.js';

/**
 * Every output format by name: `--format` choices are this map's keys, and `scan` and `report`
 * pick from it. A reporter is a pure function from the report to a string (ESLint's formatters,
 * knip's reporter map); the CLI writes the string.
 */

export interface ReporterOptions extends ReportOptions {
  /** ANSI colours (text only); the CLI decides from the terminal. */
  color: boolean;
  /** Text: only the summary line. */
  quiet?: boolean;
  /** SARIF: every rule that can appear, with its README as help (`loadSarifRules`). */
  sarifRules?: readonly SarifRule[];
  /** SARIF: the tool's home page. */
  informationUri?: string;
  /** HTML and Markdown: the package's templates, read by the caller (`readTemplates`). */
  templates?: TemplateSources;
}

function templatesOf(options: ReporterOptions, format: string): TemplateSources {
  if (!options.templates) throw new Error(`the ${format} reporter needs the package's templates (options.templates, from readTemplates())`);
  return options.templates;
}

export type Reporter = (report: ScanReport, options: ReporterOptions) => string;

export const reporters = {
  text: (report, options) => renderText(report, { color: options.color, quiet: options.quiet ?? false }),
  json: (report) => renderJson(report),
  markdown: (report, options) => renderMarkdown(report, { ...options, templates: templatesOf(options, 'markdown') }),
  html: (report, options) => renderHtml(report, { ...options, templates: templatesOf(options, 'html') }),
  sarif: (report, options) =>
    renderSarif(report, { rules: options.sarifRules ?? [], informationUri: options.informationUri ?? '' }),
  github: (report) => renderGithub(report),
} satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;
export const FORMAT_NAMES = Object.keys(reporters) as FormatName[];
