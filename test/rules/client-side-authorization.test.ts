import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/engine/types.js';
import rule from '../../rules/client-side-authorization/index.js';
import credentials from '../../rules/hardcoded-credentials/index.js';
import { markersInDir, matchMarkers } from '../helpers/markers.js';
import { guardedByNextMiddleware, nextRoutePath } from '../../src/analysis/next-middleware.js';
import type { DiscoveredFile } from '../../src/discovery/types.js';

/**
 * What the fixture markers cannot say: severities per case, what each message names, the import
 * chain behind a browser-shipped server SDK, and that no message or snippet carries a whole secret.
 */

const ROOT = 'rules/client-side-authorization/fixtures';
const SECRET = '7ad3773142a6692b25b8';

describe('client-side-authorization on its fixtures', () => {
  let findings: Finding[];
  beforeAll(async () => {
    const result = await scan({ root: ROOT, rules: [rule] });
    expect(result.errors).toEqual([]);
    findings = result.findings;
  });
  const at = (file: string, line: number) => findings.filter((f) => f.file === file && f.line === line);

  it('never prints a whole secret, in messages or snippets', () => {
    for (const f of findings) {
      expect(f.message).not.toContain(SECRET);
      expect(f.snippet).not.toContain(SECRET);
      expect(f.message).not.toContain('c0ffee00d15ea5e0b0a7');
      expect(f.snippet).not.toContain('c0ffee00d15ea5e0b0a7');
    }
    const envLine = at('.env', 13)[0]!;
    expect(envLine.messageId).toBe('publicEnvSecret');
    expect(envLine.snippet).toBe('NEXT_PUBLIC_PUSHER_SECRET=7ad3…');
    expect(envLine.message).toContain('`NEXT_PUBLIC_PUSHER_SECRET`');
    expect(envLine.message).toContain('Next.js');
    expect(envLine.message).toContain('`PUSHER_SECRET`');
  });

  it('reports an id gate once however many tests of the id it combines, and none for a gate that answers 404', () => {
    const line = (file: string, text: string) => readFileSync(join(ROOT, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
    const gate = at('server/express/app.js', line('server/express/app.js', "if (!uid || typeof uid !== 'string')"));
    expect(gate.map((f) => f.messageId)).toEqual(['trustsClientIdentity']);
    expect(gate[0]!.message).toContain('`req.headers[\'x-member-id\']`');
    expect(at('pages/api/pusher/viewer-auth.ts', line('pages/api/pusher/viewer-auth.ts', 'typeof viewerId'))).toEqual([]);
    // The id itself is still taken from the caller, and said where the presence data uses it.
    expect(at('pages/api/pusher/viewer-auth.ts', line('pages/api/pusher/viewer-auth.ts', 'user_id: viewerId')).map((f) => f.messageId)).toEqual(['trustsClientIdentity']);
  });

  it('rates a public-prefixed secret read only by code that does not ship as latent (high), and one read by client code critical', () => {
    const latent = findings.find((f) => f.file === 'pages/api/pusher/announce.ts' && f.messageId === 'publicEnvSecret');
    expect(latent?.severity).toBe('high');
    expect(latent?.message).toContain('`pages/api/pusher/announce.ts` reads it and does not ship to the browser, so the exposure is latent');
    const shipped = findings.find((f) => f.file === 'components/PrivateChat.tsx' && f.messageId === 'publicEnvSecret');
    expect(shipped?.severity).toBe('critical');
    expect(shipped?.message).toContain('and `components/PrivateChat.tsx` is client code');
    expect(shipped?.message).not.toContain('latent');
  });

  it('explains why a server SDK ships, and that Next.js keeps an unprefixed secret out of the bundle', () => {
    const sdk = findings.find((f) => f.messageId === 'serverSdkBundled' && f.file === 'lib/pusher.ts');
    expect(sdk?.severity).toBe('medium');
    expect(sdk?.message).toContain('`lib/pusher.ts`');
    expect(sdk?.message).toContain('read from `PUSHER_SECRET`, which Next.js does not copy into client code');
    const inlined = findings.find((f) => f.file === 'next-env-inline/lib/realtime.ts');
    expect([inlined?.messageId, inlined?.severity]).toEqual(['serverSdkInClient', 'critical']);
  });

  it('folds an unprefixed process.env secret read into the server SDK finding, but not a fallback literal', () => {
    expect(findings.filter((f) => f.file === 'lib/pusher.ts').map((f) => f.messageId)).toEqual(['serverSdkBundled']);
    const fallback = findings.filter((f) => f.file === 'lib/announcer.ts');
    expect(fallback.map((f) => `${f.line} ${f.messageId}`)).toEqual(['5 serverSdkInClient', '10 secretInClient']);
    expect(fallback[1]!.message).toContain('written as a literal');
    expect(JSON.stringify(fallback)).not.toContain('c41e9b07d2f8a3165e0b');
  });

  it('does not report server modules that client code imports only types from, or that import server-only', () => {
    expect(findings.filter((f) => f.file === 'lib/pusher-server.ts' || f.file === 'lib/admin-pusher.ts')).toEqual([]);
  });

  it('rates an endpoint with no checks high and a session-only endpoint medium, and says which check is missing', () => {
    const open = at('server/express/app.js', 22).find((f) => f.messageId === 'signsAnything')!;
    expect(open.severity).toBe('high');
    expect(open.message).toContain('(`req.body.channel_name`)');
    expect(open.message).toContain('without checking who is asking');
    const sessionOnly = at('server/express/app.js', 31).find((f) => f.messageId === 'signsAnything')!;
    expect(sessionOnly.severity).toBe('medium');
    expect(sessionOnly.message).toContain('any logged-in user can join any private or presence channel');
  });

  it('takes no 403 decided with a browser-exposed key for a check of the caller', () => {
    const open = at('app/api/pusher/stamped/route.ts', 15).find((f) => f.messageId === 'signsAnything')!;
    expect(open.severity).toBe('high');
    expect(open.message).toContain('its refusal is decided with `NEXT_PUBLIC_API_STAMP_KEY`, which ships in the browser bundle');
    // The same refusal with a server-only key is a check of who is asking.
    expect(at('app/api/pusher/stamped-server/route.ts', 15).map((f) => [f.messageId, f.severity])).toEqual([['signsAnything', 'medium']]);
  });

  it('takes a check of one family of names, which the rest fall through, for a partial check', () => {
    const partial = at('server/hono/channels.ts', 31).find((f) => f.messageId === 'signsAnything')!;
    expect(partial.severity).toBe('medium');
    expect(partial.message).toContain('after checking the session, and checks the channel only for the names one condition picks');
    // Comparing the owner part of the name with the session is that check, not an identity the caller claims.
    expect(at('server/hono/channels.ts', 26)).toEqual([]);
  });

  it('judges a service method that signs what it is given at the handlers that call it', () => {
    const open = at('server/nest-open/realtime.controller.ts', 17).find((f) => f.messageId === 'signsAnything')!;
    // The guest id is made up, but other endpoints here sign users in: their channels are open to guests, so high.
    expect(open.severity).toBe('high');
    expect(open.message).not.toContain('no account is exposed');
    expect(open.message).toContain('`this.realtime.signPresence` signs the channel the caller asked for (`body.channel_name`) without checking who is asking');
    expect(findings.filter((f) => f.file === 'server/nest-open/pusher.service.ts')).toEqual([]);
  });

  it('does not take a validator middleware for an auth check because of what its schema is called', () => {
    expect(at('server/hono/realtime.ts', 22).map((f) => [f.messageId, f.severity])).toEqual([['signsAnything', 'high']]);
  });

  it('names the presence field and where the request supplied it', () => {
    const userId = at('app/api/pusher/presence/route.ts', 12)[0]!;
    expect(userId.severity).toBe('high');
    expect(userId.message).toContain("Presence `user_id` comes from the request (`form.get('user_id')`)");
    const destructured = at('pages/api/pusher/user-auth.ts', 11)[0]!;
    expect(destructured.message).toContain('(`req.body.user_id`)');
    const decision = at('server/express/app.js', 51)[0]!;
    expect(decision.message).toContain('The access decision on `isAdmin`');
  });

  it('names the hook and the signing call for signatures computed in the browser', () => {
    const echo = findings.find((f) => f.file === 'resources/js/echo.js' && f.messageId === 'clientSigning')!;
    expect(echo.message).toContain('`authorizer`');
    expect(echo.message).toContain('`crypto.subtle.sign`');
    const html = findings.find((f) => f.file === 'public/kiosk.html' && f.messageId === 'clientSigning')!;
    expect(html.message).toContain('`channelAuthorization.customHandler`');
  });

  it('ignores test files, mock secrets included', () => {
    expect(findings.filter((f) => f.file.startsWith('test/'))).toEqual([]);
  });
});

describe('Next.js middleware as the identity check of an auth route', () => {
  const files = (entries: Record<string, string>): Map<string, DiscoveredFile> =>
    new Map(Object.entries(entries).map(([path, text]) => [path, { path, text } as DiscoveredFile]));
  const ROUTE = 'apps/web/src/app/(realtime)/api/pusher/auth/route.ts';

  it('maps route files to the paths they serve', () => {
    expect(nextRoutePath(ROUTE)).toEqual({ dir: 'apps/web/src/', path: '/api/pusher/auth' });
    expect(nextRoutePath('pages/api/pusher/auth/index.ts')).toEqual({ dir: '', path: '/api/pusher/auth' });
    expect(nextRoutePath('pages/api/pusher-auth.js')).toEqual({ dir: '', path: '/api/pusher-auth' });
    expect(nextRoutePath('server/routes/auth.ts')).toBeUndefined();
  });

  it('trusts a protecting middleware only where its matcher covers the route', () => {
    const withAuth = (config: string) => `export { default } from 'next-auth/middleware';\n${config}\n`;
    const guarded = (middleware: Record<string, string>) => guardedByNextMiddleware(ROUTE, files(middleware));
    expect(guarded({ 'apps/web/src/middleware.ts': withAuth('') })).toBe(true);
    expect(guarded({ 'apps/web/src/proxy.ts': withAuth("export const config = { matcher: '/api/:path*' };") })).toBe(true);
    // Next reads middleware beside app/: with src/app, a file in the project root is not middleware.
    expect(guarded({ 'apps/web/middleware.ts': withAuth('') })).toBe(false);
    expect(guarded({ 'apps/web/src/middleware.ts': withAuth("export const config = { matcher: ['/api/pusher/:slug/:action'] };") })).toBe(false);
    expect(guarded({ 'apps/web/src/middleware.ts': withAuth("export const config = { matcher: ['/account/:path*'] };") })).toBe(false);
    // Matchers are regular expressions: a character class or a comment in the list is no end of it.
    const excludingApi = 'export const config = { matcher: [\n  // don\'t run on API routes or files\n  "/((?!api/|_next/|[\\\\w-]+\\\\.\\\\w+).*)",\n] };';
    expect(guarded({ 'apps/web/src/middleware.ts': withAuth(excludingApi) })).toBe(false);
    expect(guardedByNextMiddleware('apps/web/src/app/account/route.ts', files({ 'apps/web/src/middleware.ts': withAuth(excludingApi) }))).toBe(true);
    expect(guarded({ 'apps/web/src/middleware.ts': withAuth("export const config = { matcher: ['/((?!_next|[^?]*\\\\.(?:css|js)).*)', '/(api|trpc)(.*)'] };") })).toBe(true);
    // A matcher built at run time cannot be read, so it excuses nothing.
    expect(guarded({ 'apps/web/src/middleware.ts': withAuth('export const config = { matcher: routes.map(toMatcher) };') })).toBe(false);
    // Middleware that only sets headers protects nothing.
    expect(guarded({ 'apps/web/src/middleware.ts': "export function middleware() { return NextResponse.next({ headers: { 'x-frame-options': 'DENY' } }); }" })).toBe(false);
    // A middleware belongs to its own project, not to another app of the monorepo.
    expect(guarded({ 'apps/admin/src/middleware.ts': withAuth('') })).toBe(false);
  });

  it('trusts a re-exported NextAuth v5 auth only when its config says who is authorized', () => {
    const middleware = { 'apps/web/src/middleware.ts': "export { auth as middleware } from '@/auth';\n" };
    const guarded = (config: Record<string, string>) => guardedByNextMiddleware(ROUTE, files({ ...middleware, ...config }));
    const nextAuth = (callbacks: string) => `import NextAuth from 'next-auth';\nexport const { handlers, auth } = NextAuth({ providers: [], callbacks: { ${callbacks} } });\n`;
    expect(guarded({ 'apps/web/src/auth.ts': nextAuth('authorized({ auth }) { return !!auth; }') })).toBe(true);
    expect(guarded({ 'apps/web/src/auth.ts': nextAuth(''), 'apps/web/src/auth.config.ts': 'export default { callbacks: { authorized: ({ auth }) => !!auth } };' })).toBe(true);
    // Only session and signIn callbacks: the middleware looks the session up and lets everyone through.
    expect(guarded({ 'apps/web/src/auth.ts': nextAuth('session({ session }) { return session; }') })).toBe(false);
    // The config is not in the scanned tree: trusted as before.
    expect(guarded({})).toBe(true);
  });

  it("follows Clerk's protected and public route lists", () => {
    const clerk = (lists: string, body: string) =>
      `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\n${lists}\nexport default clerkMiddleware(async (auth, req) => { ${body} });\n`;
    const guarded = (text: string) => guardedByNextMiddleware(ROUTE, files({ 'apps/web/src/middleware.ts': text }));
    expect(guarded(clerk("const isProtectedRoute = createRouteMatcher(['/api/pusher(.*)']);", 'if (isProtectedRoute(req)) await auth.protect();'))).toBe(true);
    expect(guarded(clerk("const isProtectedRoute = createRouteMatcher(['/dashboard(.*)']);", 'if (isProtectedRoute(req)) await auth.protect();'))).toBe(false);
    expect(guarded(clerk("const isPublicRoute = createRouteMatcher(['/sign-in(.*)', '/api/webhooks(.*)']);", 'if (!isPublicRoute(req)) await auth.protect();'))).toBe(true);
    expect(guarded(clerk("const isPublicRoute = createRouteMatcher(['/api/pusher(.*)']);", 'if (!isPublicRoute(req)) await auth.protect();'))).toBe(false);
    // clerkMiddleware() alone makes the session available but refuses no one.
    expect(guarded(clerk('', ''))).toBe(false);
  });

  it('lowers a guarded route that checks no channel to medium, and leaves an unmatched route high', async () => {
    const result = await scan({ root: `${ROOT}/next-authjs`, rules: [rule] });
    expect(result.findings.map((f) => [f.file, f.messageId, f.severity])).toEqual([
      ['app/api/broadcasting/auth/route.ts', 'signsAnything', 'high'],
      ['app/api/pusher/auth/route.ts', 'signsAnything', 'medium'],
    ]);
  });
});

describe('a server SDK that ships, pointed at a local server', () => {
  it('is medium when it talks to soketi on localhost, with its literal secret part of that one finding', async () => {
    const root = 'test/fixtures/rules/local-soketi';
    const result = await scan({ root, rules: [rule, credentials] });
    expect(result.errors).toEqual([]);
    for (const id of ['client-side-authorization', 'hardcoded-credentials']) expect(matchMarkers(id, markersInDir(root), result.findings).mismatches).toEqual([]);
    const found = result.findings.filter((f) => f.file === 'lib/realtime.ts' && f.severity !== 'info');
    expect(found.map((f) => [f.line, f.messageId, f.severity])).toEqual([[6, 'serverSdkInClient', 'medium']]);
    expect(found[0]!.message).toContain("here only that of a server on the developer's machine");
  });
});

describe('signsAnything weighs what the signature opens', () => {
  const DIR = 'test/fixtures/rules/signs-unused';
  const endpoint = async (project: string) => {
    const root = join(DIR, project);
    const result = await scan({ root, rules: [rule] });
    expect(result.errors).toEqual([]);
    const match = matchMarkers('client-side-authorization', markersInDir(root), result.findings);
    expect(match.mismatches).toEqual([]);
    return result.findings.filter((f) => f.messageId === 'signsAnything');
  };

  it('is low when the client side is here and every channel is public', async () => {
    const [finding, ...rest] = await endpoint('public-only');
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('low');
    expect(finding?.message).toContain('opens nothing yet');
    expect(finding?.message).toContain('remove the endpoint');
  });

  it('stays high after a session check when the clients send client events that change state: the signature lets any user write as a member', async () => {
    const [finding, ...rest] = await endpoint('client-events');
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toContain('after checking the session but not the channel');
    expect(finding?.message).toContain('send the client events members send there (`client-delete-task`, `client-edit-task`)');
  });

  it('is medium for an app with no accounts, whose endpoint makes up each member id', async () => {
    const [finding, ...rest] = await endpoint('guest-game');
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('medium');
    expect(finding?.message).toContain('the member id is made up per request, so no account is exposed');
  });

  it('counts no gate decided only by what the caller names (a wallet address), and counts one on a recovered address', async () => {
    const found = await endpoint('token-gate');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [32, 'high'],
      [44, 'medium'],
    ]);
    expect(found[0]!.message).toContain('without checking who is asking (its refusal turns only on `publicKey`, which the caller sends)');
    expect(found[1]!.message).toContain('after checking the session but not the channel');
  });

  it('stays high when a channel name cannot be read, or when no client is in the scanned code', async () => {
    for (const project of ['named-by-caller', 'api-only']) {
      const found = await endpoint(project);
      expect(found.map((f) => f.severity), project).toEqual(['high']);
      expect(found[0]!.message).not.toContain('opens nothing yet');
    }
  });
});

describe('auth endpoints that nothing serves', () => {
  const DIR = 'test/fixtures/rules/unserved-next';
  const findingsOf = async (project: string) => {
    const root = join(DIR, project);
    const result = await scan({ root, rules: [rule] });
    expect(result.errors).toEqual([]);
    const match = matchMarkers('client-side-authorization', markersInDir(root), result.findings);
    expect(match.mismatches).toEqual([]);
    return result.findings;
  };

  it('skips a Next-style pages/api kept in a package that does not install next, and judges the Express server that runs', async () => {
    expect(await findingsOf('cra-express')).toEqual([]);
  });

  it('skips a pages-style handler under app/ that the App Router never runs, and reports the route beside it', async () => {
    const found = await findingsOf('app-dir-handler');
    expect(found.map((f) => [f.file, f.messageId])).toEqual([['src/app/api/pusher/auth/route.ts', 'signsAnything']]);
  });
});
