import type { DiscoveredFile } from '../discovery/types.js';
import { isServerTemplate } from '../discovery/extract.js';

/**
 * Which runtime a file's code runs in, for judgements that hold per running app rather than per
 * file: its package (the folder of the nearest package.json), and for an HTML page the page
 * itself, since each page loads its own scripts and clients on two pages never coexist.
 */
export function runtimeOf(packageOf: (file: string) => string, file: string): string {
  const page = file.endsWith('.html') || file.endsWith('.htm') ? `|${file}` : '';
  return `${packageOf(file)}${page}`;
}

/**
 * What a browser build needs: a bundler (a bare `import 'pusher-js'` reaches a page only through
 * one) or a framework that brings its own. Any of them in a package.json leaves its code to the
 * file-level signals.
 */
const BROWSER_TOOLCHAIN = [
  /^(webpack|vite|parcel|rollup|esbuild|browserify|snowpack|laravel-mix|react-scripts|gatsby|astro|metro|electron|turbopack)$/,
  /^@(vitejs|rsbuild|rspack|remix-run|angular|vue|sveltejs|nuxt|ionic|capacitor|react-native|expo|parcel)\//,
  /^(next|nuxt|vue|svelte|react-dom|react-native|expo|preact|solid-js|lit|quasar|ember-source|jquery|alpinejs)$/,
];

/** A long-running Node process: an HTTP framework, a database or queue client. */
const NODE_SERVICE = [
  /^(express|fastify|koa|hono|restify|@hapi\/hapi|@nestjs\/core)$/,
  /^(pg|mysql2?|mongodb|mongoose|sequelize|typeorm|knex|@prisma\/client|ioredis|redis)$/,
  /^(bullmq|bull|bee-queue|amqplib|kafkajs|agenda|node-cron|@aws-sdk\/client-sqs)$/,
];

export interface NodePackage {
  /** The package folder ('' for the scan root). */
  dir: string;
  /** The dependency that says it is a Node service, for the reason shown to the user. */
  runsOn: string;
}

/**
 * Packages whose code runs only in Node: their package.json names a Node service dependency, no
 * browser toolchain and no `browser` field, and they hold no HTML page. There `pusher-js`
 * resolves to its Node build (its package.json `main` is `dist/node/pusher.js`; only bundlers
 * read `browser`), so importing it says nothing about a browser.
 */
export function nodeOnlyPackages(files: readonly DiscoveredFile[], packageOf: (file: string) => string): Map<string, NodePackage> {
  // A server-rendered template says the package is a Node server with views, not a browser build.
  const withHtml = new Set(files.filter((f) => f.kind === 'html' && !isServerTemplate(f.path)).map((f) => packageOf(f.path)));
  const out = new Map<string, NodePackage>();
  for (const f of files) {
    if (f.path !== 'package.json' && !f.path.endsWith('/package.json')) continue;
    const dir = f.path === 'package.json' ? '' : f.path.slice(0, -'/package.json'.length);
    if (withHtml.has(dir)) continue;
    const deps = dependencyNames(f.text);
    if (deps === undefined) continue;
    if (deps.some((d) => BROWSER_TOOLCHAIN.some((r) => r.test(d)))) continue;
    const runsOn = deps.find((d) => NODE_SERVICE.some((r) => r.test(d)));
    if (runsOn !== undefined) out.set(dir, { dir, runsOn });
  }
  return out;
}

/** Every dependency a package.json declares; undefined when it does not parse or has a `browser` field. */
function dependencyNames(text: string): string[] | undefined {
  const record = parsePackage(text);
  return record === undefined || 'browser' in record ? undefined : dependenciesOf(record);
}

/** Every dependency a package.json declares; undefined when it does not parse. */
export function declaredDependencies(text: string): string[] | undefined {
  const record = parsePackage(text);
  return record === undefined ? undefined : dependenciesOf(record);
}

function parsePackage(text: string): Record<string, unknown> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

function dependenciesOf(record: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = record[field];
    if (typeof deps === 'object' && deps !== null) names.push(...Object.keys(deps));
  }
  return names;
}
