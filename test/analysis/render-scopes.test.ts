import { describe, expect, it } from 'vitest';
import type { ImportEdge, ImportGraph } from '../../src/inventory/imports.js';
import { RenderScopes } from '../../src/analysis/render-scopes.js';

/** An import graph from `importer -> imported` pairs (`~` marks a type-only import). */
function graph(pairs: string[]): ImportGraph {
  const imports = new Map<string, ImportEdge[]>();
  const importers = new Map<string, ImportEdge[]>();
  for (const pair of pairs) {
    const typeOnly = pair.includes('~>');
    const [from, to] = pair.split(/\s*~?-?>\s*/) as [string, string];
    const edge: ImportEdge = { from, to, specifier: to, typeOnly };
    imports.set(from, [...(imports.get(from) ?? []), edge]);
    importers.set(to, [...(importers.get(to) ?? []), edge]);
  }
  return { imports, importers };
}

const onePackage = (): string => '';

describe('RenderScopes', () => {
  it('a component in the root layout is mounted with every page below it, through barrels', () => {
    const scopes = new RenderScopes(
      graph(['app/layout.tsx -> components/Watcher.tsx', 'app/account/layout.tsx -> components/index.ts', 'components/index.ts -> components/Unread.tsx', 'app/account/deals/[id]/page.tsx -> components/DealPanel.tsx']),
      onePackage,
    );
    expect(scopes.together('components/Watcher.tsx', 'components/DealPanel.tsx')).toBe(true);
    expect(scopes.together('components/Unread.tsx', 'components/DealPanel.tsx')).toBe(true);
    expect(scopes.together('components/Watcher.tsx', 'components/Unread.tsx')).toBe(true);
  });

  it('a nested layout wraps only the pages in its folder', () => {
    const scopes = new RenderScopes(graph(['app/admin/layout.tsx -> components/AdminBar.tsx', 'app/shop/page.tsx -> components/Cart.tsx']), onePackage);
    expect(scopes.together('components/AdminBar.tsx', 'components/Cart.tsx')).toBe(false);
  });

  it('components of two different pages hand the channel over on navigation', () => {
    const scopes = new RenderScopes(graph(['app/dashboard/page.tsx -> components/Stats.tsx', 'app/map/page.tsx -> components/LiveMap.tsx']), onePackage);
    expect(scopes.together('components/Stats.tsx', 'components/LiveMap.tsx')).toBe(false);
  });

  it('siblings on one page are mounted together', () => {
    const scopes = new RenderScopes(graph(['pages/orders.jsx -> components/Timeline.jsx', 'pages/orders.jsx -> components/Chat.jsx']), onePackage);
    expect(scopes.together('components/Timeline.jsx', 'components/Chat.jsx')).toBe(true);
  });

  it('a file nothing imports and no convention mounts is never rendered', () => {
    const scopes = new RenderScopes(graph(['app/layout.tsx -> components/Watcher.tsx']), onePackage);
    expect(scopes.together('components/Watcher.tsx', 'components/Orphan.tsx')).toBe(false);
  });

  it('a type-only import renders nothing', () => {
    const scopes = new RenderScopes(graph(['app/layout.tsx ~> components/Types.tsx', 'app/page.tsx -> components/Feed.tsx']), onePackage);
    expect(scopes.together('components/Types.tsx', 'components/Feed.tsx')).toBe(false);
  });

  it('App wraps the pages of its own package only', () => {
    const packageOf = (file: string): string => file.split('/')[0]!;
    const scopes = new RenderScopes(graph(['web/src/App.tsx -> web/src/Shell.tsx', 'web/src/pages/Home.tsx -> web/src/Feed.tsx', 'admin/src/pages/Home.tsx -> admin/src/Feed.tsx']), packageOf);
    expect(scopes.together('web/src/Shell.tsx', 'web/src/Feed.tsx')).toBe(true);
    expect(scopes.together('web/src/Shell.tsx', 'admin/src/Feed.tsx')).toBe(false);
  });
});
