import { randomInt as cryptoRandomInt } from 'node:crypto';
import { UserError } from '../errors.js';

/** A channel the caller's session should be allowed to join. */
export interface ProbeChannel {
  name: string;
  /** Where the name came from when it was not given literally, e.g. a scan pattern. */
  note?: string;
  /** The name was guessed from a pattern, so a refusal is reported but is not a failure. */
  guessed?: boolean;
}

export interface LatencyTargets {
  /** Share of answered, non-429 requests that must be signed, 0..1. */
  successRate: number;
  /** The 95th percentile must be at or below this. */
  p95Ms: number;
}

/** The field's targets: authentication success ≥ 99.9 %, responses well under 100 ms. */
export const DEFAULT_TARGETS: LatencyTargets = { successRate: 0.999, p95Ms: 100 };

export const PROBE_LIMITS = {
  maxChannels: 50,
  maxRequests: 10_000,
  maxConcurrency: 100,
  maxBurst: 500,
} as const;

export const PROBE_DEFAULTS = {
  /** Only on loopback hosts; elsewhere the load runs only with an explicit `requests`. */
  loopbackRequests: 100,
  concurrency: 10,
  burst: 30,
  timeoutMs: 5_000,
  /** The longest `Retry-After` the probe honours between the burst and the load. */
  maxRetryAfterWaitMs: 10_000,
} as const;

export interface AuthProbeOptions {
  /** The channel-authorization endpoint, e.g. `https://app.example.com/pusher/auth`. */
  endpoint: string;
  /** The user-authentication endpoint (`/pusher/user-auth`); its checks are skipped without it. */
  userAuthEndpoint?: string;
  key: string;
  /** Without it the signatures' key is checked but the signatures themselves are not. */
  secret?: string;
  /** The caller's credentials, sent on every request except the ones that test their absence. */
  headers?: Record<string, string>;
  /** `name=value` pairs, sent as one `Cookie` header. */
  cookies?: string[];
  /** Channels the caller may join: `private-`, `presence-` or `private-encrypted-`. */
  channels?: Array<string | ProbeChannel>;
  /** Channels the caller must be refused. */
  denyChannels?: string[];
  /** The user id the session stands for; presence and user auth must report it. */
  expectUser?: string;
  /** Accept plain HTTP, for loopback hosts only. */
  allowInsecure?: boolean;
  /** Load size; when omitted, 100 on loopback and no load elsewhere. */
  requests?: number;
  concurrency?: number;
  /** Size of the rate-limit burst; 0 skips that check. */
  burst?: number;
  timeoutMs?: number;
  targets?: Partial<LatencyTargets>;
  maxRetryAfterWaitMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds from any fixed origin. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** An integer in [0, max). */
  randomInt?: (max: number) => number;
}

export type LoadPlan = { requests: number; concurrency: number } | { skip: string };

/** The options checked and settled: everything the run needs, nothing left to default. */
export interface ResolvedProbe {
  endpoint: URL;
  userAuth: URL | null;
  key: string;
  secret: string | null;
  credentialHeaders: Record<string, string>;
  credentialNames: { headers: string[]; cookies: string[] };
  channels: ProbeChannel[];
  presence: ProbeChannel[];
  deny: string[];
  /** A channel the caller may join, used where any allowed channel will do. */
  baseChannel: string;
  expectUser: string | null;
  allowInsecure: boolean;
  /** Plain HTTP to a host off this machine: the probe sends nothing rather than leak credentials. */
  plainRemote: boolean;
  load: LoadPlan;
  burst: number;
  timeoutMs: number;
  targets: LatencyTargets;
  maxRetryAfterWaitMs: number;
  /** Values that must never appear in output. */
  secrets: string[];
  fetch: typeof globalThis.fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  randomInt: (max: number) => number;
}

const CHANNEL_CHARS = /^[A-Za-z0-9_\-=@,.;]+$/;
// The SDK refuses longer names, so nothing longer could be verified.
const SDK_MAX_CHANNEL_LENGTH = 200;
const AUTH_PREFIXES = ['private-', 'presence-'];

/** Problems with the options are usage errors: they throw `UserError` naming the option. */
export function resolveProbeOptions(options: AuthProbeOptions): ResolvedProbe {
  const endpoint = parseTarget(options.endpoint, 'endpoint');
  const userAuth = options.userAuthEndpoint === undefined ? null : parseTarget(options.userAuthEndpoint, 'user-auth');
  const allowInsecure = options.allowInsecure ?? false;
  const targets = [endpoint, ...(userAuth ? [userAuth] : [])];
  if (allowInsecure) {
    for (const url of targets) {
      if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        throw new UserError(`--allow-insecure is for loopback hosts only; ${url.hostname} must be probed over HTTPS`);
      }
    }
  }
  const key = options.key.trim();
  if (key === '' || key.includes(':')) throw new UserError('--key must be the app key (non-empty, without ":")');
  const secret = options.secret === undefined ? null : options.secret;
  if (secret === '') throw new UserError('the secret is empty');

  const { headers: credentialHeaders, names } = credentialsFrom(options.headers ?? {}, options.cookies ?? []);

  const channels = dedupeChannels((options.channels ?? []).map((c) => (typeof c === 'string' ? { name: c } : c)));
  for (const c of channels) checkAllowedChannel(c.name);
  const deny = [...new Set(options.denyChannels ?? [])];
  for (const name of deny) if (name.trim() === '') throw new UserError('--deny-channel must not be empty');
  if (channels.length > PROBE_LIMITS.maxChannels || deny.length > PROBE_LIMITS.maxChannels) {
    throw new UserError(`at most ${PROBE_LIMITS.maxChannels} channels and ${PROBE_LIMITS.maxChannels} deny channels per probe`);
  }
  const expectUser = options.expectUser === undefined ? null : options.expectUser;
  if (expectUser === '') throw new UserError('--expect-user must not be empty');

  const loopback = targets.every((u) => isLoopbackHost(u.hostname));
  const requests = boundedInt(options.requests, 'requests', 0, PROBE_LIMITS.maxRequests);
  const concurrency = boundedInt(options.concurrency, 'concurrency', 1, PROBE_LIMITS.maxConcurrency) ?? PROBE_DEFAULTS.concurrency;
  let load: LoadPlan;
  if (requests === 0) load = { skip: 'no load requested (requests 0)' };
  // Timing refusals would say nothing about signing, and every one would count as a failure.
  else if (channels.length === 0) load = { skip: 'no channel the caller may join to load with (give --channel, --presence or --scan)' };
  else if (requests !== undefined) load = { requests, concurrency: Math.min(concurrency, requests) };
  else if (loopback) load = { requests: PROBE_DEFAULTS.loopbackRequests, concurrency: Math.min(concurrency, PROBE_DEFAULTS.loopbackRequests) };
  else load = { skip: `not run against ${endpoint.hostname} without an explicit --requests (the probe does not load other people's servers by default)` };

  const random = options.randomInt ?? ((max: number) => cryptoRandomInt(max));
  const firstJoinable = channels.find((c) => !c.guessed) ?? channels[0];
  return {
    endpoint,
    userAuth,
    key,
    secret,
    credentialHeaders,
    credentialNames: names,
    channels,
    presence: channels.filter((c) => c.name.startsWith('presence-')),
    deny,
    // A random name keeps the no-credentials test meaningful against an endpoint that signs anything.
    baseChannel: firstJoinable?.name ?? `private-pusher-advisor-probe-${random(1_000_000)}`,
    expectUser,
    allowInsecure,
    plainRemote: targets.some((u) => u.protocol === 'http:' && !isLoopbackHost(u.hostname)),
    load,
    burst: boundedInt(options.burst, 'burst', 0, PROBE_LIMITS.maxBurst) ?? PROBE_DEFAULTS.burst,
    timeoutMs: boundedInt(options.timeoutMs, 'timeout-ms', 1, 120_000) ?? PROBE_DEFAULTS.timeoutMs,
    targets: resolveTargets(options.targets),
    maxRetryAfterWaitMs: options.maxRetryAfterWaitMs ?? PROBE_DEFAULTS.maxRetryAfterWaitMs,
    secrets: [...(secret ? [secret] : []), ...Object.values(options.headers ?? {}), ...(options.cookies ?? []).map(cookieValue)].filter(
      (s) => s.length >= 4,
    ),
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? (() => performance.now()),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    randomInt: random,
  };
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** What to print for a target URL: a query string may carry a token, so only its presence shows. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

function parseTarget(raw: string, option: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`--${option} is not a URL: ${JSON.stringify(raw.slice(0, 100))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(`--${option} must be an http(s) URL, not ${url.protocol}`);
  if (url.username || url.password) throw new UserError(`--${option} must not carry credentials; use --header or --cookie`);
  url.hash = '';
  return url;
}

function credentialsFrom(headers: Record<string, string>, cookies: string[]) {
  const out: Record<string, string> = {};
  const headerNames: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UserError(`--header: ${JSON.stringify(name)} is not a header name`);
    out[name.toLowerCase()] = value;
    headerNames.push(name);
  }
  const cookieNames: string[] = [];
  for (const cookie of cookies) {
    const eq = cookie.indexOf('=');
    if (eq <= 0) throw new UserError('--cookie must be name=value');
    cookieNames.push(cookie.slice(0, eq).trim());
  }
  if (cookies.length > 0) out.cookie = [out.cookie, ...cookies].filter(Boolean).join('; ');
  return { headers: out, names: { headers: headerNames, cookies: cookieNames } };
}

function cookieValue(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1);
}

function checkAllowedChannel(name: string): void {
  if (!AUTH_PREFIXES.some((p) => name.startsWith(p))) {
    throw new UserError(`channel ${JSON.stringify(name)} needs no authorization; give private-, presence- or private-encrypted- channels`);
  }
  if (!CHANNEL_CHARS.test(name) || name.length > SDK_MAX_CHANNEL_LENGTH) {
    throw new UserError(`channel ${JSON.stringify(name)} is not a valid channel name (A-Z a-z 0-9 _ - = @ , . ; and at most 200 characters)`);
  }
}

function dedupeChannels(channels: ProbeChannel[]): ProbeChannel[] {
  const seen = new Map<string, ProbeChannel>();
  for (const c of channels) {
    const prior = seen.get(c.name);
    // A literal name beats the same name guessed from a pattern.
    if (!prior || (prior.guessed && !c.guessed)) seen.set(c.name, c);
  }
  return [...seen.values()];
}

function boundedInt(value: number | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw new UserError(`--${option} must be an integer from ${min} to ${max}`);
  return value;
}

function resolveTargets(partial: Partial<LatencyTargets> | undefined): LatencyTargets {
  const targets = { ...DEFAULT_TARGETS, ...partial };
  if (!(targets.successRate >= 0 && targets.successRate <= 1)) throw new UserError('the success-rate target must be between 0 and 100 %');
  if (!(targets.p95Ms > 0)) throw new UserError('the p95 target must be a positive number of milliseconds');
  return targets;
}
