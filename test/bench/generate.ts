import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mulberry32 } from '../helpers/random.js';

/**
 * A deterministic synthetic monorepo for the benchmark: mostly code that never touches Pusher, the
 * way a product's tree looks, with the traps real trees set for a scanner that decides by text.
 *
 * - `apps/web` (Next.js + React), `apps/api` (Express), `packages/*` (libraries) import each
 *   other along a DAG, so the reachability graph is real work;
 * - a few dozen files use Pusher: a browser client wrapper, components subscribing through it, a
 *   server SDK instance, routes that trigger, an auth endpoint, a Laravel Echo bootstrap, channel
 *   constants and `.env` files (with a couple of planted findings, so the rules have work);
 * - library code that says `echo`, `Event`, `channel`, `trigger`, `key` and `secret` for reasons
 *   of its own (a shell helper, DOM events, MessageChannel, jQuery-style triggers, cache keys, JWT);
 * - a deep import chain (the Pusher wrapper imports its head), and big generated files;
 * - `node_modules`, `dist/` and `.next/` noise, full of Pusher code, that must be ignored.
 *
 * `files` counts the files the scan considers (code, components, config); noise comes on top.
 */

export interface GenerateOptions {
  files: number;
  /** false: the same tree with every Pusher file replaced by ordinary code. */
  pusher?: boolean;
  seed?: number;
}

export interface GeneratedRepo {
  root: string;
  /** Files the scan should consider (written outside the ignored folders). */
  considered: number;
  /** Files written under node_modules, dist and .next. */
  noise: number;
  bytes: number;
  /** Source files that use Pusher directly. */
  pusherFiles: number;
}

const WORDS = ['order', 'invoice', 'customer', 'cart', 'product', 'shipment', 'report', 'account', 'team', 'project', 'ticket', 'comment', 'draft', 'review', 'stock', 'price', 'coupon', 'refund', 'address', 'session'];
const CHAIN_DEPTH = 40;

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

interface Module {
  /** Repo-relative path. */
  path: string;
  /** Specifier other modules of the same package use (relative, extensionless). */
  exportName: string;
}

class Writer {
  considered = 0;
  noise = 0;
  bytes = 0;
  constructor(readonly root: string) {}
  write(path: string, text: string, noise = false): void {
    const abs = join(this.root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    this.bytes += Buffer.byteLength(text);
    if (noise) this.noise++;
    else this.considered++;
  }
}

function relativeSpecifier(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '').split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** Ordinary library code: utilities over the domain words, importing earlier modules. */
function utilModule(path: string, name: string, deps: Module[], r: () => number): string {
  const word = WORDS[Math.floor(r() * WORDS.length)]!;
  const imports = deps.map((d) => `import { ${d.exportName} } from '${relativeSpecifier(path, d.path)}';`).join('\n');
  const uses = deps.map((d) => `  total += ${d.exportName}(items.slice(0, 3)).length;`).join('\n');
  return `${imports}${imports ? '\n\n' : ''}export interface ${cap(name)}Options {
  limit?: number;
  sortBy?: keyof ${cap(word)}Row;
}

export interface ${cap(word)}Row {
  id: string;
  name: string;
  createdAt: string;
  amount: number;
}

/** Filters and sorts ${word} rows for the ${name} view. */
export function ${name}(items: ${cap(word)}Row[], options: ${cap(name)}Options = {}): ${cap(word)}Row[] {
  const limit = options.limit ?? 50;
  let total = 0;
${uses}
  const sorted = [...items].sort((a, b) => (a.amount - b.amount) || a.id.localeCompare(b.id));
  if (total < 0) throw new Error('unreachable');
  return sorted.slice(0, limit);
}

export const ${name}Defaults = Object.freeze({ limit: 50, pageSize: ${10 + Math.floor(r() * 90)} });
`;
}

/** Library code that says echo, Event, channel, trigger, key and secret, none of it about Pusher. */
function confusingModule(name: string, kind: number): string {
  switch (kind % 6) {
    case 0:
      return `import { execFileSync } from 'node:child_process';

/** Runs a shell command, echoing it first the way make does. */
export function ${name}(command: string, args: string[], echo = true): string {
  if (echo) console.log(['echo', command, ...args].join(' '));
  const out = execFileSync(command, args, { encoding: 'utf8' });
  return echo ? out : out.trim();
}

export const ECHO_PREFIX = '+ ';
export class EchoLogger {
  echo(line: string): void {
    process.stdout.write(ECHO_PREFIX + line + '\\n');
  }
}
`;
    case 1:
      return `export type Listener = (event: Event) => void;

/** Dispatches a DOM Event and a CustomEvent with the same name. */
export function ${name}(target: EventTarget, type: string, detail?: unknown): boolean {
  const plain = new Event(type, { bubbles: true });
  target.dispatchEvent(plain);
  return target.dispatchEvent(new CustomEvent(type, { detail }));
}

export function on${cap(name)}(target: EventTarget, type: string, listener: Listener): () => void {
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}
`;
    case 2:
      return `/** Talks to a web worker over a MessageChannel, and to other tabs over a BroadcastChannel. */
export function ${name}(worker: Worker): { channel: MessageChannel; tabs: BroadcastChannel } {
  const channel = new MessageChannel();
  worker.postMessage({ type: 'connect' }, [channel.port2]);
  const tabs = new BroadcastChannel('app-tabs');
  channel.port1.onmessage = (event) => tabs.postMessage(event.data);
  return { channel, tabs };
}

export function closeChannel(channel: MessageChannel): void {
  channel.port1.close();
}
`;
    case 3:
      return `interface Emitter {
  trigger(name: string, ...args: unknown[]): void;
  on(name: string, fn: (...args: unknown[]) => void): void;
}

/** Backbone-style models announce changes with trigger(). */
export function ${name}(model: Emitter, field: string, value: unknown): void {
  model.trigger('change', field, value);
  model.trigger(\`change:\${field}\`, value);
}

export function triggerAll(models: Emitter[], name: string): void {
  for (const m of models) m.trigger(name);
}
`;
    case 4:
      return `const store = new Map<string, { value: unknown; expires: number }>();

/** A small TTL cache: the key is the request, the value its response. */
export function ${name}(key: string, value: unknown, ttlMs = 60_000): void {
  store.set(key, { value, expires: Date.now() + ttlMs });
}

export function cacheKey(parts: Array<string | number>): string {
  return parts.join(':');
}

export function lookup(key: string): unknown {
  const hit = store.get(key);
  return hit && hit.expires > Date.now() ? hit.value : undefined;
}
`;
    default:
      return `import { createHmac } from 'node:crypto';

const secret = process.env.SESSION_SECRET ?? '';

/** Signs a session cookie with the session secret (not a realtime credential). */
export function ${name}(value: string, key = secret): string {
  const mac = createHmac('sha256', key).update(value).digest('base64url');
  return \`\${value}.\${mac}\`;
}

export const jwtConfig = { secret, expiresIn: '1h', apiKey: process.env.MAPS_API_KEY };
`;
  }
}

function componentModule(path: string, name: string, deps: Module[]): string {
  const imports = deps.map((d) => `import { ${d.exportName} } from '${relativeSpecifier(path, d.path)}';`).join('\n');
  return `'use client';
import { useEffect, useMemo, useState } from 'react';
${imports}

export function ${name}({ items }: { items: Array<{ id: string; name: string; createdAt: string; amount: number }> }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const shown = useMemo(() => ${deps[0] ? `${deps[0].exportName}(items)` : 'items'}.filter((i) => i.name.includes(query)), [items, query]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section className="${name.toLowerCase()}">
      <input value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Filter" />
      <button onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'}</button>
      {open && <ul>{shown.map((i) => <li key={i.id}>{i.name}: {i.amount}</li>)}</ul>}
    </section>
  );
}
`;
}

function routeModule(path: string, name: string, deps: Module[]): string {
  const imports = deps.map((d) => `const { ${d.exportName} } = require('${relativeSpecifier(path, d.path)}');`).join('\n');
  return `'use strict';
const express = require('express');
${imports}

const router = express.Router();

router.get('/${name}', async (req, res) => {
  const rows = await req.app.locals.db.query('select * from ${name} limit 50');
  res.json(${deps[0] ? `${deps[0].exportName}(rows)` : 'rows'});
});

router.post('/${name}', async (req, res) => {
  const { id, amount } = req.body;
  if (!id) return res.status(400).json({ error: 'id required' });
  await req.app.locals.db.query('update ${name} set amount = $1 where id = $2', [amount, id]);
  res.status(204).end();
});

module.exports = router;
`;
}

/** A generated API client: long, regular, and well under the 1 MiB limit. */
function generatedModule(index: number, lines: number): string {
  const out: string[] = [`// Code generated by openapi-generator. DO NOT EDIT.`, `/* eslint-disable */`, ''];
  for (let i = 0; out.length < lines; i++) {
    const word = WORDS[i % WORDS.length]!;
    out.push(
      `export interface ${cap(word)}${index}_${i} {`,
      `  id: string;`,
      `  ${word}Name?: string | null;`,
      `  key?: string;`,
      `  channel?: 'email' | 'sms' | 'push';`,
      `  event?: '${word}.created' | '${word}.updated';`,
      `  amount: number;`,
      `}`,
      `export const ${word}${index}_${i}Path = '/v1/${word}s/{id}' as const;`,
    );
  }
  return `${out.join('\n')}\n`;
}

// ---- The Pusher slice ----

function pusherSlice(w: Writer, chainHead: string): number {
  const files: Record<string, string> = {
    'apps/web/lib/realtime/client.ts': `import Pusher from 'pusher-js';
import { bootstrapChain } from '${relativeSpecifier('apps/web/lib/realtime/client.ts', chainHead)}';

bootstrapChain();

let client: Pusher | undefined;

/** One connection per tab, shared by every component. */
export function getPusher(): Pusher {
  client ??= new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, { cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!, forceTLS: true });
  return client;
}
`,
    'apps/web/lib/realtime/channels.ts': `export const ORDERS_CHANNEL = 'orders';
export const ORDER_UPDATED = 'order-updated';
export const userChannel = (id: string) => \`private-user-\${id}\`;
export const roomChannel = (id: string) => \`presence-room-\${id}\`;
`,
    'apps/web/lib/realtime/legacy.ts': `import Pusher from 'pusher-js';

export function legacyClient(): Pusher {
  // Kept for the old kiosk build.
  return new Pusher('0123456789abcdef0123', { cluster: 'eu', forceTLS: false });
}
`,
    'apps/web/lib/pusher-server.ts': `import Pusher from 'pusher';

export const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.NEXT_PUBLIC_PUSHER_KEY!,
  secret: process.env.PUSHER_SECRET!,
  cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
  useTLS: true,
});
`,
    'apps/web/app/api/pusher/auth/route.ts': `import { pusher } from '../../../../lib/pusher-server';
import { getSession } from '../../../../lib/session';

export async function POST(request: Request) {
  const session = await getSession(request);
  if (!session) return new Response('Unauthorized', { status: 401 });
  const form = await request.formData();
  const socketId = String(form.get('socket_id'));
  const channel = String(form.get('channel_name'));
  if (channel !== \`private-user-\${session.userId}\`) return new Response('Forbidden', { status: 403 });
  return Response.json(pusher.authorizeChannel(socketId, channel));
}
`,
    'apps/web/lib/session.ts': `export async function getSession(request: Request): Promise<{ userId: string } | null> {
  const cookie = request.headers.get('cookie') ?? '';
  const m = /sid=([\\w-]+)/.exec(cookie);
  return m ? { userId: m[1]! } : null;
}
`,
    'apps/web/.env.example': `NEXT_PUBLIC_PUSHER_KEY=your-pusher-key
NEXT_PUBLIC_PUSHER_CLUSTER=eu
PUSHER_APP_ID=
PUSHER_SECRET=
`,
    'apps/web/.env.local': `DATABASE_URL=postgres://localhost/app
NEXT_PUBLIC_PUSHER_CLUSTER=eu
`,
    'apps/admin/resources/js/bootstrap.js': `import Echo from 'laravel-echo';
import Pusher from 'pusher-js';

window.Pusher = Pusher;
window.Echo = new Echo({
  broadcaster: 'pusher',
  key: import.meta.env.VITE_PUSHER_APP_KEY,
  cluster: import.meta.env.VITE_PUSHER_APP_CLUSTER,
  forceTLS: true,
});
`,
    'apps/admin/resources/js/orders.js': `export function watchOrders(onUpdate) {
  window.Echo.private('orders').listen('OrderShipped', (e) => onUpdate(e.order));
  return () => window.Echo.leave('orders');
}
`,
    'apps/admin/package.json': JSON.stringify({ name: 'admin', private: true, dependencies: { 'laravel-echo': '^1.16.0', 'pusher-js': '^8.4.0' } }, null, 2),
  };
  const components = 18;
  for (let i = 0; i < components; i++) {
    const word = WORDS[i % WORDS.length]!;
    const path = `apps/web/components/live/Live${cap(word)}${i}.tsx`;
    const leak = i === 3;
    files[path] = `'use client';
import { useEffect, useState } from 'react';
import { getPusher } from '../../lib/realtime/client';
import { ORDER_UPDATED, userChannel } from '../../lib/realtime/channels';

export function Live${cap(word)}${i}({ userId }: { userId: string }) {
  const [last, setLast] = useState<string | null>(null);
  useEffect(() => {
    const pusher = getPusher();
    const channel = pusher.subscribe(userChannel(userId));
    channel.bind(ORDER_UPDATED, (data: { id: string }) => setLast(data.id));
    ${leak ? '' : 'return () => {\n      channel.unbind(ORDER_UPDATED);\n      pusher.unsubscribe(userChannel(userId));\n    };'}
  }, [userId]);
  return <p>Last ${word}: {last ?? '—'}</p>;
}
`;
  }
  const routes = 14;
  for (let i = 0; i < routes; i++) {
    const word = WORDS[(i + 7) % WORDS.length]!;
    files[`apps/web/app/api/${word}s/${i}/route.ts`] = `import { pusher } from '../../../../lib/pusher-server';
import { ORDERS_CHANNEL, ORDER_UPDATED } from '../../../../lib/realtime/channels';

export async function POST(request: Request) {
  const body = await request.json();
  await pusher.trigger(ORDERS_CHANNEL, ORDER_UPDATED, { id: body.id, status: body.status${i === 5 ? ', email: body.email' : ''} });
  return Response.json({ ok: true });
}
`;
  }
  for (const [path, text] of Object.entries(files)) w.write(path, text);
  return components + routes + 6;
}

/** The same slots filled with ordinary code, so the no-Pusher tree has the same shape and size. */
function plainSlice(w: Writer, chainHead: string): number {
  w.write('apps/web/lib/realtime/client.ts', `import { bootstrapChain } from '${relativeSpecifier('apps/web/lib/realtime/client.ts', chainHead)}';\n\nexport function connect(url: string): WebSocket {\n  bootstrapChain();\n  return new WebSocket(url);\n}\n`);
  for (let i = 0; i < 43; i++) {
    w.write(`apps/web/components/live/Poll${i}.tsx`, `'use client';\nimport { useEffect, useState } from 'react';\n\nexport function Poll${i}() {\n  const [n, setN] = useState(0);\n  useEffect(() => {\n    const t = setInterval(() => setN((x) => x + 1), 5000);\n    return () => clearInterval(t);\n  }, []);\n  return <p>{n}</p>;\n}\n`);
  }
  w.write('apps/web/.env.local', 'DATABASE_URL=postgres://localhost/app\nNEXT_PUBLIC_MAPS_KEY=abc\n');
  return 0;
}

function noise(w: Writer, pusher: boolean): void {
  const pusherJs = `/*! Pusher JavaScript Library v8.4.0 */\n(function (root, factory) {\n  root.Pusher = factory();\n})(this, function () {\n  function Pusher(key, options) {\n    this.key = key;\n    this.options = options || {};\n  }\n  Pusher.prototype.subscribe = function (name) { return { bind: function () {} }; };\n  return Pusher;\n});\n`;
  const server = `const Pusher = require('pusher');\nconst pusher = new Pusher({ appId: '123456', key: 'abcdefabcdefabcdefab', secret: 'fedcbafedcbafedcbafe', cluster: 'eu', useTLS: false });\nmodule.exports = pusher;\n`;
  for (let i = 0; i < 40; i++) {
    w.write(`node_modules/pusher-js/src/core/module${i}.js`, pusherJs, true);
    w.write(`node_modules/lodash/fp/fn${i}.js`, `module.exports = function fn${i}(a, b) { return a + b; };\n`, true);
    w.write(`node_modules/@types/pusher-js/index${i}.d.ts`, `export declare class Pusher { constructor(key: string); }\n`, true);
  }
  w.write('node_modules/pusher/lib/pusher.js', server, true);
  w.write('node_modules/pusher/package.json', JSON.stringify({ name: 'pusher', version: '5.3.4' }), true);
  w.write('packages/ui/node_modules/laravel-echo/dist/echo.js', `export default class Echo { constructor(options) { this.options = options; } }\n`, true);
  for (let i = 0; i < 20; i++) {
    w.write(`apps/web/.next/server/chunks/${i}.js`, pusher ? server : 'module.exports = {};\n', true);
    w.write(`packages/core/dist/index${i}.js`, server, true);
  }
}

export function generateRepo(root: string, options: GenerateOptions): GeneratedRepo {
  const r = mulberry32(options.seed ?? 1);
  const withPusher = options.pusher ?? true;
  const w = new Writer(root);

  w.write('package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }, null, 2));
  w.write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, jsx: 'preserve', module: 'esnext', moduleResolution: 'bundler' } }, null, 2));
  w.write('.gitignore', 'node_modules/\ndist/\n.next/\n');
  w.write('docker-compose.yml', 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n');
  w.write('apps/web/package.json', JSON.stringify({ name: 'web', private: true, dependencies: withPusher ? { next: '15.0.0', react: '19.0.0', 'pusher-js': '^8.4.0', pusher: '^5.3.4' } : { next: '15.0.0', react: '19.0.0' } }, null, 2));
  w.write('apps/api/package.json', JSON.stringify({ name: 'api', private: true, dependencies: { express: '^5.0.0' } }, null, 2));

  // The deep chain: each step imports the next; the realtime client imports its head.
  const chain: string[] = [];
  for (let i = 0; i < CHAIN_DEPTH; i++) chain.push(`packages/core/src/chain/step${i}.ts`);
  chain.forEach((path, i) => {
    const next = chain[i + 1];
    const name = i === 0 ? 'bootstrapChain' : `step${i}`;
    w.write(path, `${next ? `import { step${i + 1} } from '${relativeSpecifier(path, next)}';\n\n` : ''}export function ${name}(): number {\n  return ${next ? `step${i + 1}() + 1` : '0'};\n}\n`);
  });

  const pusherFiles = withPusher ? pusherSlice(w, chain[0]!) : plainSlice(w, chain[0]!);
  noise(w, withPusher);

  const generated = Math.max(1, Math.round(options.files / 2500));
  for (let i = 0; i < generated; i++) w.write(`packages/api-client/src/generated/schema${i}.ts`, generatedModule(i, 9000));

  // The rest: libraries, components, routes and some config, in proportions of a product monorepo.
  const packages = Math.max(4, Math.round(options.files / 400));
  const libs: Module[][] = Array.from({ length: packages }, () => []);
  const components: Module[] = [];
  let n = 0;
  while (w.considered < options.files) {
    const roll = r();
    const pkg = Math.floor(r() * packages);
    const dir = `packages/lib${pkg}/src/m${Math.floor(libs[pkg]!.length / 50)}`;
    const pickDeps = (pool: Module[], max: number): Module[] => {
      const out: Module[] = [];
      for (let k = 0, want = Math.floor(r() * (max + 1)); k < want && pool.length > 0; k++) {
        const d = pool[Math.floor(r() * pool.length)]!;
        if (!out.includes(d)) out.push(d);
      }
      return out;
    };
    n++;
    if (roll < 0.45) {
      const name = `${WORDS[n % WORDS.length]}Util${n}`;
      const ext = r() < 0.2 ? 'js' : 'ts';
      const path = `${dir}/${name}.${ext}`;
      w.write(path, utilModule(path, name, pickDeps(libs[pkg]!, 3), r));
      libs[pkg]!.push({ path, exportName: name });
    } else if (roll < 0.55) {
      const name = `helper${n}`;
      const path = `${dir}/support/${name}.ts`;
      w.write(path, confusingModule(name, n));
      libs[pkg]!.push({ path, exportName: name });
    } else if (roll < 0.8) {
      const name = `${cap(WORDS[n % WORDS.length]!)}Panel${n}`;
      const path = `apps/web/components/c${Math.floor(components.length / 80)}/${name}.tsx`;
      const deps = pickDeps(libs[pkg]!, 2).concat(pickDeps(components, 1));
      w.write(path, componentModule(path, name, deps));
      components.push({ path, exportName: name });
    } else if (roll < 0.95) {
      const name = `${WORDS[n % WORDS.length]}${n}`;
      const path = `apps/api/src/routes/r${Math.floor(n / 100)}/${name}.cjs`;
      w.write(path, routeModule(path, name, pickDeps(libs[pkg]!, 2)));
    } else if (roll < 0.98) {
      w.write(`apps/web/locales/l${n}.json`, JSON.stringify({ title: `Title ${n}`, channel: 'Notification channel', key: `k${n}`, event: 'Event' }, null, 2));
    } else {
      w.write(`packages/lib${pkg}/config/c${n}.yml`, `name: lib${pkg}\nretries: 3\nkey: value-${n}\nchannel: stable\n`);
    }
  }
  return { root, considered: w.considered, noise: w.noise, bytes: w.bytes, pusherFiles };
}
