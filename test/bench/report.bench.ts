import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { renderHtml } from '../../src/reporters/html.js';
import { scanReportSchema, type ScanReport } from '../../src/report/schema.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { readTemplates } from '../../src/cli/templates.js';
import type { Benchmark } from './types.js';

/** A saved result with 10,000 findings: the demo app's findings repeated over 556 files. */
const FINDINGS = 10_000;

function savedResult(): string {
  const demo = scanReportSchema.parse(JSON.parse(readFileSync(join(packageRoot, 'test/fixtures/reports/demo-app.json'), 'utf8')));
  const findings: ScanReport['findings'] = [];
  for (let i = 0; findings.length < FINDINGS; i++) {
    const f = demo.findings[i % demo.findings.length]!;
    const copy = Math.floor(i / demo.findings.length);
    findings.push({ ...f, file: `packages/app-${String(copy).padStart(3, '0')}/${f.file}`, fingerprint: `${copy.toString(16).padStart(8, '0')}${f.fingerprint.slice(8)}` });
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return JSON.stringify({ ...demo, findings, summary: { ...demo.summary, total: findings.length } });
}

let text = '';

export const benchmarks: Benchmark[] = [
  {
    name: 'report: build a 10,000-finding result',
    run: async () => {
      text = savedResult();
      return `${Math.round(text.length / 1024)} KB of JSON`;
    },
  },
  {
    // What `pusher-advisor report result.json` does after reading the file: parse, validate, render.
    name: 'report: validate + render HTML, 10,000 findings',
    run: async () => {
      const html = renderHtml(scanReportSchema.parse(JSON.parse(text)), { templates: await readTemplates() });
      return `${Math.round(html.length / 1024)} KB of HTML`;
    },
  },
  {
    name: 'report: validate + render Markdown, 10,000 findings',
    run: async () => {
      const md = renderMarkdown(scanReportSchema.parse(JSON.parse(text)), { templates: await readTemplates() });
      return `${Math.round(md.length / 1024)} KB of Markdown`;
    },
  },
];
