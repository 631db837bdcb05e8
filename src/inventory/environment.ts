import type { DiscoveredFile } from '../discovery/types.js';
import { isServerTemplate } from '../discovery/extract.js';
import type { ImportGraph } from './imports.js';
import { lexFile, Signal, type FileLex, type Lexer } from './lexed.js';
import type { FileEnvironment } from './types.js';
import { nodeOnlyPackages, type NodePackage } from './runtime.js';

/**
 * Where each file runs, decided from what it says about itself (directives, imports, framework
 * file conventions) and then from the import graph: a module imported by client code ships to the
 * browser, unless the import is type-only.
 */

interface Signals {
  client: string[];
  server: string[];
  test: string[];
  build: string[];
  reactNative: boolean;
  /**
   * The module's code never ships: `'use server'` makes it an RPC boundary, and the bundlers refuse
   * `server-only` and SvelteKit's private `$env` modules in client code, whatever else the file imports.
   */
  neverShips: boolean;
}

const CLIENT_MODULES = [
  /^pusher-js(\/(?!node)|$)/,
  /^laravel-echo$/,
  /^@harelpls\/use-pusher(\/react-native)?$/,
  /^@pusher\/pusher-websocket-react-native$/,
  /^vue-pusher$/,
  /^react-dom(\/|$)/,
  /^react-native(\/|$)/,
  /^expo(-|\/|$)/,
  /^@react-navigation\//,
  /^vue$/,
  /^@angular\/(core|common|router|forms|platform-browser)/,
  /^vue-router$/,
  /^pinia$/,
  /^svelte(\/|$)/,
  /^\$app\//,
  /^\$env\/(static|dynamic)\/public$/,
  /^next\/(navigation|router|link|image)$/,
  /^swr$/,
  /^@tanstack\/react-query$/,
];
const SERVER_MODULES = [
  /^pusher$/,
  /^nestjs-pusher$/,
  /^pusher-js\/node$/,
  /^express$/,
  /^fastify$/,
  /^koa(\/|$)/,
  /^@nestjs\//,
  /^@hapi\//,
  /^hono(\/|$)/,
  /^next\/server$/,
  /^next\/headers$/,
  /^@sveltejs\/kit\/node/,
  /^node:/,
  /^(fs|path|http|https|crypto|child_process|os|net|cluster|worker_threads)$/,
  /^@prisma\/client$/,
  /^mongoose$/,
  /^typeorm$/,
  /^sequelize$/,
  /^pg$/,
  /^mysql2?$/,
  /^firebase-admin(\/|$)/,
  /^firebase-functions(\/|$)/,
  /^aws-lambda$/,
  /^@aws-sdk\//,
  /^h3$/,
  /^#imports$/,
];
const TEST_MODULES = [/^vitest$/, /^@jest\/globals$/, /^jest$/, /^mocha$/, /^chai$/, /^@testing-library\//, /^supertest$/, /^pusher-js-mock$/, /^@playwright\/test$/, /^cypress$/];

function pathSignals(path: string, s: Signals): void {
  const p = `/${path}`;
  const base = path.slice(path.lastIndexOf('/') + 1);
  // Test-runner setup files (`jest.setup.js`, CRA's `setupTests.ts`) mock the SDK for every test; they never ship.
  if (/\.(test|spec|e2e|stories)\.[cm]?[jt]sx?$/.test(base) || /\/(__tests__|__mocks__|tests?|e2e|cypress|playwright)\//.test(p) ||
      /^((jest|vitest)[.-]setup([.-][\w-]+)?|setup-?tests?|test-?setup)\.[cm]?[jt]sx?$/i.test(base)) {
    s.test.push(`test file (${path})`);
  }
  if (/^(vite|webpack|rollup|next|nuxt|svelte|astro|babel|jest|vitest|eslint|postcss|tailwind|playwright|metro|gatsby-config|gatsby-node|tsup|esbuild)\.config\.[cm]?[jt]s$/.test(base) ||
      /^(gulpfile|Gruntfile)\.[cm]?[jt]s$/.test(base) || /\/(scripts|bin|tools)\//.test(p)) {
    s.build.push(`build or tooling script (${path})`);
  }
  if (/\/pages\/api\//.test(p) || /\/app\/(.+\/)?route\.[cm]?[jt]s$/.test(p)) s.server.push('Next.js API route');
  if (/\+(server|page\.server|layout\.server)\.[jt]s$/.test(base) || /^hooks\.server\.[jt]s$/.test(base) || /\/lib\/server\//.test(p)) {
    s.server.push('SvelteKit server module');
  }
  if (/\.server\.[cm]?[jt]sx?$/.test(base)) s.server.push('`.server` module');
  if (/^\/(src\/)?server\//.test(p) && /\/server\/(api|routes|middleware|plugins)\//.test(p)) s.server.push('Nuxt server route');
  if (/\/(functions|netlify\/functions|api|server|backend|lambda)\//.test(p) && !/\/(components|pages|app)\//.test(p)) {
    s.server.push(`server directory (${path})`);
  }
  if (/\.(vue|svelte)$/.test(base)) s.client.push(`${base.endsWith('.vue') ? 'Vue' : 'Svelte'} component`);
  if (/\.html?$/.test(base)) s.client.push('HTML page');
  if (isServerTemplate(base)) s.client.push('server-rendered page template');
  if (/\+page\.svelte$|\+layout\.svelte$/.test(base)) s.client.push('SvelteKit page');
  if (/\/pages\//.test(p) && !/\/pages\/api\//.test(p) && /\.[jt]sx$/.test(base)) s.client.push('Next.js page (rendered in the browser too)');
}

/** pusher-js's own entry points; in a Node-only package they resolve to its Node build. */
const PUSHER_JS = /^pusher-js(\/(?!node)|$)/;
const REACT_NATIVE_MODULE = /^(react-native|expo|@pusher\/pusher-websocket-react-native)(\/|-|$)|\/react-native$/;
const CLIENT_REFUSED_MODULE = /^server-only$|^\$env\/(static|dynamic)\/private$/;

function textSignals(file: DiscoveredFile, lex: FileLex, graph: ImportGraph, s: Signals, nodePackage: NodePackage | undefined): void {
  for (const edge of graph.imports.get(file.path) ?? []) {
    const { specifier } = edge;
    const pusherInNode = nodePackage !== undefined && PUSHER_JS.test(specifier);
    const client = !pusherInNode && CLIENT_MODULES.some((r) => r.test(specifier));
    const server = SERVER_MODULES.some((r) => r.test(specifier));
    const test = TEST_MODULES.some((r) => r.test(specifier));
    // A library's React Native entry (`pusher-js/react-native`, `@harelpls/use-pusher/react-native`) says the app is one.
    const reactNative = REACT_NATIVE_MODULE.test(specifier);
    const refusedInClient = CLIENT_REFUSED_MODULE.test(specifier);
    // Whether an import is only types may take a parse to settle: ask only of imports that say something.
    if (!(pusherInNode || client || server || test || reactNative || refusedInClient) || edge.typeOnly) continue;
    if (pusherInNode) {
      s.server.push(`imports ${specifier} in a Node package (${nodePackage.dir || 'the root'}: ${nodePackage.runsOn}, no browser build), where it resolves to its Node build`);
    } else if (client) s.client.push(`imports ${specifier}`);
    if (server) s.server.push(`imports ${specifier}`);
    if (test) s.test.push(`imports ${specifier}`);
    if (reactNative) s.reactNative = true;
    if (refusedInClient) {
      s.server.push(`imports ${specifier} (the build refuses it in client code)`);
      s.neverShips = true;
    }
  }
  for (const { signals: bits } of lex) {
    if (bits & Signal.useClient) s.client.push("'use client' directive");
    if (bits & Signal.useServer) {
      s.server.push("'use server' directive");
      s.neverShips = true;
    }
    if (bits & Signal.hooks) s.client.push('uses component lifecycle hooks');
    if (bits & Signal.browserGlobals) s.client.push('uses browser globals');
    if (bits & Signal.clientEnv) s.client.push('reads browser-exposed env vars');
    if (bits & Signal.serverSecretEnv) s.server.push('reads a server-only secret env var');
    if (bits & Signal.routeHandlers) s.server.push('defines HTTP route handlers');
    // Angular's `@Injectable()` services and `@Component`s look the same and run in the browser.
    if (bits & Signal.nestDecorators && !s.client.some((r) => r.startsWith('imports @angular/'))) s.server.push('NestJS decorators');
    if (bits & Signal.serverExport) s.server.push('exports a server handler');
    if (bits & Signal.pusherScriptTag) s.client.push('loads pusher-js from a script tag');
  }
  for (const src of file.scriptSrcs) if (/pusher/i.test(src)) s.client.push(`loads ${src}`);
}

const WEAK_CLIENT_SIGNALS = new Set(['reads browser-exposed env vars']);

function emptySignals(): Signals {
  return { client: [], server: [], test: [], build: [], reactNative: false, neverShips: false };
}

/** `lex` is the graph's lexer, so each file is lexed once for both (and not at all when the cache knows it). */
export function classifyEnvironments(files: readonly DiscoveredFile[], graph: ImportGraph, packageOf: (file: string) => string, lex: Lexer = lexFile): Map<string, FileEnvironment> {
  const nodePackages = nodeOnlyPackages(files, packageOf);
  const signals = new Map<string, Signals>();
  for (const f of files) {
    const s = emptySignals();
    if (f.blocks.length > 0) {
      pathSignals(f.path, s);
      textSignals(f, lex(f), graph, s, nodePackages.get(packageOf(f.path)));
      // Servers read the public key too (NEXT_PUBLIC_PUSHER_KEY for `new Pusher`): alone it says nothing.
      if (s.server.length > 0) s.client = s.client.filter((r) => !WEAK_CLIENT_SIGNALS.has(r));
    }
    signals.set(f.path, s);
  }

  // Client reach: breadth-first from every file with a direct client signal, along value imports.
  const reachedFrom = new Map<string, string>();
  const queue: string[] = [];
  for (const [path, s] of signals) {
    if (s.client.length > 0 && s.test.length === 0 && !s.neverShips && !isServerOnlyByConvention(s)) {
      reachedFrom.set(path, path);
      queue.push(path);
    }
  }
  // An index into the queue, not `shift()`: shifting moves every entry, and on a big tree the
  // queue holds thousands of files, which made this pass grow with the square of the tree.
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    for (const edge of graph.imports.get(from) ?? []) {
      if (!edge.to || reachedFrom.has(edge.to)) continue;
      const target = signals.get(edge.to);
      if (!target || target.neverShips || target.test.length > 0 || edge.typeOnly || edge.serverOnly) continue;
      reachedFrom.set(edge.to, from);
      queue.push(edge.to);
    }
  }

  const serverReach = new Set<string>();
  const squeue: string[] = [];
  for (const [path, s] of signals) {
    if (s.server.length > 0 && s.client.length === 0) {
      serverReach.add(path);
      squeue.push(path);
    }
  }
  for (let head = 0; head < squeue.length; head++) {
    const from = squeue[head]!;
    for (const edge of graph.imports.get(from) ?? []) {
      if (edge.to && !serverReach.has(edge.to)) {
        serverReach.add(edge.to);
        squeue.push(edge.to);
      }
    }
  }

  const out = new Map<string, FileEnvironment>();
  for (const f of files) {
    const s = signals.get(f.path)!;
    out.set(f.path, decide(f.path, s, reachedFrom, serverReach, signals));
  }
  return out;
}

/** Framework files that run only on the server even if they import client-looking modules. */
function isServerOnlyByConvention(s: Signals): boolean {
  return s.server.some((r) => r === 'Next.js API route' || r === 'SvelteKit server module' || r === '`.server` module');
}

function decide(
  path: string,
  s: Signals,
  reachedFrom: Map<string, string>,
  serverReach: Set<string>,
  signals: Map<string, Signals>,
): FileEnvironment {
  if (s.test.length > 0) return { kind: 'test', shipsToClient: false, reasons: s.test.slice(0, 3) };
  if (s.build.length > 0 && s.client.length === 0) return { kind: 'build', shipsToClient: false, reasons: s.build.slice(0, 3) };
  const platform = s.reactNative || chainIsReactNative(path, reachedFrom, signals) ? 'react-native' : 'browser';
  const origin = reachedFrom.get(path);
  if (origin !== undefined) {
    const reasons = origin === path ? [...s.client] : [`imported by client code: ${importChain(path, reachedFrom).join(' ← ')}`];
    if (s.server.length > 0) {
      return { kind: 'shared', platform, shipsToClient: true, reasons: [...reasons, ...s.server].slice(0, 4) };
    }
    return { kind: 'client', platform, shipsToClient: true, reasons: reasons.slice(0, 4) };
  }
  if (s.server.length > 0) return { kind: 'server', shipsToClient: false, reasons: s.server.slice(0, 3) };
  if (serverReach.has(path)) return { kind: 'server', shipsToClient: false, reasons: ['imported only by server code'] };
  return { kind: 'unknown', shipsToClient: false, reasons: [] };
}

function importChain(path: string, reachedFrom: Map<string, string>): string[] {
  const chain = [path];
  let cur = path;
  for (let i = 0; i < 6; i++) {
    const prev = reachedFrom.get(cur);
    if (prev === undefined || prev === cur) break;
    chain.push(prev);
    cur = prev;
  }
  return chain;
}

function chainIsReactNative(path: string, reachedFrom: Map<string, string>, signals: Map<string, Signals>): boolean {
  return importChain(path, reachedFrom).some((p) => signals.get(p)?.reactNative);
}
