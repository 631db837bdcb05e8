import { escapeRegExp } from '../core/regexp.js';
import type { ImportGraph } from '../inventory/imports.js';
import { importedLocal, rendersJsxUnconditionally } from './jsx-mounts.js';
import { rendersOnlyUnconditionally, scriptsOnly } from './markup.js';
import { globalRegistrations, onlyPagesRender, SCRIPT_FILE, type SourceFiles } from './vue-globals.js';

/**
 * Which component files can be on screen at the same time, from the import graph and the
 * frameworks' file conventions. A component is rendered by the page or layout that imports it
 * (directly or through other components and barrels); a layout wraps the pages beneath its folder
 * (Next, SvelteKit) or the whole app (`App.*`, `_app`, Nuxt layouts), so what it renders stays
 * mounted while those pages come and go. Two components reached only from different pages never
 * mount together: a route change unmounts one before the other mounts. A file nothing imports and
 * no convention mounts is not rendered at all.
 */

/** Files a router mounts as a whole page. */
const PAGE = /(^|\/)(app\/(.+\/)?page\.[cm]?[jt]sx?|pages\/(?!api\/|_app\.|_document\.).+\.([cm]?[jt]sx?|vue)|\+page\.svelte)$/;
/** Layouts that wrap the pages in and below their folder. */
const FOLDER_LAYOUT = /(^|\/)(app\/(.+\/)?layout\.[cm]?[jt]sx?|\+layout\.svelte)$/;
/** React components: `.jsx`/`.tsx`, and `.js`/`.ts`, which CRA and Vite projects write JSX in. */
const JSX_FILE = /\.[cm]?[jt]sx?$/;
/** Roots that wrap every page of their app. */
const APP_ROOT = /(^|\/)(pages\/_app\.[cm]?[jt]sx?|layouts\/.+\.vue|[Aa]pp\.(vue|svelte|[cm]?[jt]sx?))$/;

/** A file a framework mounts by its path: a page, a layout or an app root. */
export function isRenderRoot(file: string): boolean {
  return PAGE.test(file) || FOLDER_LAYOUT.test(file) || APP_ROOT.test(file);
}

/** How far up the importers a component is followed: past this, the chain says nothing reliable. */
const MAX_VISITED = 400;

interface Scope {
  pages: Set<string>;
  layouts: Set<string>;
}

export class RenderScopes {
  private readonly scopes = new Map<string, Scope>();

  constructor(
    private readonly graph: ImportGraph,
    private readonly packageOf: (file: string) => string,
  ) {}

  /** Whether a and b (repo-relative paths) can be mounted at the same time. */
  together(a: string, b: string): boolean {
    const sa = this.scopeOf(a);
    const sb = this.scopeOf(b);
    if ([...sa.pages].some((p) => sb.pages.has(p)) || [...sa.layouts].some((l) => sb.layouts.has(l))) return true;
    return this.wraps(sa, sb) || this.wraps(sb, sa);
  }

  /** Whether a layout above one component wraps a page (or layout) that renders the other. */
  private wraps(outer: Scope, inner: Scope): boolean {
    const targets = [...inner.pages, ...inner.layouts];
    return [...outer.layouts].some((layout) => targets.some((t) => t !== layout && this.layoutWraps(layout, t)));
  }

  private layoutWraps(layout: string, target: string): boolean {
    if (APP_ROOT.test(layout)) return this.packageOf(layout) === this.packageOf(target);
    const dir = layout.slice(0, layout.lastIndexOf('/') + 1);
    return target.startsWith(dir);
  }

  /** The pages and layouts that render a file, following importers up to the first page or layout. */
  private scopeOf(file: string): Scope {
    const known = this.scopes.get(file);
    if (known) return known;
    const scope: Scope = { pages: new Set(), layouts: new Set() };
    const seen = new Set([file]);
    const queue = [file];
    while (queue.length > 0 && seen.size <= MAX_VISITED) {
      const f = queue.shift()!;
      if (PAGE.test(f)) {
        scope.pages.add(f);
        continue;
      }
      if (FOLDER_LAYOUT.test(f) || APP_ROOT.test(f)) {
        scope.layouts.add(f);
        continue;
      }
      for (const edge of this.graph.importers.get(f) ?? []) {
        if (edge.typeOnly || seen.has(edge.from)) continue;
        seen.add(edge.from);
        queue.push(edge.from);
      }
    }
    this.scopes.set(file, scope);
    return scope;
  }
}

/** Files that are an app's root component (`App.svelte`, `App.vue`, `pages/_app`, Nuxt layouts). */
export function isAppRoot(file: string): boolean {
  return APP_ROOT.test(file);
}

/**
 * Whether a component (.vue, .svelte, or a React one where the caller can parse it) lives as long
 * as the app: every module that imports it is an app root, or such a component itself, and renders
 * it with no condition or loop around it (markup.ts; jsx-mounts.ts for JSX), or is the page's entry script registering it globally for the server-rendered
 * pages that alone use it, and never toggle it (vue-globals.ts). It mounts once, with the app,
 * and never unmounts, so nothing of its own piles up.
 */
export function mountedWithApp(file: string, graph: ImportGraph, files: SourceFiles, depth = 0): boolean {
  const jsx = JSX_FILE.test(file) && files.sourceOf !== undefined;
  if ((!/\.(vue|svelte)$/.test(file) && !jsx) || depth > 3) return false;
  const importers = (graph.importers.get(file) ?? []).filter((e) => !e.typeOnly);
  if (importers.length === 0) return false;
  return importers.every((edge) => {
    if (jsx) {
      if (!isAppRoot(edge.from) && !mountedWithApp(edge.from, graph, files, depth + 1)) return false;
      const sf = files.sourceOf!(edge.from);
      const local = sf ? importedLocal(sf, edge.specifier) : undefined;
      return local !== undefined && rendersJsxUnconditionally(sf!, local);
    }
    const text = files.textOf(edge.from);
    if (text === undefined) return false;
    if (file.endsWith('.vue') && SCRIPT_FILE.test(edge.from)) {
      const tags = globalRegistrations(text, edge.specifier);
      if (tags !== undefined) return onlyPagesRender(tags, file, edge.from, files);
    }
    if (!isAppRoot(edge.from) && !mountedWithApp(edge.from, graph, files, depth + 1)) return false;
    const importStatement = new RegExp(`\\bimport\\s+([A-Za-z_$][\\w$]*)\\s+from\\s*['"]${escapeRegExp(edge.specifier)}['"]`);
    const local = importStatement.exec(text)?.[1];
    if (local === undefined || !rendersOnlyUnconditionally(text, local)) return false;
    // A script use (`new Local({ target })`, a routes table) mounts it some other way.
    const scripts = scriptsOnly(text).replace(importStatement, '');
    return !new RegExp(`(?<![\\w$.])${escapeRegExp(local)}(?![\\w$])`).test(scripts);
  });
}
