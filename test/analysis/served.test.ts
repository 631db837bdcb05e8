import { describe, expect, it } from 'vitest';
import { unservedRoute } from '../../src/analysis/served.js';
import type { ImportEdge } from '../../src/inventory/imports.js';

/** A tree of paths (with texts where they matter) and import edges `from → to`. */
function tree(files: Record<string, string>, edges: Array<[string, string]> = []) {
  const importers = new Map<string, ImportEdge[]>();
  for (const [from, to] of edges) importers.set(to, [...(importers.get(to) ?? []), { from, to, specifier: to, typeOnly: false }]);
  const fileByPath = new Map(Object.entries(files).map(([p, text]) => [p, { text }]));
  const matching = (pattern: RegExp) => [...fileByPath].filter(([, f]) => pattern.test(f.text)).map(([path, f]) => ({ path, text: f.text }));
  return { fileByPath, matching, graph: { importers } };
}

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
    const t = tree({ 'package.json': '{}', 'apps/admin/next.config.mjs': '', 'tools/dashboard/src/middleware.ts': '' });
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
  });
});
