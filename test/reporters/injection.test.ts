import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { embedJson, renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { HOSTILE, hostileReport, RULE_DOCS, TEMPLATES } from './report-fixture.js';

const EMBEDDED = /<script type="application\/json" id="pusher-advisor-result">([\s\S]*?)<\/script>/;

describe('hostile text in a report renders inert', () => {
  const report = hostileReport();
  const html = renderHtml(report, { ruleDocs: RULE_DOCS, templates: TEMPLATES });

  it('HTML: only the report\'s own two script elements, no planted tag or attribute', () => {
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<b>x<\/b>/);
    expect(html).not.toContain('" onmouseover="');
    expect(html).not.toContain('<!--');
    // The text is there, escaped: a reader sees exactly what the code holds.
    expect(html).toContain('src/&lt;script&gt;alert(1)&lt;/script&gt;&quot;{{constructor}}|x.ts');
    expect(html).toContain('private-&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;{{lookup}}&lt;/script&gt;');
  });

  it('HTML: advice text (verdict, signals, plan, migration, scorecard) is escaped wherever it appears', () => {
    const escaped = 'Move to &lt;/script&gt;&lt;script&gt;alert(&quot;advice&quot;)&lt;/script&gt; {{#with this}}&quot;q&quot;{{/with}}';
    const body = html.replace(EMBEDDED, '');
    // verdict (summary + architecture), reason, signal, changeIf, assumption, watch, migration text and benefit,
    // pillar strength, gap and formula, plan item and its lever: each a place the advice is shown.
    expect(body.split(escaped).length - 1).toBeGreaterThanOrEqual(10);
    expect(body).not.toContain(HOSTILE.advice);
  });

  it('HTML: the embedded JSON cannot close its element and parses back to the report', () => {
    const body = EMBEDDED.exec(html)![1]!;
    expect(body).not.toMatch(/<|\u2028|\u2029/);
    expect(JSON.parse(body)).toEqual(report);
    expect(embedJson({ s: '</script>\u2028\u2029' })).toBe('{"s":"\\u003c/script>\\u2028\\u2029"}');
  });

  it('HTML: a Content-Security-Policy allows no request and only the report\'s own script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('Markdown: rendered as GitHub would (HTML allowed), no planted element survives', () => {
    const md = renderMarkdown(report, { ruleDocs: RULE_DOCS, templates: TEMPLATES });
    const rendered = new MarkdownIt({ html: true }).render(md);
    expect(rendered).not.toMatch(/<script|<img|<b>x<\/b>|<!--/i);
    expect(rendered).not.toContain('" onmouseover="');
    // Table rows keep their cell count: a `|` in a file name does not split a cell.
    const findingRows = md.split('\n').filter((l) => /^\| (critical|high|medium|low|info) \| `/.test(l));
    expect(findingRows.length).toBeGreaterThan(0);
    for (const row of findingRows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(5);
    expect(md).toContain(HOSTILE.file.replace('|', '\\|'));
    expect(md).toContain('&lt;script&gt;alert("advice")&lt;/script&gt; {{#with this}}');
  });
});
