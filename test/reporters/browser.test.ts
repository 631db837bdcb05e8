import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { renderHtml } from '../../src/reporters/html.js';
import { bufferIO, tempProject } from '../helpers/project.js';
import { HOSTILE, hostileReport, RULE_DOCS, TEMPLATES } from './report-fixture.js';

/**
 * The HTML report as a reader gets it: the demo app's report, written by the CLI, opened from disk in
 * real headless Chromium (Debian's `chromium`; `.ci/run` installs it). Screenshots go to
 * $PUSHER_ADVISOR_ARTIFACTS, or a temp folder, never into the repository.
 */

const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const ARTIFACTS = process.env['PUSHER_ADVISOR_ARTIFACTS'] ?? join(tmpdir(), 'pusher-advisor-artifacts');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SECTIONS = ['summary', 'architecture', 'findings', 'cost', 'plan', 'appendix'];

interface Visit {
  page: Page;
  consoleErrors: string[];
  /** Every request other than the report file itself; the CSP and the route both stop them. */
  requests: string[];
  dialogs: string[];
}

let browser: Browser;
let demoFile: string;

async function open(file: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const url = pathToFileURL(file).href;
  const visit: Visit = { page: await context.newPage(), consoleErrors: [], requests: [], dialogs: [] };
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : (visit.requests.push(route.request().url()), route.abort())));
  visit.page.on('console', (m) => m.type() === 'error' && visit.consoleErrors.push(m.text()));
  visit.page.on('pageerror', (e) => visit.consoleErrors.push(e.message));
  visit.page.on('dialog', (d) => (visit.dialogs.push(d.message()), void d.dismiss()));
  await visit.page.goto(url, { waitUntil: 'load' });
  return visit;
}

let demoFindings = 0;

describe('the HTML report in headless Chromium', () => {
  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('Chromium not found: install Debian\'s chromium package (apt-get install -y chromium) or set CHROMIUM_PATH');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const out = tempProject({});
    demoFile = join(out, 'demo-report.html');
    const { io } = bufferIO(process.cwd());
    const code = await run(['scan', 'examples/demo-app', '--usage', 'examples/usage/pusher-usage.csv', '--format', 'html', '--output', demoFile], io);
    expect(code).toBe(1);
    const json = bufferIO(process.cwd());
    await run(['scan', 'examples/demo-app', '--format', 'json'], json.io);
    demoFindings = (JSON.parse(json.stdout()) as { findings: unknown[] }).findings.length;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the demo report with no console error and no network request, every section present', async () => {
    const { page, consoleErrors, requests } = await open(demoFile);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    for (const id of SECTIONS) {
      await expect.poll(() => page.locator(`#${id} > h2`).isVisible()).toBe(true);
    }
    expect(await page.locator('#cost svg.chart-svg').count()).toBe(2);
    // Each chart: the forecast with its band, and Pro's 80 % warning and limit (1,600 and 2,000 connections, pusher-facts.md §1.1).
    for (const part of ['path.forecast', 'path.band', 'line.ref-warning', 'line.ref-limit']) expect(await page.locator(`#cost svg.chart-svg ${part}`).count()).toBe(2);
    expect(await page.locator('#cost svg.chart-svg text.ref-warning').first().textContent()).toBe('80 % warning 1.6k');
    expect(await page.locator('#cost svg.chart-svg text.ref-limit').first().textContent()).toBe('plan limit 2k');
    // The generated plan catalogue is flagged where a reader sees the prices.
    await expect.poll(() => page.locator('#cost .callout.warn', { hasText: 'Not confirmed' }).isVisible()).toBe(true);
    expect(await page.locator('#cost .flag', { hasText: 'not confirmed' }).count()).toBeGreaterThan(0);
    const cost = await page.locator('#cost').innerText();
    expect(cost).toContain('What the robust forecast did to the data');
    expect(cost).toContain('weekly cycle taken out');
    // What would change the verdict, and what to watch, in numbers.
    const architecture = await page.locator('#architecture').innerText();
    expect(await page.locator('#architecture h3', { hasText: 'What would change the verdict' }).isVisible()).toBe(true);
    expect(architecture).toMatch(/at 3 \(now 1\)/);
    expect(architecture).toContain('the 80 % warning is at 1,600 on Pro; above ~10,000 the Event Bus pattern wins');
    expect(await page.locator('#architecture svg.diagram-svg').count()).toBeGreaterThan(0);
    // Every finding of the JSON report, each once.
    expect(demoFindings).toBeGreaterThan(10);
    expect(await page.locator('.finding').count()).toBe(demoFindings);
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'demo-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.context().close();
  });

  it('has no axe-core violation of serious or critical impact', async () => {
    const { page } = await open(demoFile);
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(AXE);
    const { violations, passes } = await page.evaluate(async () => {
      type Result = { id: string; impact: string | null; nodes: unknown[] };
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
      const r = await axe.run();
      return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })), passes: r.passes.length };
    });
    expect(passes).toBeGreaterThan(10);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.context().close();
  });

  it('reads without JavaScript', async () => {
    const { page } = await open(demoFile, { javaScriptEnabled: false });
    for (const id of SECTIONS) expect(await page.locator(`#${id} > h2`).isVisible()).toBe(true);
    expect(await page.locator('#findings').innerText()).toContain('fingerprint');
    await page.context().close();
  });

  it('keeps planted <script>, quotes, {{ and </script> inert', async () => {
    const file = join(tempProject({}), 'hostile.html');
    writeFileSync(file, renderHtml(hostileReport(), { ruleDocs: RULE_DOCS, templates: TEMPLATES }));
    const { page, consoleErrors, requests, dialogs } = await open(file);
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.title()).toBe(`Pusher Channels review: ${HOSTILE.root}`);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('img, [onmouseover], [onerror]').count()).toBe(0);
    // Collapsed parts (the appendix) open as they do for printing, so innerText covers the whole report.
    await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    const text = await page.locator('body').innerText();
    expect(text).toContain(HOSTILE.file);
    expect(text).toContain(HOSTILE.snippet);
    expect(text).toContain(HOSTILE.channel);
    expect(text).toContain(HOSTILE.advice);
    // The embedded result reads back whole.
    const embedded = await page.locator('#pusher-advisor-result').textContent();
    expect(JSON.parse(embedded ?? '')).toEqual(hostileReport());
    await page.context().close();
  });
});
