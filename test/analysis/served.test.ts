import { describe, expect, it } from 'vitest';
import { unservedRoute } from '../../src/analysis/served.js';
import type { ImportEdge } from '../../src/inventory/imports.js';

/** A tree of paths (with texts where they matter) and import edges `from → to`. */
function tree(files: Record<string, string>, edges: Array<[string, string]> = []) {
  const importers = new Map<string, ImportEdge[]>();
  for (const [from, to] of edges) importers.set(to, [...(importers.get(to) ?? []), { from, to, specifier: to, typeOnly: false }]);
  return { fileByPath: new Map(Object.entries(files).map(([p, text]) => [p, { text }])), graph: { importers } };
}

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
});
