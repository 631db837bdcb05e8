import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, DEMO_APP, type AuthServerOptions } from '../../examples/auth-server/server.mjs';
import type { CliIO } from '../../src/cli/io.js';

export { DEMO_APP };

export interface RunningServer {
  base: string;
  /** Requests that reached the server, by path, counted before the app sees them. */
  hits: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 at a free port; the only address the tests ever use. */
export async function listen(handler: RequestListener): Promise<RunningServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    total: () => [...hits.values()].reduce((a, b) => a + b, 0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export interface ExampleServer extends RunningServer {
  /** The session cookie `name=value` of a logged-in alice. */
  cookie: string;
}

/**
 * The tests' limiter. The functional checks and the 30-request burst must all land inside one
 * window for the burst to meet a 429; on a loaded 2-core machine they took over 1 s, the window
 * reset mid-burst and the rate-limit check failed. 3 s leaves a 3× margin, and the probe's wait
 * for Retry-After after the burst costs at most 3 s per test.
 */
export const TEST_RATE_LIMIT = { max: 25, windowMs: 3000 } as const;

/** Starts the example auth server and logs alice in; the login is not counted in `hits`. */
export async function startExample(options: AuthServerOptions = {}): Promise<ExampleServer> {
  const running = await listen(createApp({ rateLimit: { ...TEST_RATE_LIMIT }, ...options }) as unknown as RequestListener);
  const res = await fetch(`${running.base}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'alice', password: 'wonderland' }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  running.hits.clear();
  return { ...running, cookie };
}

/** The probe options every example-server test shares: alice's session and her rules. */
export function exampleProbe(server: ExampleServer) {
  return {
    endpoint: `${server.base}/pusher/auth`,
    userAuthEndpoint: `${server.base}/pusher/user-auth`,
    key: DEMO_APP.key,
    secret: DEMO_APP.secret,
    cookies: [server.cookie],
    channels: ['private-user-alice', 'presence-room-1'],
    denyChannels: ['private-user-bob'],
    expectUser: 'alice',
    allowInsecure: true,
    requests: 20,
    concurrency: 5,
    // Latency is reported, not judged against the wall clock in tests.
    targets: { p95Ms: 60_000 },
  };
}

export function bufferIO(env: Record<string, string | undefined> = {}, cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/**
 * A small XML well-formedness check: balanced tags, quoted attributes, escaped text. Enough to
 * catch what a JUnit renderer can get wrong without adding an XML parser dependency.
 */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body)) !== null) {
    if (m[6]) throw new Error(`unescaped "<" or malformed tag at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) throw new Error(`unescaped "&" in text: ${m[5].slice(0, 40)}`);
      if (stack.length === 0 && m[5].trim() !== '') throw new Error('text outside the root element');
      continue;
    }
    const [, closing, name, attrs, selfClosing] = m;
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(attrs ?? '')) throw new Error(`unescaped "&" in attributes of <${name}>`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      stack.push(name!);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
}
