import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../rules/index.js';
import { loadSarifRules } from '../src/cli/rule-docs.js';
import { scan } from '../src/engine/scan.js';
import { compareReports } from '../src/gate/compare.js';
import type { ScanReport } from '../src/report/schema.js';
import { buildScanReport } from '../src/report/build.js';
import { renderJson } from '../src/reporters/json.js';
import { prCommentMarkdown } from '../src/reporters/pr-comment.js';
import { readTemplates } from '../src/cli/templates.js';
import type { TemplateSources } from '../src/reporters/handlebars.js';
import { appsOf, LABELLED_SETS } from './helpers/sets.js';

const rules = await loadRules();

/**
 * "No output format ever prints a full secret." Every rule's fixtures and every labelled app hold
 * committed Pusher secrets on purpose; each is scanned with all rules through the real `scan()`,
 * and the report goes through every reporter module in src/reporters (every exported `render*`
 * function, so a new format is covered the day it lands). No secret found in those files by the
 * independent harvest below may appear in any output. A reporter that cannot render a scan report
 * with `{ color: false, rules, sarifRules, informationUri }` options fails here by name, so it gets wired in rather than skipped.
 */

const ROOTS = [
  ...readdirSync('rules', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('rules', d.name, 'fixtures')))
    .map((d) => join('rules', d.name, 'fixtures')),
  // Every labelled app (corpus, held-out and blind sets): the blind ones commit secrets in styles nobody tuned on.
  ...LABELLED_SETS.flatMap(appsOf),
];

/** Credential-looking values: long enough, with a digit, no spaces (not words, not env var names). */
const CREDENTIAL = /^(?=.*\d)[A-Za-z0-9+/=_-]{16,}$/;
/** `secret: '…'`, `PUSHER_APP_SECRET=…`, `"encryptionMasterKeyBase64": "…"`, `const KIOSK_SECRET = '…'` */
const SECRET_ASSIGNMENT = /(?:secret|master_?key)\w*["']?\s*(?:[:=]|\?\?|\|\|)\s*(?:[^\n'"`]*?(?:\|\||\?\?|,)\s*)?["'`]?([A-Za-z0-9+/=_-]{16,})/gi;
/** The password of `scheme://user:password@host`. */
const URL_PASSWORD = /:\/\/[^\s:@/'"`]+:([^\s@/'"`]+)@/g;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...filesUnder(path));
    } else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The secrets committed under a root, found without the scanner's own code. */
function harvestSecrets(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of filesUnder(root)) {
    const text = readFileSync(file, 'utf8');
    for (const re of [SECRET_ASSIGNMENT, URL_PASSWORD]) {
      for (const m of text.matchAll(re)) {
        const value = m[1]!;
        if (CREDENTIAL.test(value)) found.set(value, relative('.', file).split(sep).join('/'));
      }
    }
  }
  return found;
}

const renderJsonOf = (report: ScanReport): string => renderJson(report);

type Render = (report: ScanReport, options: unknown) => unknown;

async function reporters(): Promise<Array<{ name: string; render: Render }>> {
  const out: Array<{ name: string; render: Render }> = [];
  const dir = join('src', 'reporters');
  for (const file of readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(process.cwd(), dir, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (/^render/.test(name) && typeof value === 'function') out.push({ name: `${file}#${name}`, render: value as Render });
    }
  }
  return out;
}

describe('no output format ever prints a full secret', () => {
  let renderers: Array<{ name: string; render: Render }>;
  let options: Record<string, unknown>;
  let templates: TemplateSources;
  beforeAll(async () => {
    templates = await readTemplates();
    renderers = await reporters();
    // SARIF embeds each rule's README as help. That text is the same for every scan and its examples
    // reuse the fixtures' demo credentials on purpose, so it is left out: what is checked here is
    // what a reporter prints from scanned code.
    const sarifRules = (await loadSarifRules(rules)).map((d) => ({ ...d, help: `(README of ${d.id})` }));
    options = { color: false, rules: sarifRules, sarifRules, informationUri: 'https://example.test/pusher-advisor', templates };
  });

  it('finds the reporters and the secrets to look for', () => {
    expect(renderers.map((r) => r.name)).toEqual(expect.arrayContaining(['json.ts#renderJson', 'text.ts#renderText']));
    const all = new Map(ROOTS.flatMap((root) => [...harvestSecrets(root)]));
    // The hard-coded-credentials fixtures alone commit these on purpose.
    expect([...all.keys()]).toEqual(expect.arrayContaining(['8d2f4a6c0e1b3d5f7a9c', '7ad3773142a6692b25b8', 'pGJ0aW1lcy1maWxsZWQtd2l0aC1yYW5kb20tYnl0ZXM=']));
  });

  it.each(ROOTS)('%s: no harvested secret appears in any report', { timeout: 60_000 }, async (root) => {
    const secrets = harvestSecrets(root);
    const result = await scan({ root, rules });
    const report = buildScanReport(result, { tool: { name: 'pusher-advisor', version: 'test' } });
    const leaks: string[] = [];
    for (const { name, render } of renderers) {
      let output: string;
      try {
        const rendered = render(report, options);
        output = typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
      } catch (error) {
        throw new Error(`reporter ${name} could not render a scan report: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const [secret, file] of secrets) if (output.includes(secret)) leaks.push(`${name} prints ${secret.slice(0, 4)}… (committed in ${file})`);
    }
    // The PR comment renders a comparison, not a report: every finding here as new, then as fixed.
    const empty: ScanReport = { ...report, findings: [], suppressed: [] };
    for (const [name, delta] of [['new', compareReports(empty, report)], ['fixed', compareReports(report, empty)]] as const) {
      const output = prCommentMarkdown(delta, { templates });
      for (const [secret, file] of secrets) if (output.includes(secret)) leaks.push(`pr-comment.ts#prCommentMarkdown (${name}) prints ${secret.slice(0, 4)}… (committed in ${file})`);
    }
    expect(leaks).toEqual([]);
    // Not vacuous: the findings on those secrets were rendered, as previews.
    if (root.includes('hardcoded-credentials')) expect(renderers.length > 0 && renderJsonOf(report)).toContain('6c8e…');
  });
});
