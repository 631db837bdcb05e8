import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../rules/index.js';
import { discoverFiles } from '../../src/discovery/walk.js';
import { buildScanModel, buildStructure } from '../../src/engine/model.js';
import { configureRules, runRules } from '../../src/engine/runner.js';
import { scan } from '../../src/engine/scan.js';
import { lexFile, type Lexer } from '../../src/inventory/lexed.js';
import { tempProject } from '../helpers/project.js';

/**
 * Lexing every file for the import graph and the environments was most of what a scan of a tree
 * without Pusher cost. They are built on first use, and in such a tree nothing uses them. The app
 * below is a backend that would give the architecture passes plenty to say (a Redis broker, an
 * express rate limiter, a Netlify function) and the credential sweeps words to test (`secret`,
 * `apiKey`), but never mentions Pusher.
 */

const rules = await loadRules();

const APP = {
  'package.json': '{ "name": "orders", "dependencies": { "express": "4", "ioredis": "5", "express-rate-limit": "7" } }\n',
  'src/server.ts': [
    "import express from 'express';",
    "import rateLimit from 'express-rate-limit';",
    "import Redis from 'ioredis';",
    "import { totals } from './totals';",
    '',
    'const app = express();',
    'const redis = new Redis(process.env.REDIS_URL);',
    'app.use(rateLimit({ windowMs: 60_000, max: 100 }));',
    "app.post('/orders', async (req, res) => {",
    "  await redis.publish('orders', JSON.stringify(req.body));",
    '  res.json(totals(req.body));',
    '});',
    'app.listen(3000);',
    '',
  ].join('\n'),
  'src/totals.ts': 'export const totals = (o: { items: number[] }) => ({ sum: o.items.reduce((a, b) => a + b, 0) });\n',
  'src/config.ts': "export const config = { apiKey: process.env.STRIPE_KEY, secret: process.env.SESSION_SECRET };\n",
  'netlify/functions/health.ts': "export const handler = async () => ({ statusCode: 200, body: 'ok' });\n",
};

function countingLexer(): { lex: Lexer; calls: () => number } {
  let calls = 0;
  return {
    lex: (file) => {
      calls++;
      return lexFile(file);
    },
    calls: () => calls,
  };
}

describe('the import graph and environments are built only when something reads them', () => {
  it('a tree without Pusher: the model and every rule run without lexing a file', async () => {
    const discovery = await discoverFiles(tempProject(APP));
    const counter = countingLexer();
    const structure = buildStructure(discovery, counter.lex);
    const { model, analysed } = buildScanModel(discovery, {}, structure);
    const run = runRules(model, configureRules(rules));
    expect(analysed.size).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.findings).toEqual([]);
    expect(counter.calls()).toBe(0);
    // The counter does see lexing: reading the graph lexes every source file once.
    expect(model.graph.imports.get('src/server.ts')?.map((e) => e.specifier)).toContain('ioredis');
    expect(counter.calls()).toBe(4);
  });

  it('without Pusher the architecture facts are empty; one Pusher file brings the backend passes back', async () => {
    const without = await scan({ root: tempProject(APP), rules });
    expect(without.architecture.brokers).toEqual([]);
    expect(without.architecture.serverless).toEqual([]);
    expect(without.architecture.middleware).toEqual([]);
    expect(without.inventory.files).toEqual([]);

    const withPusher = await scan({
      root: tempProject({
        ...APP,
        'src/realtime.ts': "import Pusher from 'pusher';\nexport const pusher = new Pusher({ appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET!, cluster: 'eu' });\n",
      }),
      rules,
    });
    expect(withPusher.architecture.brokers.map((b) => [b.kind, b.location.file])).toEqual([['redis', 'src/server.ts']]);
    expect(withPusher.architecture.serverless.map((s) => s.location.file)).toEqual(['netlify/functions/health.ts']);
    expect(withPusher.architecture.middleware.map((m) => m.kind)).toContain('rate-limit');
    expect(withPusher.inventory.files.map((f) => f.file)).toContain('src/realtime.ts');
  });

  it('a re-scan with the cache after a one-file change lexes nothing either, and a file that starts to say Pusher is noticed', async () => {
    const root = tempProject(APP);
    const cacheLocation = join(mkdtempSync(join(tmpdir(), 'pa-cache-')), 'cache.json');
    const findings = async (options: { cacheLocation?: string }) => JSON.stringify((await scan({ root, rules, ...options })).findings);
    await findings({ cacheLocation });
    appendFileSync(join(root, 'src/totals.ts'), '\nexport const rounding = 2;\n');
    expect(await findings({ cacheLocation })).toBe(await findings({}));
    // The cache stores each file's lex, or null for a file never lexed: comparing the graph of a
    // tree whose analysis never read it used to lex every file.
    const stored = JSON.parse(JSON.parse(readFileSync(cacheLocation, 'utf8')).lexed) as Array<[string, string, unknown]>;
    expect(stored.length).toBe(5);
    expect(stored.filter(([, , lex]) => lex !== null)).toEqual([]);
    appendFileSync(join(root, 'src/totals.ts'), "\nimport Pusher from 'pusher';\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: 'c41e9b07d2f8a3165e0b', cluster: 'eu' });\n");
    const reused = await findings({ cacheLocation });
    expect(reused).toBe(await findings({}));
    expect(reused).toContain('secretLiteral');
  });
});

