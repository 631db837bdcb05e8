import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advice } from '../../src/recommend/index.js';
import { syntheticCsv } from '../cost/helpers.js';
import { tempProject } from '../helpers/project.js';
import { adviceFor, FIXTURES, holding } from './helpers.js';

/**
 * One small app per situation the recommender must tell apart, scanned through the CLI as a user
 * would. Each test names the pattern the code shows today, the one recommended, and the signals
 * that carried the verdict; the evidence must point into the app.
 */

const app = (name: string): string => join(FIXTURES, name);
const signal = (advice: Advice, pattern: string, id: string) => advice.architecture.patterns.find((p) => p.id === pattern)!.signals.find((s) => s.id === id)!;
const evidenceFiles = (advice: Advice, pattern: string, id: string): string[] => [...new Set(signal(advice, pattern, id).evidence.flatMap((e) => (e.file ? [e.file] : [])))].sort();

/**
 * A usage export of a product taking off: the daily peak grows from 900 to 1,900 connections over
 * six weeks (Pro allows 2,000, pusher-facts.md §1.1) and messages from 0.6 M to 1.5 M a day, so
 * the 90-day forecast is well past Pro.
 */
function growthCsv(): string {
  const days = 42;
  const grow = (from: number, to: number) => (d: number) => Math.round(from * (to / from) ** (d / (days - 1)));
  const file = join(tempProject({}), 'usage.csv');
  writeFileSync(file, syntheticCsv({ days, start: '2026-09-01T00:00:00Z', peak: grow(900, 1_900), messages: grow(600_000, 1_500_000) }));
  return file;
}

describe('architecture recommendation on small apps', () => {
  it('a single Express server that publishes itself: Direct Integration, already right', async () => {
    const { advice } = await adviceFor(app('single-server'));
    const a = advice.architecture;
    expect(a.current.pattern).toBe('direct');
    expect(a.recommended).toBe('direct');
    expect(a.alreadyRight).toBe(true);
    expect(a.verdict.text).toMatch(/^Keep Direct Integration/);
    expect(holding(advice, 'direct')).toEqual(['single-publisher', 'connections-small']);
    expect(a.migration).toEqual([]);
    // Already right: the report still says what to watch.
    expect(a.watch.length).toBeGreaterThan(0);
  });

  it('a tree with no Pusher in it says there is no integration to classify, instead of "0 publishing sites"', async () => {
    const none = await adviceFor(tempProject({ 'package.json': '{ "name": "shop" }\n', 'src/server.js': "const express = require('express');\nexpress().listen(3000);\n" }));
    expect(none.advice.architecture.current.reasons.map((r) => r.id)).toEqual(['current.none']);
    const clientOnly = await adviceFor(
      tempProject({ 'package.json': '{ "name": "shop" }\n', 'src/live.js': "import Pusher from 'pusher-js';\nexport const pusher = new Pusher(import.meta.env.VITE_PUSHER_KEY, { cluster: 'eu' });\n" }),
    );
    expect(clientOnly.advice.architecture.current.reasons.map((r) => r.id)).toEqual(['current.direct']);
    const { advice } = await adviceFor(app('single-server'));
    expect(advice.architecture.current.reasons.map((r) => r.id)).toEqual(['current.direct']);
  });

  it('without usage data the verdict says what it assumed, and which signals rest on the assumption', async () => {
    const { advice } = await adviceFor(app('single-server'));
    expect(advice.inputs.usage).toBe('none');
    expect(advice.architecture.assumptions.map((m) => m.id)).toContain('assume.no-usage');
    const assumed = advice.architecture.assumptions.find((m) => m.id === 'assume.no-usage')!;
    // Startup's 500 connections: the plan catalogue (pusher-facts.md §1.1), not a made-up figure.
    expect(assumed.text).toBe("No usage data was given: peak connections are assumed within Startup's 500 and steady, and no bursts; run with --usage to replace the assumption with measurements.");
    const small = signal(advice, 'direct', 'connections-small');
    expect(small).toMatchObject({ assumed: true, strength: 1, threshold: 500 });
    expect(signal(advice, 'event-bus', 'connections-high')).toMatchObject({ assumed: true, strength: 0 });
  });

  it('a growing app whose forecast crosses Pro: Event Bus instead of the rate-limited server it runs', async () => {
    const without = await adviceFor(app('live-scores'));
    // Without usage the same code gets the small-app verdict; the usage export is what moves it.
    expect(without.advice.architecture.recommended).toBe('direct');

    const { advice } = await adviceFor(app('live-scores'), growthCsv());
    const a = advice.architecture;
    expect(advice.inputs.usage).toBe('csv');
    expect(a.assumptions.map((m) => m.id)).not.toContain('assume.no-usage');
    // express-rate-limit app-wide: in front of both channel auth and publishing.
    expect(a.current.pattern).toBe('gateway');
    expect(a.recommended).toBe('event-bus');
    expect(holding(advice, 'event-bus')).toEqual(expect.arrayContaining(['connections-high', 'n-plus-one']));
    const high = signal(advice, 'event-bus', 'connections-high');
    expect(high.assumed).toBe(false);
    expect(high.value).toBeGreaterThan(2_000);
    expect(high.evidence.map((e) => e.ref)).toContain('recommendation.required.connections');
    // Publishing once per follower and once per live match: the loops in the route and the cron job.
    expect(evidenceFiles(advice, 'event-bus', 'n-plus-one')).toEqual(['src/jobs/clock.js', 'src/routes/match-events.js']);
    expect(a.migration.map((m) => m.id)).toContain('event-bus.publisher');
  });

  it('three services each calling Pusher: Event Bus, with one publisher holding the secret', async () => {
    const { advice } = await adviceFor(app('many-services'));
    const a = advice.architecture;
    expect(a.current.pattern).toBe('direct');
    expect(a.recommended).toBe('event-bus');
    expect(holding(advice, 'event-bus')).toEqual(['many-publishing-services']);
    expect(a.facts.publishingByPackage.map((p) => p.package)).toEqual(['services/billing', 'services/inventory', 'services/orders']);
    expect(evidenceFiles(advice, 'event-bus', 'many-publishing-services')).toEqual(['services/billing/src/server.ts', 'services/inventory/src/server.ts', 'services/orders/src/server.ts']);
    expect(a.assumptions.map((m) => m.id)).toContain('assume.package-is-service');
    expect(a.migration.map((m) => m.id)).toEqual(['event-bus.queue', 'event-bus.publisher', 'event-bus.credentials']);
  });

  it('Vercel functions that build the SDK client per call: Serverless, with the client hoisted first', async () => {
    const { advice } = await adviceFor(app('serverless-per-call'));
    const a = advice.architecture;
    expect(a.current.pattern).toBe('serverless');
    expect(a.recommended).toBe('serverless');
    expect(holding(advice, 'serverless')).toEqual(['serverless-publishing', 'sdk-per-call']);
    expect(a.facts.sdkInstances.map((s) => [s.location.file, s.lifetime])).toEqual([
      ['api/pusher/auth.ts', 'per-call'],
      ['api/reactions.ts', 'per-call'],
      ['api/standups.ts', 'per-call'],
    ]);
    expect(a.migration[0]!.where.map((w) => w.file)).toEqual(['api/pusher/auth.ts', 'api/reactions.ts', 'api/standups.ts']);
    expect(a.migration[0]!.text.text).toMatch(/once at module scope/);
  });

  it('backend services subscribing with pusher-js in Node: Hybrid Pub/Sub', async () => {
    const { advice } = await adviceFor(app('backend-subscribers'));
    const a = advice.architecture;
    expect(a.current.pattern).toBe('direct');
    expect(a.recommended).toBe('hybrid-pubsub');
    expect(holding(advice, 'hybrid-pubsub')).toEqual(['server-subscribers']);
    expect(evidenceFiles(advice, 'hybrid-pubsub', 'server-subscribers')).toEqual(['services/indexer/src/index.js', 'services/mailer/src/index.js']);
    // The same fact speaks against the plain pattern.
    expect(signal(advice, 'direct', 'server-subscribers').contribution).toBeLessThan(0);
  });

  it('one server client per region on two clusters: Multi-Region Active-Active, already right', async () => {
    const { advice } = await adviceFor(app('multi-cluster'));
    const a = advice.architecture;
    expect(a.current.pattern).toBe('multi-region');
    expect(a.recommended).toBe('multi-region');
    expect(holding(advice, 'multi-region')).toEqual(['several-clusters']);
    expect(a.facts.clusters.map((c) => c.cluster)).toEqual(['eu', 'us2']);
    expect(signal(advice, 'direct', 'several-clusters').contribution).toBeLessThan(0);
  });

  it('static pages loading pusher-js from a CDN, public cache channels: CDN-integrated', async () => {
    const { advice } = await adviceFor(app('cdn-pages'));
    const a = advice.architecture;
    expect(a.current.pattern).toBe('cdn');
    expect(a.recommended).toBe('cdn');
    expect(holding(advice, 'cdn')).toEqual(['cdn-script', 'public-broadcast', 'cache-channels']);
    expect(evidenceFiles(advice, 'cdn', 'cdn-script')).toEqual(['public/district.html', 'public/index.html']);
    // The tags name a version but carry no integrity attribute: the first step says so.
    expect(a.facts.cdnScripts.map((s) => [s.pinned, s.integrity])).toEqual([[true, false], [true, false]]);
    expect(a.migration[0]!.text.text).toMatch(/integrity/);
  });

  it('an auth endpoint that signs anything and a route that relays the request: Gateway', async () => {
    const { advice, report } = await adviceFor(app('weak-auth-relay'));
    const a = advice.architecture;
    expect(a.current.pattern).toBe('direct');
    expect(a.recommended).toBe('gateway');
    expect(holding(advice, 'gateway')).toEqual(['weak-auth', 'relayed-triggers', 'auth-unprotected']);
    // Signals link to the findings that carry them.
    const prints = new Set(report.findings.map((f) => f.fingerprint));
    const linked = signal(advice, 'gateway', 'weak-auth').evidence.filter((e) => e.kind === 'finding');
    expect(linked.length).toBe(1);
    for (const e of linked) expect(prints.has(e.ref)).toBe(true);
    // One publishing call relays both its channel and its event: one site, not two.
    expect(signal(advice, 'gateway', 'relayed-triggers').value).toBe(1);
    expect(a.migration.map((m) => m.id)).toEqual(expect.arrayContaining(['gateway.rate-limit-auth', 'gateway.fix-auth', 'gateway.stop-relay']));
  });
});
