import { beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/discovery/walk.js';
import { buildScanModel } from '../../src/engine/model.js';
import type { ScanModel } from '../../src/engine/rule.js';
import type { Operation } from '../../src/inventory/types.js';
import { valueOf } from '../../src/inventory/values.js';
import { objectProperties } from '../../src/analysis/ast.js';
import { Project } from 'ts-morph';
import { tempProject } from '../helpers/project.js';

/**
 * The inventory on two small repos written like real apps. Every assertion names the file and
 * line a reader can check by opening the fixture.
 */

async function model(root: string): Promise<ScanModel> {
  const result = buildScanModel(await discoverFiles(root));
  expect(result.errors).toEqual([]);
  return result.model;
}

function opsAt(m: ScanModel, file: string, kind?: string): Operation[] {
  return m.inventory.operations.filter((o) => o.location.file === file && (kind === undefined || o.kind === kind));
}

describe('inventory: webapp (Next.js, Vue, Svelte, HTML, Laravel Echo, NestJS)', () => {
  let m: ScanModel;
  beforeAll(async () => {
    m = await model('test/fixtures/inventory/webapp');
  });

  it('finds every client instance with its library, key source and scope', () => {
    const summary = m.inventory.clients.map((c) => [c.location.file, c.location.line, c.library, c.via, c.key.kind === 'env' ? `env:${c.key.name}` : c.key.kind, c.scope]);
    expect(summary).toEqual([
      ['components/Chat.vue', 14, 'pusher-js', 'import', 'env:VITE_PUSHER_KEY', 'vue-lifecycle'],
      ['components/OrderFeed.tsx', 11, 'pusher-js', 'import', 'env:NEXT_PUBLIC_PUSHER_KEY', 'react-effect'],
      ['public/index.html', 9, 'pusher-js', 'global', 'literal', 'module'],
      ['resources/js/bootstrap.js', 6, 'laravel-echo', 'import', 'env:VITE_PUSHER_APP_KEY', 'module'],
      ['src/routes/chat/+page.svelte', 9, 'pusher-js', 'import', 'env:PUBLIC_PUSHER_KEY', 'svelte-lifecycle'],
    ]);
  });

  it('resolves client options where they are static', () => {
    const feed = m.inventory.clients.find((c) => c.location.file === 'components/OrderFeed.tsx')!;
    expect(feed.options.forceTLS).toEqual({ kind: 'literal', value: true });
    expect(feed.options.channelAuthorization).toEqual({
      kind: 'object',
      properties: { endpoint: { kind: 'literal', value: '/api/pusher/auth' }, transport: { kind: 'literal', value: 'ajax' } },
    });
  });

  it('finds server instances: new Pusher, forURL with credentials redacted, nestjs-pusher', () => {
    const summary = m.inventory.servers.map((s) => [s.location.file, s.library, s.construction]);
    expect(summary).toEqual([
      ['lib/pusher.ts', 'pusher', 'new'],
      ['server/app.module.ts', 'nestjs-pusher', 'module'],
      ['server/legacy.js', 'pusher', 'forURL'],
    ]);
    const lib = m.inventory.servers[0]!;
    expect(lib.options.secret).toEqual({ kind: 'env', name: 'PUSHER_SECRET' });
    expect(lib.options.useTLS).toEqual({ kind: 'literal', value: true });
    const legacy = m.inventory.servers[2]!;
    expect(legacy.options.secret).toEqual({ kind: 'redacted', preview: '9f8e…', length: 20 });
    expect(legacy.options.appId).toEqual({ kind: 'literal', value: '123456' });
    expect(JSON.stringify(legacy.options)).not.toContain('9f8e7d6c5b4a39281706');
    expect(m.secrets.has('9f8e7d6c5b4a39281706')).toBe(true);
  });

  it('traces an instance exported from lib/ into a route, through a re-export', () => {
    const lib = m.inventory.servers[0]!;
    const routeOps = opsAt(m, 'app/api/orders/route.ts');
    expect(routeOps.length).toBeGreaterThan(0);
    expect(new Set(routeOps.map((o) => o.instanceId))).toEqual(new Set([lib.id]));
    const [auth] = opsAt(m, 'app/api/pusher/auth/route.ts', 'authorizeChannel');
    expect(auth?.instanceId).toBe(lib.id);
    expect(auth?.channels[0]).toMatchObject({ name: null, type: 'unknown' });
  });

  it('resolves channel names: imported constant, template with a private prefix, helper function, arrays, cache prefix', () => {
    const triggers = opsAt(m, 'app/api/orders/route.ts', 'trigger').map((o) => o.channels.map((c) => `${c.pattern}|${c.type}${c.cache ? '|cache' : ''}`));
    expect(triggers).toEqual([
      ['orders|public'],
      ['private-user-${body.userId}|private'],
      ['private-user-${userId}|private'],
      ['private-admin|private', 'cache-stats|public|cache'],
      ['${body.channel}|unknown'],
    ]);
    const [withInfo] = opsAt(m, 'app/api/orders/route.ts', 'trigger').filter((o) => o.params.includes('info'));
    expect(withInfo?.location.line).toBe(9);
    const [batch] = opsAt(m, 'app/api/orders/route.ts', 'triggerBatch');
    expect(batch?.channels.map((c) => c.type)).toEqual(['public', 'private-encrypted']);
    const [toUser] = opsAt(m, 'app/api/orders/route.ts', 'sendToUser');
    expect(toUser?.channels[0]).toMatchObject({ pattern: '#server-to-user-${body.userId}', type: 'server-to-user' });
  });

  it('records client operations with channels carried from subscribe to bind and unbind', () => {
    const kinds = opsAt(m, 'components/OrderFeed.tsx').map((o) => [o.kind, o.location.line, o.channels.map((c) => c.name).join(','), o.event?.name ?? '']);
    expect(kinds).toEqual([
      ['subscribe', 16, 'orders', ''],
      ['bind', 17, 'orders', 'order-created'],
      ['connection-bind', 18, '', 'error'],
      ['unbind', 20, 'orders', 'order-created'],
      ['unsubscribe', 21, 'orders', ''],
      ['disconnect', 22, '', ''],
    ]);
    const [sub] = opsAt(m, 'components/OrderFeed.tsx', 'subscribe');
    const [bind] = opsAt(m, 'components/OrderFeed.tsx', 'bind');
    expect(bind?.sourceOperationId).toBe(sub?.id);
  });

  it('reads a Vue SFC, a Svelte component and an HTML page at their original lines', () => {
    expect(opsAt(m, 'components/Chat.vue', 'subscribe')[0]?.channels[0]).toMatchObject({ pattern: 'presence-room-${props.roomId}', type: 'presence' });
    expect(opsAt(m, 'components/Chat.vue', 'subscribe')[0]?.location.line).toBe(15);
    expect(opsAt(m, 'src/routes/chat/+page.svelte', 'subscribe')[0]?.location.line).toBe(10);
    expect(opsAt(m, 'public/index.html', 'bind')[0]).toMatchObject({ location: { line: 11 }, event: { name: 'update' } });
  });

  it('follows Laravel Echo through window.Echo and the global Echo, with channel prefixes Echo adds', () => {
    const subs = opsAt(m, 'resources/js/notifications.js', 'subscribe').map((o) => `${o.channels[0]?.pattern}|${o.channels[0]?.type}`);
    expect(subs).toEqual(['private-orders.${userId}|private', 'presence-chat.1|presence', 'news|public']);
    const listens = opsAt(m, 'resources/js/notifications.js', 'listen').map((o) => [o.location.line, o.event?.name]);
    expect(listens).toEqual([
      [3, 'OrderShipped'],
      [4, 'typing'],
      [6, 'here'],
      [7, '.published'],
    ]);
    const echo = m.inventory.clients.find((c) => c.library === 'laravel-echo')!;
    expect(new Set(opsAt(m, 'resources/js/notifications.js').map((o) => o.instanceId))).toEqual(new Set([echo.id]));
  });

  it('attributes an injected PusherService to the nestjs-pusher module', () => {
    const [op] = opsAt(m, 'server/notifier.service.ts', 'trigger');
    expect(op?.instanceId).toBe(m.inventory.servers[1]!.id);
    expect(op?.channels[0]?.type).toBe('private');
  });

  it('classifies environments, and a type-only import does not make a server module client code', () => {
    const env = (f: string) => m.environments.get(f)!;
    expect(env('components/OrderFeed.tsx')).toMatchObject({ kind: 'client', shipsToClient: true });
    expect(env('lib/channels.ts')).toMatchObject({ kind: 'client', shipsToClient: true });
    expect(env('lib/events.ts')).toMatchObject({ kind: 'server', shipsToClient: false });
    expect(env('lib/pusher.ts')).toMatchObject({ kind: 'server', shipsToClient: false });
    expect(env('app/api/orders/route.ts').kind).toBe('server');
    expect(env('components/Chat.vue').kind).toBe('client');
    expect(env('src/routes/chat/+page.svelte').kind).toBe('client');
    expect(env('public/index.html').kind).toBe('client');
    expect(env('server/notifier.service.ts').kind).toBe('server');
  });

  it('lists the environment variables Pusher options read', () => {
    const names = m.inventory.envVars.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['NEXT_PUBLIC_PUSHER_KEY', 'PUSHER_SECRET', 'VITE_PUSHER_APP_KEY', 'PUBLIC_PUSHER_KEY']));
    expect(m.inventory.envVars.find((e) => e.name === 'PUSHER_SECRET')?.usedBy).toHaveLength(2);
  });
});

describe('inventory: instance tracking patterns', () => {
  let m: ScanModel;
  beforeAll(async () => {
    m = await model('test/fixtures/inventory/patterns');
  });

  it('finds pusher-js (namespace import), use-pusher provider, React Native singleton, vue-pusher plugin and require()d server', () => {
    const summary = m.inventory.clients.map((c) => [c.location.file, c.library, c.via]);
    expect(summary).toEqual([
      ['legacy/main.js', 'vue-pusher', 'plugin'],
      ['mobile/chat.ts', '@pusher/pusher-websocket-react-native', 'singleton'],
      ['src/App.tsx', '@harelpls/use-pusher', 'provider'],
      ['src/Notifier.ts', 'pusher-js', 'import'],
      ['src/realtime.ts', 'pusher-js', 'import'],
    ]);
    expect(m.inventory.servers.map((s) => s.location.file)).toEqual(['legacy/server.js']);
  });

  it('reads React Native options from init() and the provider key from a spread config', () => {
    const rn = m.inventory.clients.find((c) => c.library === '@pusher/pusher-websocket-react-native')!;
    expect(rn.key).toEqual({ kind: 'literal', value: 'a1b2c3d4e5f6a7b8c9d0' });
    expect(rn.options.cluster).toEqual({ kind: 'literal', value: 'eu' });
    const provider = m.inventory.clients.find((c) => c.library === '@harelpls/use-pusher')!;
    expect(provider.key).toEqual({ kind: 'env', name: 'VITE_PUSHER_KEY' });
  });

  it('keeps a literal secret fallback redacted and scrubs it', () => {
    const server = m.inventory.servers[0]!;
    expect(server.options.secret).toEqual({ kind: 'env', name: 'PUSHER_SECRET', fallback: { kind: 'redacted', preview: '0123…', length: 20 } });
    expect(m.secrets.has('0123456789abcdef0123')).toBe(true);
  });

  it('traces a lazily created singleton through a factory and a useRef', () => {
    const realtime = m.inventory.clients.find((c) => c.location.file === 'src/realtime.ts')!;
    const ops = opsAt(m, 'src/useOrders.tsx').map((o) => [o.kind, o.instanceId, o.channels[0]?.type]);
    expect(ops).toEqual([
      ['subscribe', realtime.id, 'private'],
      ['bind', realtime.id, 'private'],
      ['unbind', realtime.id, 'private'],
      ['unsubscribe', realtime.id, 'private'],
    ]);
  });

  it('traces class fields assigned in the constructor, connection handlers and reconnect calls', () => {
    const notifier = m.inventory.clients.find((c) => c.location.file === 'src/Notifier.ts')!;
    expect(notifier.scope).toBe('class');
    const ops = opsAt(m, 'src/Notifier.ts').map((o) => [o.kind, o.event?.name ?? o.channels[0]?.pattern ?? '', o.instanceId === notifier.id]);
    expect(ops).toEqual([
      ['subscribe', 'notifications-${userId}', true],
      ['bind', 'new', true],
      ['connection-bind', 'state_change', true],
      ['connect', '', true],
    ]);
  });

  it('maps use-pusher hooks and React Native calls to operations', () => {
    expect(opsAt(m, 'src/App.tsx').map((o) => o.kind)).toEqual(['subscribe', 'bind', 'connection-bind']);
    expect(opsAt(m, 'mobile/chat.ts').map((o) => [o.kind, o.channels[0]?.type ?? ''])).toEqual([
      ['connect', ''],
      ['subscribe', 'presence'],
      ['unsubscribe', 'presence'],
    ]);
    expect(opsAt(m, 'legacy/main.js').map((o) => o.kind)).toEqual(['subscribe', 'bind']);
  });

  it('attributes an untyped Pusher-named receiver with the server trigger shape to the only server', () => {
    const ops = opsAt(m, 'legacy/server.js', 'trigger');
    expect(ops.map((o) => [o.location.line, o.channels[0]?.name, o.instanceId])).toEqual([
      [12, null, m.inventory.servers[0]!.id],
      [19, 'announcements', m.inventory.servers[0]!.id],
    ]);
  });

  it('leaves a user-scoped public channel public with its dynamic part named', () => {
    const [op] = opsAt(m, 'legacy/server.js', 'trigger');
    expect(op?.channels[0]).toEqual({ name: null, pattern: 'user-${id}', type: 'public', cache: false, dynamicParts: ['id'] });
  });
});

describe('inventory: value resolution', () => {
  it('resolves a shorthand property `{ key }` to the variable it reads', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    const sf = project.createSourceFile('server.ts', "const key = 'a1b2c3d4e5f6a7b8c9d0';\nconst cluster = 'eu';\nexport const options = { key, cluster, useTLS: true };\n");
    const props = objectProperties(sf.getVariableDeclarationOrThrow('options').getInitializerOrThrow());
    expect(valueOf(props.get('key')!)).toEqual({ kind: 'literal', value: 'a1b2c3d4e5f6a7b8c9d0' });
    expect(valueOf(props.get('cluster')!)).toEqual({ kind: 'literal', value: 'eu' });
  });
});

describe('inventory: credentials outside secret-named options', () => {
  let m: ScanModel;
  beforeAll(async () => {
    m = await model('test/fixtures/inventory/credentials');
  });

  it('redacts the credentials of a forURL default, so the JSON inventory never carries them', () => {
    const [server] = m.inventory.servers;
    expect(server?.options.url).toEqual({
      kind: 'env',
      name: 'PUSHER_URL',
      fallback: { kind: 'literal', value: 'https://278d425bdf160c739803:7ad3…@api-eu.pusher.com/apps/1582204' },
    });
    expect(m.secrets.has('7ad3773142a6692b25b8')).toBe(true);
  });

  it('scrubs URL passwords from code literals and .env files, whatever the variable is called', () => {
    expect(m.secrets.has('a1b2c3d4e5f60718293a')).toBe(true);
    expect(m.secrets.has('8d2f4a6c0e1b3d5f7a9c')).toBe(true);
  });

  it("does not take an env var's name (node-config's custom-environment-variables) for a secret", () => {
    expect(m.secrets.has('PUSHER_SECRET')).toBe(false);
  });
});

describe('inventory: Vue global properties', () => {
  it('traces this.$x to the instance put on Vue.prototype.$x', async () => {
    const m = await model('test/fixtures/inventory/vue-global');
    const [client] = m.inventory.clients;
    expect(client?.location.file).toBe('src/main.js');
    const ops = m.inventory.operations.filter((o) => o.location.file === 'src/App.vue').map((o) => [o.kind, o.instanceId === client?.id]);
    expect(ops).toEqual([
      ['connection-bind', true],
      ['subscribe', true],
      ['bind', true],
    ]);
  });
});

describe('inventory: auto-imported composables', () => {
  it('resolves an undeclared usePusher() to the one exported composable of that name (Nuxt auto-imports)', async () => {
    const m = await model('test/fixtures/inventory/nuxt-auto');
    const [client] = m.inventory.clients;
    expect(client?.location.file).toBe('composables/usePusher.ts');
    const ops = m.inventory.operations.filter((o) => o.location.file === 'pages/board.vue').map((o) => [o.kind, o.channels[0]?.name, o.instanceId === client?.id]);
    expect(ops).toEqual([
      ['subscribe', 'board', true],
      ['bind', 'board', true],
    ]);
  });
});

describe('inventory: two apps in one scan', () => {
  let m: ScanModel;
  beforeAll(async () => {
    m = await model('test/fixtures/inventory/two-apps');
  });

  it("resolves `@/` from the app's own package.json folder, not from the scan root", () => {
    const [sub] = opsAt(m, 'apps/web/components/Feed.tsx', 'subscribe');
    const web = m.inventory.clients.find((c) => c.location.file === 'apps/web/lib/pusher.ts');
    expect(sub?.instanceId).toBe(web?.id);
    expect(m.packageOf('apps/web/components/Feed.tsx')).toBe('apps/web');
    expect(m.packageOf('README.md')).toBe('');
  });

  it("attributes a Pusher-typed parameter to the only client of the caller's package, though another app has one", () => {
    const [sub] = opsAt(m, 'apps/web/hooks/useTicker.ts', 'subscribe');
    const web = m.inventory.clients.find((c) => c.location.file === 'apps/web/lib/pusher.ts');
    expect(sub?.instanceId).toBe(web?.id);
  });

  it('keeps the CDN global `Pusher` global when a script elsewhere sets `Pusher.logToConsole`', () => {
    const page = m.inventory.clients.filter((c) => c.location.file === 'apps/admin/public/index.html');
    expect(page.map((c) => [c.location.line, c.via])).toEqual([[9, 'global']]);
    expect(opsAt(m, 'apps/admin/public/index.html', 'subscribe').map((o) => o.instanceId)).toEqual([page[0]?.id]);
  });
});

describe('inventory: environments from what code does, not what its strings say', () => {
  it('keeps an Express server that sends `window.APP = …` to the browser on the server side', async () => {
    const root = tempProject({
      'package.json': '{ "name": "support", "dependencies": { "express": "4.19.2", "pusher": "5.2.0" } }\n',
      'server.js': "const express = require('express');\nconst { pusher } = require('./lib/pusher');\nconst app = express();\napp.get('/config.js', (req, res) => {\n  res.type('application/javascript').send(`window.APP_CONFIG = ${JSON.stringify({ key: process.env.PUSHER_KEY })};`);\n});\napp.listen(3000);\n",
      'lib/pusher.js': "const Pusher = require('pusher');\nmodule.exports = { pusher: Pusher.forURL(process.env.PUSHER_URL) };\n",
    });
    const m = await model(root);
    expect(m.environments.get('server.js')).toMatchObject({ kind: 'server', shipsToClient: false });
    expect(m.environments.get('lib/pusher.js')).toMatchObject({ kind: 'server', shipsToClient: false });
  });

  it('keeps pusher-js in a Node worker (express, pg, a queue; no bundler, no page) on the server, and in a bundled package on the client', async () => {
    const files = (pkg: string) => ({
      'package.json': pkg,
      'src/config.js': "export const config = { key: process.env.PUSHER_KEY, cluster: 'eu', secret: process.env.PUSHER_SECRET };\n",
      'src/listener.js': "import Pusher from 'pusher-js';\nimport { config } from './config.js';\nexport const client = new Pusher(config.key, { cluster: config.cluster });\nclient.subscribe('private-payouts');\n",
      'src/main.js': "import express from 'express';\nimport { client } from './listener.js';\nconst app = express();\napp.listen(8080);\nprocess.on('SIGTERM', () => client.disconnect());\n",
    });
    const worker = await model(tempProject(files('{ "name": "worker", "dependencies": { "bullmq": "5.7.8", "express": "4.19.2", "pg": "8.11.5", "pusher-js": "8.4.0" } }\n')));
    expect(worker.environments.get('src/listener.js')).toMatchObject({ kind: 'server', shipsToClient: false });
    expect(worker.environments.get('src/listener.js')?.reasons[0]).toContain('Node build');
    expect(worker.environments.get('src/config.js')).toMatchObject({ kind: 'server', shipsToClient: false });
    // The same files with a bundler, a `browser` field or a page: pusher-js is the browser build again.
    for (const pkg of [
      '{ "name": "web", "dependencies": { "express": "4.19.2", "pusher-js": "8.4.0" }, "devDependencies": { "vite": "5.2.0" } }\n',
      '{ "name": "web", "browser": "dist/web.js", "dependencies": { "express": "4.19.2", "pusher-js": "8.4.0" } }\n',
    ]) {
      const web = await model(tempProject(files(pkg)));
      expect(web.environments.get('src/listener.js')).toMatchObject({ kind: 'client', shipsToClient: true });
    }
    const page = await model(tempProject({ ...files('{ "name": "web", "dependencies": { "express": "4.19.2", "pusher-js": "8.4.0" } }\n'), 'public/index.html': '<script type="module" src="/src/listener.js"></script>\n' }));
    expect(page.environments.get('src/listener.js')).toMatchObject({ kind: 'client', shipsToClient: true });
  });

  it("reads React Native's env modules (react-native-config, react-native-dotenv's @env) and use-pusher's react-native entry", async () => {
    const root = tempProject({
      'package.json': '{ "name": "clinic", "dependencies": { "react-native": "0.73.6", "react-native-config": "1.5.1", "@harelpls/use-pusher": "7.2.1", "pusher-js": "8.4.0" } }\n',
      'src/realtime/client.js': "import Config from 'react-native-config';\nimport Pusher from 'pusher-js/react-native';\n\nexport const pusher = new Pusher(Config.PUSHER_KEY, { cluster: Config.PUSHER_CLUSTER });\n",
      'src/App.tsx': "import React from 'react';\nimport { PusherProvider } from '@harelpls/use-pusher/react-native';\nimport { PUSHER_KEY, PUSHER_CLUSTER } from '@env';\n\nexport default function App({ children }: { children: React.ReactNode }) {\n  return <PusherProvider clientKey={PUSHER_KEY} cluster={PUSHER_CLUSTER}>{children}</PusherProvider>;\n}\n",
    });
    const m = await model(root);
    const summary = m.inventory.clients.map((c) => [c.location.file, c.library, c.key.kind === 'env' ? `env:${c.key.name}` : c.key.kind]);
    expect(summary).toEqual([
      ['src/App.tsx', '@harelpls/use-pusher', 'env:PUSHER_KEY'],
      ['src/realtime/client.js', 'pusher-js', 'env:PUSHER_KEY'],
    ]);
    expect(m.environments.get('src/App.tsx')).toMatchObject({ kind: 'client', platform: 'react-native' });
  });

  it('reads an Angular service on the CDN global as browser code with a client, not as a NestJS server', async () => {
    const root = tempProject({
      'package.json': '{ "name": "ng-app", "dependencies": { "@angular/core": "17.3.0" } }\n',
      'src/app/pusher.service.ts': "import { Injectable } from '@angular/core';\n\ndeclare const Pusher: any;\n\n@Injectable({ providedIn: 'root' })\nexport class PusherService {\n  readonly pusher = new Pusher('0f1e2d3c4b5a69788796', { cluster: 'eu' });\n}\n",
    });
    const m = await model(root);
    expect(m.environments.get('src/app/pusher.service.ts')).toMatchObject({ kind: 'client', shipsToClient: true });
    expect(m.inventory.clients.map((c) => [c.location.file, c.location.line, c.via])).toEqual([['src/app/pusher.service.ts', 7, 'global']]);
  });

  it('attributes window.Echo to the Echo of the same app when two apps assign one', async () => {
    const echo = (key: string) => `import Echo from 'laravel-echo';\nimport Pusher from 'pusher-js';\nwindow.Pusher = Pusher;\nwindow.Echo = new Echo({ broadcaster: 'pusher', key: '${key}', cluster: 'eu' });\n`;
    const root = tempProject({
      'shop/package.json': '{ "name": "shop" }\n',
      'shop/resources/js/bootstrap.js': echo('0f1e2d3c4b5a69788796'),
      'shop/resources/js/orders.js': "window.Echo.channel('orders').listen('OrderShipped', () => {});\n",
      'admin/package.json': '{ "name": "admin" }\n',
      'admin/resources/js/bootstrap.js': echo('99887766554433221100'),
    });
    const m = await model(root);
    const shopEcho = m.inventory.clients.find((c) => c.location.file === 'shop/resources/js/bootstrap.js');
    expect(opsAt(m, 'shop/resources/js/orders.js').map((o) => o.instanceId)).toEqual([shopEcho?.id, shopEcho?.id]);
  });

  it('keeps a module that imports SvelteKit private env or `server-only` off the client, whatever else it imports', async () => {
    const root = tempProject({
      'package.json': '{ "name": "queue", "devDependencies": { "@sveltejs/kit": "2.5.0" }, "dependencies": { "pusher": "5.2.0", "pusher-js": "8.4.0" } }\n',
      'src/lib/pusher/server.ts': "import Pusher from 'pusher';\nimport { PUSHER_SECRET } from '$env/static/private';\nimport { PUBLIC_PUSHER_KEY } from '$env/static/public';\nexport const pusher = new Pusher({ appId: '1', key: PUBLIC_PUSHER_KEY, secret: PUSHER_SECRET, cluster: 'eu' });\n",
      'src/lib/pusher/next.ts': "import 'server-only';\nimport Pusher from 'pusher';\nimport { useState } from 'react';\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: process.env.PUSHER_SECRET!, cluster: 'eu' });\nexport { useState };\n",
      'src/lib/pusher/client.ts': "import PusherJs from 'pusher-js';\nimport { PUBLIC_PUSHER_KEY } from '$env/static/public';\nexport const client = new PusherJs(PUBLIC_PUSHER_KEY, { cluster: 'eu' });\n",
    });
    const m = await model(root);
    expect(m.environments.get('src/lib/pusher/server.ts')).toMatchObject({ kind: 'server', shipsToClient: false });
    expect(m.environments.get('src/lib/pusher/next.ts')).toMatchObject({ kind: 'server', shipsToClient: false });
    expect(m.environments.get('src/lib/pusher/client.ts')).toMatchObject({ kind: 'client', shipsToClient: true });
  });

  it('drops an import whose names are only used as types, `type` keyword or not, as TypeScript and SWC do', async () => {
    const root = tempProject({
      'package.json': '{ "name": "auctions", "dependencies": { "next": "15.1.0", "pusher": "5.2.0", "pusher-js": "8.4.0" } }\n',
      'src/lib/realtime/server.ts': "import Pusher from 'pusher';\n\nexport function getPusher() {\n  globalThis.pusher ??= new Pusher({ appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET!, cluster: 'eu', useTLS: true });\n  return globalThis.pusher;\n}\n\ndeclare global {\n  var pusher: Pusher | undefined;\n}\n",
      'src/lib/realtime/bids.ts': "import { getPusher } from './server';\n\nexport interface BidPlaced { auctionId: string; amount: number }\n\nexport async function publishBid(bid: BidPlaced) {\n  await getPusher().trigger(`private-auction-${bid.auctionId}`, 'bid-placed', bid);\n}\n",
      'src/lib/realtime/labels.ts': "export const BID_EVENT = 'bid-placed';\nexport interface Labelled { label: string }\n",
      'src/components/BidFeed.tsx': "'use client';\nimport { useEffect, useState } from 'react';\nimport PusherJs from 'pusher-js';\nimport { BidPlaced } from '@/lib/realtime/bids';\nimport { BID_EVENT, Labelled } from '@/lib/realtime/labels';\n\nexport function BidFeed({ auctionId }: { auctionId: string } & Partial<Labelled>) {\n  const [last, setLast] = useState<BidPlaced | null>(null);\n  useEffect(() => {\n    const client = new PusherJs(process.env.NEXT_PUBLIC_PUSHER_KEY!, { cluster: 'eu' });\n    client.subscribe(`private-auction-${auctionId}`).bind(BID_EVENT, (bid: BidPlaced) => setLast(bid));\n    return () => client.disconnect();\n  }, [auctionId]);\n  return <p>{last?.amount}</p>;\n}\n",
    });
    const m = await model(root);
    expect(m.environments.get('src/lib/realtime/bids.ts')).toMatchObject({ kind: 'unknown', shipsToClient: false });
    expect(m.environments.get('src/lib/realtime/server.ts')).toMatchObject({ kind: 'server', shipsToClient: false });
    // A name used as a value keeps the whole import, the interface beside it included.
    expect(m.environments.get('src/lib/realtime/labels.ts')).toMatchObject({ kind: 'client', shipsToClient: true });
  });
});
