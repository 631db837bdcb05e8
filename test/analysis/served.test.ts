import { describe, expect, it } from 'vitest';
import { unservedRoute } from '../../src/analysis/served.js';
import type { ImportEdge } from '../../src/inventory/imports.js';
import type { DiscoveredFile } from '../../src/discovery/types.js';
import { ModuleResolver } from '../../src/inventory/resolve.js';

/** A tree of paths (with texts where they matter) and import edges `from → to`. */
function tree(files: Record<string, string>, edges: Array<[string, string]> = []) {
  const importers = new Map<string, ImportEdge[]>();
  for (const [from, to] of edges) importers.set(to, [...(importers.get(to) ?? []), { from, to, specifier: to, typeOnly: false }]);
  const fileByPath = new Map(Object.entries(files).map(([p, text]) => [p, { text }]));
  const matching = (pattern: RegExp) => [...fileByPath].filter(([, f]) => pattern.test(f.text)).map(([path, f]) => ({ path, text: f.text }));
  // The scan's own answer to "which package is this file in".
  const resolver = new ModuleResolver(Object.entries(files).map(([path, text]) => ({ path, text }) as DiscoveredFile));
  return { fileByPath, matching, graph: { importers }, packageOf: (file: string) => resolver.packageOf(file) };
}

const NEXT_MANIFEST = JSON.stringify({ dependencies: { next: '14.2.3', react: '^18' } });
const ROUTER = "const express = require('express');\nconst router = express.Router();\nrouter.post('/pusher/auth', handler);\nmodule.exports = router;\n";
const TS_ROUTER = "import { Router } from 'express';\nconst router = Router();\nexport default router;\n";
const APP = "const express = require('express');\nconst app = express();\napp.use('/', require('./routes/index'));\napp.listen(3000);\n";

describe('unservedRoute', () => {
  it('serves SvelteKit route files only from an app\'s src/routes, wherever the app sits', () => {
    const t = tree({ 'package.json': '{}', 'apps/web/package.json': '{}' });
    expect(unservedRoute('src/routes/api/x/+server.ts', t)).toBeUndefined();
    expect(unservedRoute('apps/web/src/routes/+page.server.js', t)).toBeUndefined();
    expect(unservedRoute('_backup/routes/api/x/+server.js', t)).toMatch(/src\/routes/);
    expect(unservedRoute('routes/api/x/+layout.server.ts', t)).toMatch(/src\/routes/);
  });

  it('makes no judgement when svelte.config moves the routes folder, or when a module imports the file', () => {
    expect(unservedRoute('app/routes/api/+server.ts', tree({ 'svelte.config.js': "export default { kit: { files: { routes: 'app/routes' } } };" }))).toBeUndefined();
    expect(unservedRoute('lib/api/+server.ts', tree({ 'package.json': '{}' }, [['src/routes/api/+server.ts', 'lib/api/+server.ts']]))).toBeUndefined();
  });

  it('serves Next.js API routes in an app root: a package.json, next.config or middleware beside pages/ or app/ (or their src/)', () => {
    const t = tree({ 'package.json': NEXT_MANIFEST, 'apps/admin/next.config.mjs': '', 'tools/dashboard/src/middleware.ts': '' });
    expect(unservedRoute('pages/api/pusher/auth.ts', t)).toBeUndefined();
    expect(unservedRoute('src/app/api/pusher/route.ts', t)).toBeUndefined();
    expect(unservedRoute('apps/admin/app/api/x/route.ts', t)).toBeUndefined();
    expect(unservedRoute('tools/dashboard/src/pages/api/x.ts', t)).toBeUndefined();
    expect(unservedRoute('old-site/pages/api/pusher/auth.ts', t)).toMatch(/`old-site\/` has no package\.json/);
    // A fragment of a tree, without any package.json: where the app starts is unknown.
    expect(unservedRoute('old-site/pages/api/pusher/auth.ts', tree({}))).toBeUndefined();
    // Not a route file at all.
    expect(unservedRoute('old-site/lib/pusher.ts', t)).toBeUndefined();
  });

  it('serves none of a Next-style folder in a package that does not depend on next (a CRA or Express app keeping one)', () => {
    const cra = tree({ 'package.json': JSON.stringify({ dependencies: { react: '^18.2.0', express: '^4.18.2' } }), 'next.config.js': 'module.exports = {};' });
    expect(unservedRoute('pages/api/pusher/auth.js', cra)).toMatch(/`package\.json` does not depend on `next`/);
    // next in the workspace root counts for a package that leaves it to the root.
    const workspace = tree({ 'package.json': NEXT_MANIFEST, 'apps/web/package.json': JSON.stringify({ name: 'web' }) });
    expect(unservedRoute('apps/web/pages/api/pusher/auth.ts', workspace)).toBeUndefined();
    // A package.json that is not JSON says nothing.
    expect(unservedRoute('pages/api/pusher/auth.js', tree({ 'package.json': '{ broken' }))).toBeUndefined();
  });

  it('runs only the App Router\'s convention files under app/: a pages-style handler there that nothing imports is unserved', () => {
    const t = tree({ 'package.json': NEXT_MANIFEST });
    expect(unservedRoute('src/app/api/pusher/auth.ts', t)).toMatch(/convention files/);
    expect(unservedRoute('src/app/api/pusher/route.ts', t)).toBeUndefined();
    expect(unservedRoute('app/(chat)/page.tsx', t)).toBeUndefined();
    expect(unservedRoute('app/lib/pusher.ts', tree({ 'package.json': NEXT_MANIFEST }, [['app/api/x/route.ts', 'app/lib/pusher.ts']]))).toBeUndefined();
    // An `app/` folder of a package that is no Next.js app (Express's app/routes, a Nuxt app/) is not judged.
    expect(unservedRoute('app/routes/auth.js', tree({ 'package.json': JSON.stringify({ dependencies: { express: '^4.18.2' } }) }))).toBeUndefined();
  });

  it('calls an Express router unmounted only where the app mounts its other routers by import', () => {
    const files = { 'package.json': '{}', 'app.js': APP, 'routes/index.js': ROUTER, 'routes/legacy-auth.js': ROUTER };
    const mounted: Array<[string, string]> = [['app.js', 'routes/index.js']];
    expect(unservedRoute('routes/legacy-auth.js', tree(files, mounted))).toMatch(/no module imports this one/);
    expect(unservedRoute('routes/index.js', tree(files, mounted))).toBeUndefined();
    // ESM and TypeScript routers count the same.
    expect(unservedRoute('src/routes/old.ts', tree({ ...files, 'src/routes/old.ts': TS_ROUTER }, mounted))).toMatch(/Express router/);
    // No other router is imported: how this tree mounts routers is not shown (a fragment, or a framework that loads them).
    expect(unservedRoute('routes/legacy-auth.js', tree(files))).toBeUndefined();
    // Without a package.json the tree is a fragment.
    const { 'package.json': _manifest, ...fragment } = files;
    expect(unservedRoute('routes/legacy-auth.js', tree(fragment, mounted))).toBeUndefined();
    // Routes loaded by a computed path may include it.
    const loader = { ...files, 'app.js': `${APP}for (const f of fs.readdirSync(dir)) app.use(require(path.join(dir, f)));\n` };
    expect(unservedRoute('routes/legacy-auth.js', tree(loader, mounted))).toBeUndefined();
    // The app itself, which uses a router it makes, is no router module.
    expect(unservedRoute('server.js', tree({ ...files, 'server.js': `${APP}const r = express.Router();\nmodule.exports = app;\n` }, mounted))).toBeUndefined();
    // Another package of the tree mounting its routers by import says nothing of this package's.
    const two = { 'package.json': '{}', 'api/package.json': '{}', 'api/app.js': APP, 'api/routes/index.js': ROUTER, 'legacy/package.json': '{}', 'legacy/routes/chat.js': ROUTER };
    expect(unservedRoute('legacy/routes/chat.js', tree(two, [['api/app.js', 'api/routes/index.js']]))).toBeUndefined();
  });

  it('serves no handler-shaped module in the src/ of a Create React App or Vue CLI package that nothing imports', () => {
    const handler = "import { pusher } from '../../lib/pusher';\nexport default async function handler(req, res) {\n  await pusher.trigger('chat', 'message', req.body);\n}\n";
    const cra = JSON.stringify({ dependencies: { react: '^18', 'react-scripts': '5.0.1', 'pusher-js': '^8' } });
    const t = tree({ 'web/package.json': cra, 'web/src/apis/send.js': handler, 'web/api/send.js': handler, 'web/src/setupProxy.js': 'module.exports = (app) => app.use((req, res, next) => next());' });
    expect(unservedRoute('web/src/apis/send.js', t)).toMatch(/`web\/package\.json` builds a browser app with `react-scripts`/);
    // Vercel serves a root api/ folder in any project; CRA's dev server loads src/setupProxy itself.
    expect(unservedRoute('web/api/send.js', t)).toBeUndefined();
    expect(unservedRoute('web/src/setupProxy.js', t)).toBeUndefined();
    // Imported, it runs where its importer does; with a server dependency the package may serve it.
    expect(unservedRoute('web/src/apis/send.js', tree({ 'web/package.json': cra, 'web/src/apis/send.js': handler }, [['web/src/App.js', 'web/src/apis/send.js']]))).toBeUndefined();
    const withServer = JSON.stringify({ dependencies: { 'react-scripts': '5.0.1', express: '^4' } });
    expect(unservedRoute('src/apis/send.js', tree({ 'package.json': withServer, 'src/apis/send.js': handler }))).toBeUndefined();
    expect(unservedRoute('src/apis/send.js', tree({ 'package.json': JSON.stringify({ dependencies: { '@vue/cli-service': '^5' } }), 'src/apis/send.js': handler }))).toMatch(/@vue\/cli-service/);
  });
});
