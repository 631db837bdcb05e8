import type { DiscoveredFile } from '../discovery/types.js';

/**
 * Next.js runs `middleware.ts` (renamed `proxy.ts` in Next 16) before every matching route, so an
 * auth route with no session read of its own can still be guarded there: NextAuth's `withAuth` or
 * re-exported middleware, Clerk's `auth.protect()`, or a middleware that answers 401 / redirects
 * to the login page. Read as text (the file need not mention Pusher, so it is not parsed), and
 * only trusted where its `config.matcher` covers the route: a matcher that cannot be read does not
 * count, so an unguarded endpoint is never excused by guesswork.
 */

/**
 * `app/…/route.ts` (with route groups) and `pages/api/…` handlers. `dir` is the folder holding
 * `app/` or `pages/` (`src/` when the project uses it), which is where Next looks for middleware.
 */
const APP_ROUTE = /^(?<dir>(?:.*?\/)?)app\/(?<route>(?:.*\/)?)route\.[cm]?[jt]sx?$/;
const PAGES_ROUTE = /^(?<dir>(?:.*?\/)?)pages\/(?<route>api\/.*?)(?:\/index)?\.[cm]?[jt]sx?$/;
const SCRIPT_EXTS = ['ts', 'js', 'mts', 'mjs'];
const MIDDLEWARE_NAMES = ['middleware', 'proxy'].flatMap((base) => SCRIPT_EXTS.map((ext) => `${base}.${ext}`));

/** Middleware that refuses callers without a session, by library or by its own answer. */
const PROTECTING = [
  /next-auth\/middleware/,
  /\bwithAuth\s*\(/,
  /\.protect\s*\(/, // Clerk: auth.protect() / (await auth()).protect()
  /\bauthMiddleware\s*\(/, // Clerk before v5 protects every matched route by default
];
/**
 * NextAuth v5's `export { auth as middleware } from './auth'` runs the session lookup on every
 * matched route but refuses no one unless the config's `callbacks.authorized` says so.
 */
const NEXTAUTH_V5 = /export\s*\{[^}]*\bauth\s+as\s+(?:middleware|proxy|default)\b[^}]*\}\s*from\s*['"]([^'"]+)['"]/;
const AUTHORIZED_CALLBACK = /\bauthorized\s*(?:\(|:|=)/;
const REFUSES = /status\s*:\s*40[13]\b|\b40[13]\b\s*\)|Unauthori[sz]ed|redirect\([^)]*['"`/](login|signin|sign-in|auth)/;
const CHECKS_SESSION = /session|token|jwt|auth|getUser|currentUser/i;

/** The URL path a Next.js route file serves, or undefined for a file that is not a route. */
export function nextRoutePath(file: string): { dir: string; path: string } | undefined {
  const match = APP_ROUTE.exec(file) ?? PAGES_ROUTE.exec(file);
  if (!match?.groups) return undefined;
  const segments = (match.groups.route ?? '')
    .split('/')
    .filter((s) => s !== '' && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return { dir: match.groups.dir ?? '', path: `/${segments.join('/')}` };
}

/** Whether a Next.js middleware of the route's project requires a session for the route's path. */
export function guardedByNextMiddleware(routeFile: string, fileByPath: ReadonlyMap<string, DiscoveredFile>): boolean {
  const route = nextRoutePath(routeFile);
  if (!route) return false;
  for (const name of MIDDLEWARE_NAMES) {
    const text = fileByPath.get(`${route.dir}${name}`)?.text;
    if (text === undefined) continue;
    const protects = PROTECTING.some((p) => p.test(text)) || (REFUSES.test(text) && CHECKS_SESSION.test(text)) || nextAuthRefuses(text, route.dir, fileByPath);
    if (!protects) return false;
    const matchers = matchersOf(text);
    if (matchers === null) return false;
    const clerkRoutes = clerkProtectedRoutes(text);
    if (clerkRoutes === null) return false;
    return (matchers.length === 0 || matchers.some((m) => matches(m, route.path))) && clerkRoutes(route.path);
  }
  return false;
}

/**
 * Whether a re-exported NextAuth v5 `auth` refuses callers: its config (the module it comes from,
 * or an `auth.config` beside it) defines `authorized`. A config that is not in the tree is
 * trusted, as before this check: the module may live in a package outside the scan.
 */
function nextAuthRefuses(text: string, dir: string, fileByPath: ReadonlyMap<string, DiscoveredFile>): boolean {
  const from = NEXTAUTH_V5.exec(text)?.[1];
  if (from === undefined) return false;
  // `@/auth`, `~/auth` and `./auth` all name a module of the project's source folder (or its root).
  const base = from.replace(/^(?:@|~)\//, '').replace(/^\.\//, '');
  const folders = [...new Set([dir, dir.replace(/src\/$/, '')])];
  const candidates = folders.flatMap((d) => [`${d}${base}`, `${d}${base}/index`, `${d}auth.config`]).flatMap((p) => SCRIPT_EXTS.map((ext) => `${p}.${ext}`));
  const configs = candidates.map((p) => fileByPath.get(p)?.text).filter((t): t is string => t !== undefined);
  return configs.length === 0 || configs.some((t) => AUTHORIZED_CALLBACK.test(t));
}

/**
 * One string literal, escapes included: a matcher is a regular expression, so a `]` of a
 * character class or an escaped quote inside it must not end the list or the string.
 */
const STRING = [`'(?:[^'\\\\\\n]|\\\\.)*'`, `"(?:[^"\\\\\\n]|\\\\.)*"`, '`(?:[^`\\\\$]|\\\\.)*`'].join('|');
const COMMENT = String.raw`\/\/[^\n]*|\/\*[\s\S]*?\*\/`;
/** Blanks and comments between the entries of a list. */
const GAP = String.raw`(?:\s|${COMMENT})*`;
/** A list of string literals, or one string literal. */
const STRINGS = String.raw`\[${GAP}(?:(?:${STRING})${GAP},${GAP})*(?:${STRING})?${GAP},?${GAP}\]|${STRING}`;
const MATCHER = new RegExp(String.raw`\bmatcher\s*:\s*(${STRINGS})`);
const ROUTE_MATCHERS = new RegExp(String.raw`(\w+)\s*=\s*createRouteMatcher\(\s*(${STRINGS})\s*\)`, 'g');
/** Comments are matched too, so that a quote in `// don't match _next` starts no string. */
const LITERALS = new RegExp(`${COMMENT}|(${STRING})`, 'g');

/** The `config.matcher` strings; [] when there is no matcher (every route), null when it is not literal. */
function matchersOf(text: string): string[] | null {
  const found = MATCHER.exec(text);
  if (!found) return /\bmatcher\s*:/.test(text) ? null : [];
  return stringsIn(found[1]!);
}

/** The values of the string literals in source text (`'\\.'` in the file is the regex `\.`). */
function stringsIn(text: string): string[] {
  return [...text.matchAll(LITERALS)].flatMap(([, literal]) => (literal === undefined ? [] : [literal.slice(1, -1).replace(/\\(.)/g, '$1')]));
}

/**
 * Clerk protects only what `auth.protect()` is called for: with `createRouteMatcher`, a route must
 * be in the protected list (or outside a list named public). Returns a path test, or null when
 * the lists cannot be read.
 */
function clerkProtectedRoutes(text: string): ((path: string) => boolean) | null {
  if (!/clerkMiddleware/.test(text) || !/createRouteMatcher/.test(text)) return () => true;
  const lists = [...text.matchAll(ROUTE_MATCHERS)];
  if (lists.length === 0) return null;
  return (path) =>
    lists.some(([, name, list]) => {
      const hit = stringsIn(list!).some((m) => matches(m, path));
      return /public/i.test(name!) ? !hit : hit;
    });
}

/**
 * path-to-regexp as Next.js reads matchers: `/:p*` zero or more segments, `/:p+` one or more,
 * `/:p?` an optional one, `/:p` one; everything else is a regular expression (`/((?!_next).*)`).
 */
function matches(matcher: string, path: string): boolean {
  const source = matcher
    .replace(/\/:\w+\*/g, '(?:/.*)?')
    .replace(/\/:\w+\+/g, '/.+')
    .replace(/\/:\w+\?/g, '(?:/[^/]+)?')
    .replace(/\/:\w+/g, '/[^/]+');
  try {
    return new RegExp(`^${source}$`).test(path);
  } catch {
    return false;
  }
}
