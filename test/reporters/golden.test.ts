import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { demoReport, RULE_DOCS } from './report-fixture.js';

/** Infracost's testdata pattern: one saved result, rendered by each reporter, compared byte for byte. */
describe('HTML and Markdown reports of one saved result', () => {
  it('match the golden HTML', async () => {
    await expect(renderHtml(demoReport(), { ruleDocs: RULE_DOCS })).toMatchFileSnapshot('./__golden__/demo-app.html');
  });

  it('match the golden Markdown', async () => {
    await expect(renderMarkdown(demoReport(), { ruleDocs: RULE_DOCS })).toMatchFileSnapshot('./__golden__/demo-app.md');
  });

  it('are byte-identical across renders', () => {
    expect(renderHtml(demoReport(), { ruleDocs: RULE_DOCS })).toBe(renderHtml(demoReport(), { ruleDocs: RULE_DOCS }));
    expect(renderMarkdown(demoReport())).toBe(renderMarkdown(demoReport()));
  });
});
