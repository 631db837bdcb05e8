import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { demoReport, RULE_DOCS, TEMPLATES } from './report-fixture.js';

/** Infracost's testdata pattern: one saved result, rendered by each reporter, compared byte for byte. */
describe('HTML and Markdown reports of one saved result', () => {
  it('match the golden HTML', async () => {
    await expect(renderHtml(demoReport(), { ruleDocs: RULE_DOCS, templates: TEMPLATES })).toMatchFileSnapshot('./__golden__/demo-app.html');
  });

  it('match the golden Markdown', async () => {
    await expect(renderMarkdown(demoReport(), { ruleDocs: RULE_DOCS, templates: TEMPLATES })).toMatchFileSnapshot('./__golden__/demo-app.md');
  });

  it('are byte-identical across renders', () => {
    expect(renderHtml(demoReport(), { ruleDocs: RULE_DOCS, templates: TEMPLATES })).toBe(renderHtml(demoReport(), { ruleDocs: RULE_DOCS, templates: TEMPLATES }));
    expect(renderMarkdown(demoReport(), { templates: TEMPLATES })).toBe(renderMarkdown(demoReport(), { templates: TEMPLATES }));
  });

  it('tell corroborated plans from unconfirmed ones', () => {
    const html = renderHtml(demoReport(), { ruleDocs: RULE_DOCS, templates: TEMPLATES });
    const md = renderMarkdown(demoReport(), { templates: TEMPLATES });
    // Pro is recommended; independent dated sources agree on it, so it is not "not confirmed".
    expect(html).toContain('<th scope="row">Pro <span class="flag">corroborated</span></th>');
    expect(html).not.toContain('Pro <span class="flag">not confirmed</span>');
    expect(md).toContain('| Pro (corroborated) | Recommended plan, in 90 days |');
    // Plus rests on the generated ladder alone.
    expect(md).toMatch(/> \*\*Not confirmed:\*\* the prices and limits of Plus,/);
    expect(md).toMatch(/> \*\*Corroborated:\*\* the prices and limits of Pro, Business, Premium, Growth, Growth Plus agree/);
  });
});
