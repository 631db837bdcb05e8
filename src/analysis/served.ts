import type { ImportEdge } from '../inventory/imports.js';
import { declaredDependencies } from '../inventory/runtime.js';

/**
 * Route files that no server serves. File-routing frameworks turn a file into an endpoint by its
 * name and folder: SvelteKit serves `+server` and `+page.server` / `+layout.server` files under an
 * app's `src/routes` (unless svelte.config moves that folder), Next.js `pages/api/…` and
 * `app/…/route` under an app's `pages` and `app` folders (or their `src/`). The same file kept in a
 * backup or copied folder (`_backup/routes/api/x/+server.js`, `old/pages/api/x.ts`) has the name
 * but no route: nothing answers requests with it, so its handlers are not endpoints, and a finding
 * that says "anyone who can reach this endpoint" would be about code that never runs. A file that
 * another module imports is never called unserved: it runs when that module does.
 *
 * Express has no file routing: a router module (`express.Router()`, exported) serves requests only
 * once an app `app.use`s it, and that takes importing it. A router module nothing imports is left
 * over (an old route the app stopped mounting) only where the tree shows how it mounts routers: it
 * has a package.json, another router module is imported, and no module loads files by a computed
 * path (`require(path.join(__dirname, 'routes', f))`, which mounts whatever the folder holds).
 *
 * A single-page app's toolchain (Create React App, Vue CLI) serves no handlers at all: a
 * `handler(req, res)` module in its `src/` that nothing imports is a leftover.
 */

const SVELTEKIT_ROUTE = /(^|\/)\+(server|page\.server|layout\.server)\.[cm]?[jt]s$/;
const NEXT_PAGES_API = /^((?:.*\/)?)pages\/api\//;
const NEXT_APP_ROUTE = /^((?:.*\/)?)app\/(?:.+\/)?route\.[cm]?[jt]s$/;
/** Any script under an `app/` folder, with its basename: in a Next.js app only the convention files among them run. */
const NEXT_APP_FILE = /^((?:.*\/)?)app\/(?:.+\/)?([^/]+)\.[cm]?[jt]sx?$/;
/** The App Router's file conventions (and metadata files): what Next.js itself loads from `app/`. */
const NEXT_APP_CONVENTIONS = new Set(['route', 'page', 'layout', 'template', 'loading', 'error', 'global-error', 'not-found', 'forbidden', 'unauthorized', 'default', 'opengraph-image', 'twitter-image', 'icon', 'apple-icon', 'sitemap', 'robots', 'manifest']);
/** Files only an app's root holds (the middleware sits at the root or in `src/`, beside `app` and `pages`). */
const NEXT_CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts'];
const NEXT_ROOT_FILES = ['package.json', ...NEXT_CONFIGS, 'middleware.ts', 'middleware.js', 'src/middleware.ts', 'src/middleware.js'];
const SVELTE_CONFIG = /(^|\/)svelte\.config\.[cm]?[jt]s$/;
const EXPRESS_ROUTER = /\bexpress\s*\.\s*Router\s*\(|\{[^}]*\bRouter\b[^}]*\}\s*(?:=\s*require\s*\(\s*|from\s*)['"]express['"]/;
const EXPRESS_APP = /\bexpress\s*\(\s*\)/;
const MODULE_EXPORT = /\bmodule\.exports\b|\bexports\.[\w$]+\s*=|\bexport\s+(default|const|function|\{)/;
/** `require(…)` or `import(…)` of anything but one string literal. */
const COMPUTED_LOAD = /\b(?:require|import)\s*\(\s*(?!['"][^'"]*['"]\s*\))[^)\s]/;
const SCRIPT = /\.[cm]?[jt]sx?$/;

/** What of the scan's model the check reads (a rule passes `ctx.model`). */
export interface RouteTree {
  fileByPath: ReadonlyMap<string, { text: string }>;
  /** The files whose text matches, as a sweep the cache can check without reading every file. */
  matching(pattern: RegExp): ReadonlyArray<{ path: string; text: string }>;
  graph: { importers: ReadonlyMap<string, readonly ImportEdge[]> };
  /** The folder of the package.json nearest above a file ('' for the scan root): the model's resolver says. */
  packageOf(file: string): string;
}

/** Why the route file at `path` is served by nothing, or undefined when it is, may be, or is no route file. */
export function unservedRoute(path: string, tree: RouteTree): string | undefined {
  if (imported(path, tree)) return undefined;
  if (SVELTEKIT_ROUTE.test(path)) return unservedKitRoute(path, tree);
  const next = NEXT_PAGES_API.exec(path) ?? NEXT_APP_ROUTE.exec(path);
  if (next) return unservedNextRoute(next[1]!, tree);
  const appFile = NEXT_APP_FILE.exec(path);
  if (appFile && !NEXT_APP_CONVENTIONS.has(appFile[2]!) && nextApp(appRootOf(appFile[1]!), tree)) {
    return 'Next.js\'s App Router runs only its convention files (`route`, `page`, `layout`…) under `app/`, and nothing imports this one';
  }
  const text = tree.fileByPath.get(path)?.text;
  if (text !== undefined && isRouterModule(text)) return unmountedRouter(path, tree);
  return text !== undefined ? handlerInBrowserApp(path, text, tree) : undefined;
}

/**
 * The one reason above that holds for the whole package, not by a folder convention: a handler in a
 * single-page app's `src/` that nothing imports never runs on any server. Rules that judge what a
 * server publishes (not whether an endpoint is reachable) skip only this, since an import the graph
 * missed would make a convention-named file look unserved.
 */
export function leftoverHandler(path: string, tree: RouteTree): string | undefined {
  const text = tree.fileByPath.get(path)?.text;
  return text === undefined || imported(path, tree) ? undefined : handlerInBrowserApp(path, text, tree);
}

/** `function handler(req, res)`, `(req, res) =>`: the shape of a request handler. */
const HANDLER = /\(\s*req\b[^()]*,\s*res\b/;
/** Toolchains that only build a single-page browser bundle: nothing they build answers a request. */
const SPA_TOOLCHAIN = /^(react-scripts|@craco\/craco|react-app-rewired|@vue\/cli-service)$/;
/** Dependencies through which the same package could serve a handler after all. */
const SERVES = [
  /^(next|nuxt|gatsby|astro|express|fastify|koa|hono|restify|micro|polka|h3|@hapi\/hapi|serverless|firebase-functions|netlify-lambda|vercel|json-server|http-proxy-middleware)$/,
  /^@(nestjs|sveltejs|remix-run|vercel|netlify|azure|google-cloud|cloudflare|hapi)\//,
];

/**
 * A handler-shaped module under the `src/` of a Create React App or Vue CLI package, which nothing
 * imports: those toolchains bundle `src/` from its entry for the browser and serve no handlers, so
 * a `pages/api`-style file kept there (copied from a tutorial, waiting for a backend) never runs.
 * A package that also depends on a server or functions runtime is left alone.
 */
function handlerInBrowserApp(path: string, text: string, tree: RouteTree): string | undefined {
  if (!HANDLER.test(text)) return undefined;
  const dir = tree.packageOf(path);
  const root = dir === '' ? '' : `${dir}/`;
  const rest = path.slice(root.length);
  if (!rest.startsWith('src/') || /^src\/setupProxy\.[cm]?[jt]s$/.test(rest)) return undefined;
  const deps = dependenciesAt(`${root}package.json`, tree) ?? [];
  const tool = deps.find((d) => SPA_TOOLCHAIN.test(d));
  if (tool === undefined || deps.some((d) => SERVES.some((r) => r.test(d)))) return undefined;
  return `\`${root}package.json\` builds a browser app with \`${tool}\`, which bundles \`src/\` from its entry and serves no request handlers, and nothing imports this file`;
}


function imported(path: string, tree: RouteTree): boolean {
  return (tree.graph.importers.get(path) ?? []).some((edge) => !edge.typeOnly);
}

/** Creates an Express router and exports it, without being the app itself. */
function isRouterModule(text: string): boolean {
  return EXPRESS_ROUTER.test(text) && MODULE_EXPORT.test(text) && !EXPRESS_APP.test(text);
}

function unmountedRouter(path: string, tree: RouteTree): string | undefined {
  if (!factsOf(tree).hasManifest) return undefined;
  const routers = routerFactsOf(tree);
  // Another package of the tree mounting its routers says nothing of how this one mounts its own.
  const pkg = tree.packageOf(path);
  if (routers.computedLoads || !routers.mounted.some((r) => r !== path && tree.packageOf(r) === pkg)) return undefined;
  return 'an Express router serves requests only once the app mounts it, and no module imports this one while the app imports its other routers';
}

/** What the tree says once, for every route file asked about: each question would otherwise walk every file. */
interface TreeFacts {
  /** A svelte.config names its own routes folder (`kit.files.routes`), which is not read: no judgement. */
  kitRoutesMoved: boolean;
  hasManifest: boolean;
}
const factsByTree = new WeakMap<object, TreeFacts>();

/** How the tree mounts Express routers: asked only about a router module, since each is a sweep of every file. */
interface RouterFacts {
  /** Some module loads a file by a computed path: which routers it mounts is unknown. */
  computedLoads: boolean;
  /** Express router modules that a module imports. */
  mounted: string[];
}
const routerFactsByTree = new WeakMap<object, RouterFacts>();

function routerFactsOf(tree: RouteTree): RouterFacts {
  let facts = routerFactsByTree.get(tree.fileByPath);
  if (facts === undefined) {
    facts = {
      computedLoads: tree.matching(COMPUTED_LOAD).some((f) => SCRIPT.test(f.path)),
      mounted: tree
        .matching(EXPRESS_ROUTER)
        .filter((f) => SCRIPT.test(f.path) && isRouterModule(f.text) && imported(f.path, tree))
        .map((f) => f.path),
    };
    routerFactsByTree.set(tree.fileByPath, facts);
  }
  return facts;
}

function factsOf(tree: RouteTree): TreeFacts {
  let facts = factsByTree.get(tree.fileByPath);
  if (facts === undefined) {
    const paths = [...tree.fileByPath.keys()];
    facts = {
      kitRoutesMoved: paths.some((f) => SVELTE_CONFIG.test(f) && /\broutes\b/.test(tree.fileByPath.get(f)!.text)),
      hasManifest: paths.some((f) => f === 'package.json' || f.endsWith('/package.json')),
    };
    factsByTree.set(tree.fileByPath, facts);
  }
  return facts;
}

function unservedKitRoute(path: string, tree: RouteTree): string | undefined {
  if (factsOf(tree).kitRoutesMoved) return undefined;
  const at = path.search(/(^|\/)routes\//);
  const before = at < 0 ? undefined : path.slice(0, at + (path[at] === '/' ? 1 : 0));
  if (before !== undefined && (before === 'src/' || before.endsWith('/src/'))) return undefined;
  return 'SvelteKit serves route files only from an app\'s `src/routes`';
}

/** The folder a Next.js app's `pages`/`app` folder (or its `src/`) sits in. */
function appRootOf(prefix: string): string {
  return prefix === 'src/' ? '' : prefix.endsWith('/src/') ? prefix.slice(0, -'src/'.length) : prefix;
}

function unservedNextRoute(prefix: string, tree: RouteTree): string | undefined {
  const appRoot = appRootOf(prefix);
  // Without any package.json the tree is a fragment, and where the app starts is unknown.
  if (!factsOf(tree).hasManifest) return undefined;
  const manifest = `${appRoot}package.json`;
  // A package that never installs Next.js (a CRA or Express app keeping a Next-style folder) serves none of it.
  if (dependsOnNext(manifest, tree) === false && (appRoot === '' || dependsOnNext('package.json', tree) !== true)) {
    return `Next.js serves \`pages/api\` and \`app/…/route\` files only in a Next.js app, and \`${manifest}\` does not depend on \`next\``;
  }
  if (NEXT_ROOT_FILES.some((f) => tree.fileByPath.has(appRoot + f))) return undefined;
  return `Next.js serves \`pages/api\` and \`app/…/route\` files only in an app's root, and \`${appRoot || './'}\` has no package.json, next.config or middleware`;
}

/** A folder that holds a Next.js app: a next.config, or a package.json that depends on `next`. */
function nextApp(appRoot: string, tree: RouteTree): boolean {
  return NEXT_CONFIGS.some((f) => tree.fileByPath.has(appRoot + f)) || dependsOnNext(`${appRoot}package.json`, tree) === true;
}

/** Per tree, the dependencies of each package.json asked about: every route question would otherwise parse it again. */
const dependenciesByTree = new WeakMap<object, Map<string, string[] | undefined>>();

/** What the package.json at `path` depends on; undefined when there is none or it is not JSON. */
function dependenciesAt(path: string, tree: RouteTree): readonly string[] | undefined {
  let known = dependenciesByTree.get(tree.fileByPath);
  if (known === undefined) dependenciesByTree.set(tree.fileByPath, (known = new Map()));
  if (!known.has(path)) {
    const text = tree.fileByPath.get(path)?.text;
    known.set(path, text === undefined ? undefined : declaredDependencies(text));
  }
  return known.get(path);
}

/** Whether the package.json at `path` lists `next` among its dependencies; undefined when there is none or it is not JSON. */
function dependsOnNext(path: string, tree: RouteTree): boolean | undefined {
  return dependenciesAt(path, tree)?.includes('next');
}
