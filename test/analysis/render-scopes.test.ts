import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import type { ImportEdge, ImportGraph } from '../../src/inventory/imports.js';
import { mountedWithApp, RenderScopes } from '../../src/analysis/render-scopes.js';

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

describe('mountedWithApp', () => {
  const svelteApp = (markup: string, script = '') =>
    `<script>\n  import ChatBox from './ChatBox.svelte';\n  ${script}\n</script>\n\n${markup}\n`;
  const judge = (files: Record<string, string>, edges: string[], file = 'src/ChatBox.svelte') => {
    const g = graph(edges);
    // The test graph names the specifier after the path; the app imports it relatively.
    for (const list of g.importers.values()) for (const e of list) e.specifier = `./${e.to!.split('/').pop()}`;
    return mountedWithApp(file, g, { textOf: (f) => files[f], paths: () => Object.keys(files) });
  };

  it('holds for a component an app root renders with no condition around it', () => {
    expect(judge({ 'src/App.svelte': svelteApp('<Name />\n<ChatBox />') }, ['src/App.svelte -> src/ChatBox.svelte'])).toBe(true);
    expect(judge({ 'src/App.svelte': svelteApp('<main><ChatBox></ChatBox></main>') }, ['src/App.svelte -> src/ChatBox.svelte'])).toBe(true);
  });

  it('fails inside a block or v-if, when mounted dynamically, outside an app root, or with no importer', () => {
    const root = ['src/App.svelte -> src/ChatBox.svelte'];
    expect(judge({ 'src/App.svelte': svelteApp('{#if open}\n  <ChatBox />\n{/if}') }, root)).toBe(false);
    expect(judge({ 'src/App.svelte': svelteApp('{#each rooms as r}<ChatBox />{/each}') }, root)).toBe(false);
    expect(judge({ 'src/App.svelte': svelteApp('<svelte:component this={ChatBox} />') }, root)).toBe(false);
    expect(judge({ 'src/App.svelte': svelteApp('<ChatBox />', "const routes = { '/chat': ChatBox };") }, root)).toBe(false);
    expect(judge({ 'src/Room.svelte': svelteApp('<ChatBox />') }, ['src/Room.svelte -> src/ChatBox.svelte'])).toBe(false);
    expect(judge({}, [])).toBe(false);
    const vue = (markup: string) => `<template>${markup}</template>\n<script setup>\nimport ChatBox from './ChatBox.vue';\n</script>\n`;
    const vueRoot = ['src/App.vue -> src/ChatBox.vue'];
    expect(judge({ 'src/App.vue': vue('<section v-if="user"><chat-box /></section>') }, vueRoot, 'src/ChatBox.vue')).toBe(false);
    expect(judge({ 'src/App.vue': vue('<section><chat-box /></section>') }, vueRoot, 'src/ChatBox.vue')).toBe(true);
  });

  it('holds for a component the page entry registers globally for server-rendered pages only', () => {
    const entry = "Vue.component('chat-box', require('./ChatBox.vue').default);\nnew Vue({ el: '#app' });\n";
    const page = { 'resources/views/chat.blade.php': '<div id="app"><chat-box></chat-box></div>' };
    const edges = ['resources/js/app.js -> resources/js/ChatBox.vue'];
    expect(judge({ 'resources/js/app.js': entry, ...page }, edges, 'resources/js/ChatBox.vue')).toBe(true);
    // No page of the tree uses it: it may sit in a list the page's root renders.
    expect(judge({ 'resources/js/app.js': entry }, edges, 'resources/js/ChatBox.vue')).toBe(false);
    // A router page imports it too, and leaving the route unmounts it.
    const routes = "import ChatBox from './ChatBox.vue';\nexport default [{ path: '/chat', component: ChatBox }];\n";
    expect(judge({ 'resources/js/app.js': entry, 'resources/js/routes.js': routes, ...page }, [...edges, 'resources/js/routes.js -> resources/js/ChatBox.vue'], 'resources/js/ChatBox.vue')).toBe(false);
  });
});

describe('mountedWithApp for React components', () => {
  const judge = (root: string, rootFile = 'pages/_app.tsx', jsx = true) => {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { jsx: 4, allowJs: true } });
    const sf = project.createSourceFile(rootFile, root);
    const g = graph([`${rootFile} -> components/Layout.tsx`]);
    for (const list of g.importers.values()) for (const e of list) e.specifier = '../components/Layout';
    const files = { textOf: (f: string) => (f === rootFile ? root : undefined), paths: () => [rootFile] };
    return mountedWithApp('components/Layout.tsx', g, jsx ? { ...files, sourceOf: (f) => (f === rootFile ? sf : undefined) } : files);
  };
  const app = (body: string, head = '') =>
    `import Layout from '../components/Layout';
${head}
export default function MyApp({ Component, pageProps }) {
${body}
}
`;

  it('holds for a layout the app root always returns around the page', () => {
    expect(judge(app('  return (\n    <Provider>\n      <Layout>\n        <Component {...pageProps} />\n      </Layout>\n    </Provider>\n  );'))).toBe(true);
    expect(judge("import Layout from '../components/Layout';\nconst App = () => <Layout><Main /></Layout>;\nexport default App;\n", 'src/App.jsx')).toBe(true);
  });

  it('fails under a condition, as an element prop, after an early return, outside a root, or without a parser', () => {
    expect(judge(app('  return <>{session && <Layout><Component /></Layout>}</>;'))).toBe(false);
    expect(judge(app('  return session ? <Layout><Component /></Layout> : <SignIn />;'))).toBe(false);
    expect(judge(app('  return <Routes><Route path="/" element={<Layout />} /></Routes>;'))).toBe(false);
    expect(judge(app('  if (!ready) return null;\n  return <Layout><Component /></Layout>;'))).toBe(false);
    expect(judge(app('  return <Layout><Component /></Layout>;', 'const pages = [Layout];'))).toBe(false);
    expect(judge(app('  return <Layout><Component /></Layout>;'), 'components/Page.tsx')).toBe(false);
    expect(judge(app('  return <Layout><Component /></Layout>;'), 'pages/_app.tsx', false)).toBe(false);
  });
});
