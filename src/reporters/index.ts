import type { ScanReport } from '../report/schema.js';
import type { SarifRule } from './sarif.js';
import type { TemplateSources } from './handlebars.js';
import type { ReportOptions } from './view.js';

/**
 * Every output format by name: `--format` choices are this map's keys, and `scan` and `report`
 * pick from it. A reporter is a pure function from the report to a string (ESLint's formatters,
 * knip's reporter map); the CLI writes the string. Each is loaded when asked for: a scan renders
 * one format (two with `--html`), and the others' modules (charts, diagrams, SARIF) would cost
 * every scan start-up time. `reporters` in `all.ts` is the map with every one loaded.
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

const loaders = {
  text: async (): Promise<Reporter> => {
    const { renderText } = await import('./text.js');
    return (report, options) => renderText(report, { color: options.color, quiet: options.quiet ?? false });
  },
  json: async (): Promise<Reporter> => {
    const { renderJson } = await import('./json.js');
    return (report) => renderJson(report);
  },
  markdown: async (): Promise<Reporter> => {
    const { renderMarkdown } = await import('./markdown.js');
    return (report, options) => renderMarkdown(report, { ...options, templates: templatesOf(options, 'markdown') });
  },
  html: async (): Promise<Reporter> => {
    const { renderHtml } = await import('./html.js');
    return (report, options) => renderHtml(report, { ...options, templates: templatesOf(options, 'html') });
  },
  sarif: async (): Promise<Reporter> => {
    const { renderSarif } = await import('./sarif.js');
    return (report, options) => renderSarif(report, { rules: options.sarifRules ?? [], informationUri: options.informationUri ?? '' });
  },
  github: async (): Promise<Reporter> => {
    const { renderGithub } = await import('./github.js');
    return (report) => renderGithub(report);
  },
} satisfies Record<string, () => Promise<Reporter>>;

export type FormatName = keyof typeof loaders;
export const FORMAT_NAMES = Object.keys(loaders) as FormatName[];

/** The reporter of one format, loading its module on first use. */
export function loadReporter(format: FormatName): Promise<Reporter> {
  return loaders[format]();
}
