import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import {
  CHECK_META,
  evaluateBurst,
  evaluateChannelSignatures,
  evaluateDenied,
  evaluateForgedIdentity,
  evaluateHttps,
  evaluateMalformed,
  evaluateRequiresCredentials,
  evaluateUserSignature,
  skipped,
  type BurstResult,
  type Outcome,
  type PlannedRequest,
  type Sent,
} from './checks.js';
import { roundMs } from './format.js';
import { describeAnswer, ProbeClient, signedAuth, type Exchange } from './http.js';
import { evaluateLoad, runPool, type LoadSample } from './load.js';
import { displayUrl, resolveProbeOptions, type AuthProbeOptions, type ResolvedProbe } from './options.js';
import { PROBE_CHECK_IDS, PROBE_SCHEMA_VERSION, type ProbeCheckId, type ProbeReport } from './schema.js';
import { createVerifier } from './signature.js';

const BURST_CONCURRENCY = 10;

/** Every request the functional checks send, built before anything is sent. */
interface FunctionalPlan {
  signature: PlannedRequest[];
  user: PlannedRequest[];
  noCredentials: PlannedRequest[];
  deny: PlannedRequest[];
  forged: PlannedRequest[];
  malformed: PlannedRequest[];
}

export interface RequestBudget {
  functional: number;
  burst: number;
  load: number;
  /** The most requests the probe will send; it never sends more. */
  total: number;
}

/** How many requests a probe with these options may send, computed without sending any. */
export function planAuthProbe(options: AuthProbeOptions): RequestBudget {
  const probe = resolveProbeOptions(options);
  return budgetOf(probe, buildFunctionalPlan(probe));
}

/**
 * Probes a deployed auth endpoint and reports each check. Sends only to `endpoint` and
 * `userAuthEndpoint`, never more than the budget `planAuthProbe` computes, and ends on its own
 * (each request has a timeout). Never prints, exits or reads the environment.
 */
export async function runAuthProbe(options: AuthProbeOptions): Promise<ProbeReport> {
  const probe = resolveProbeOptions(options);
  const startedAt = new Date().toISOString();
  const started = probe.now();
  const plan = buildFunctionalPlan(probe);
  const budget = budgetOf(probe, plan);
  const client = new ProbeClient({
    fetch: probe.fetch,
    allowed: [probe.endpoint, ...(probe.userAuth ? [probe.userAuth] : [])],
    budget: budget.total,
    timeoutMs: probe.timeoutMs,
    now: probe.now,
  });

  const outcomes = new Map<ProbeCheckId, Outcome>();
  let loadStats: ProbeReport['load'] = null;
  let burstStats: ProbeReport['burst'] = null;
  const exchanges: Exchange[] = [];

  if (probe.plainRemote) {
    for (const id of PROBE_CHECK_IDS) outcomes.set(id, skipped('nothing sent: the endpoint is plain HTTP off this machine'));
  } else {
    const send = async (reqs: PlannedRequest[]): Promise<Sent[]> => {
      const out: Sent[] = [];
      // One at a time: the functional checks should not look like load to the endpoint.
      for (const req of reqs) {
        const ex = await client.post(req.url, req.body, req.credentials ? probe.credentialHeaders : {});
        exchanges.push(ex);
        out.push({ req, ex });
      }
      return out;
    };
    const verifier = createVerifier(probe.key, probe.secret);
    outcomes.set('channel-signature', evaluateChannelSignatures(probe, verifier, await send(plan.signature)));
    outcomes.set('user-signature', evaluateUserSignature(probe, verifier, await send(plan.user)));
    outcomes.set('requires-credentials', evaluateRequiresCredentials(probe, await send(plan.noCredentials)));
    outcomes.set('denies-channels', evaluateDenied(probe, await send(plan.deny)));
    outcomes.set('forged-identity', evaluateForgedIdentity(probe, await send(plan.forged)));
    outcomes.set('rejects-malformed', evaluateMalformed(await send(plan.malformed)));

    const burst = probe.burst > 0 ? await runBurst(probe, client) : null;
    exchanges.push(...(burst?.exchanges ?? []));
    outcomes.set('rate-limit', evaluateBurst(burst, probe.burst));
    if (burst) {
      const first = burst.firstLimited >= 0 ? burst.exchanges[burst.firstLimited]! : null;
      burstStats = {
        size: probe.burst,
        sent: burst.exchanges.length,
        firstLimitedAt: first ? burst.firstLimited + 1 : null,
        firstLimitedAfterMs: burst.firstLimitedAfterMs === null ? null : roundMs(burst.firstLimitedAfterMs),
        retryAfter: first?.retryAfter ?? null,
      };
    }

    if ('skip' in probe.load) {
      outcomes.set('latency', skipped(probe.load.skip));
    } else {
      const waitNote = await waitOutLimit(probe, burst);
      const samples = await runLoad(probe, client, probe.load, exchanges);
      const verdict = evaluateLoad(samples, probe.load, probe.targets);
      loadStats = verdict.stats;
      outcomes.set('latency', { status: verdict.status, summary: verdict.summary, evidence: [...(waitNote ? [waitNote] : []), ...verdict.evidence] });
    }
  }
  outcomes.set('https', evaluateHttps(probe, exchanges));

  const redact = redactor(probe.secrets);
  const checks = PROBE_CHECK_IDS.map((id) => {
    const o = outcomes.get(id)!;
    return { id, ...CHECK_META[id], status: o.status, summary: redact(o.summary), evidence: o.evidence.map(redact) };
  });
  return {
    schemaVersion: PROBE_SCHEMA_VERSION,
    kind: 'auth-probe',
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    target: {
      endpoint: displayUrl(probe.endpoint),
      userAuthEndpoint: probe.userAuth ? displayUrl(probe.userAuth) : null,
      key: probe.key,
      secretGiven: probe.secret !== null,
      credentials: { headers: probe.credentialNames.headers, cookies: probe.credentialNames.cookies },
    },
    startedAt,
    durationMs: roundMs(probe.now() - started),
    requests: { planned: budget.total, sent: client.sent },
    checks,
    load: loadStats,
    burst: burstStats,
    summary: {
      passed: checks.filter((c) => c.status === 'pass').length,
      failed: checks.filter((c) => c.status === 'fail').length,
      skipped: checks.filter((c) => c.status === 'skipped').length,
    },
  };
}

function budgetOf(probe: ResolvedProbe, plan: FunctionalPlan): RequestBudget {
  if (probe.plainRemote) return { functional: 0, burst: 0, load: 0, total: 0 };
  const functional = Object.values(plan).reduce((n, reqs: PlannedRequest[]) => n + reqs.length, 0);
  const load = 'skip' in probe.load ? 0 : probe.load.requests;
  return { functional, burst: probe.burst, load, total: functional + probe.burst + load };
}

function socketId(probe: ResolvedProbe): string {
  return `${probe.randomInt(1_000_000_000)}.${probe.randomInt(1_000_000_000)}`;
}

function channelRequest(probe: ResolvedProbe, channelName: string, label: string, credentials = true, socket = socketId(probe)): PlannedRequest {
  return { url: probe.endpoint, body: { form: { socket_id: socket, channel_name: channelName } }, credentials, socketId: socket, label };
}

function buildFunctionalPlan(probe: ResolvedProbe): FunctionalPlan {
  const userAuth = probe.userAuth;
  const userRequest = (credentials: boolean, label: string): PlannedRequest => {
    const socket = socketId(probe);
    return { url: userAuth!, body: { form: { socket_id: socket } }, credentials, socketId: socket, label };
  };
  const tag = () => probe.randomInt(0x1_0000_0000).toString(16).padStart(8, '0');

  const forged: PlannedRequest[] = [];
  for (const channel of probe.presence) {
    const f = { id: `forged-${tag()}`, name: `forged-name-${tag()}`, kind: 'presence' as const };
    const socket = socketId(probe);
    const fields = { socket_id: socket, channel_name: channel.name, user_id: f.id, channel_data: JSON.stringify({ user_id: f.id, user_info: { name: f.name } }) };
    const common = { url: probe.endpoint, credentials: true, socketId: socket, channel, forged: f };
    forged.push(
      { ...common, body: { form: { ...fields, 'user_info[name]': f.name } }, label: `${channel.name} (form with user_id, user_info, channel_data)` },
      { ...common, body: { json: { ...fields, user_info: { name: f.name } } }, label: `${channel.name} (JSON body with user_id, user_info, channel_data)` },
    );
  }
  if (userAuth) {
    const f = { id: `forged-${tag()}`, name: `forged-name-${tag()}`, kind: 'user' as const };
    const socket = socketId(probe);
    const fields = { socket_id: socket, user_id: f.id, id: f.id, user_data: JSON.stringify({ id: f.id, user_info: { name: f.name } }) };
    const common = { url: userAuth, credentials: true, socketId: socket, forged: f };
    forged.push(
      { ...common, body: { form: { ...fields, 'user_info[name]': f.name } }, label: 'user auth (form with user_id, id, user_info, user_data)' },
      { ...common, body: { json: { ...fields, user_info: { name: f.name } } }, label: 'user auth (JSON body with user_id, id, user_info, user_data)' },
    );
  }

  const base = probe.baseChannel;
  const badSockets: Array<[string, string]> = [
    ['', 'empty'],
    ['12345', 'no "."'],
    ['abc.def', 'not digits'],
    [`1.1:${base}`, 'contains ":", the separator of the signed string'],
  ];
  const badChannels: Array<[string, string]> = [
    [`#server-to-user-${probe.expectUser ?? 'probe'}`, 'reserved "#" prefix'],
    [`${base}:x`, 'contains ":", the separator of the signed string'],
    [`${base}<x>`, 'characters outside A-Z a-z 0-9 _ - = @ , . ;'],
    [`${base}-${'x'.repeat(Math.max(1, 200 - base.length))}`, 'over 200 characters'],
  ];

  return {
    signature: probe.channels.map((c) => ({ ...channelRequest(probe, c.name, c.name), channel: c })),
    user: userAuth ? [userRequest(true, 'user auth')] : [],
    noCredentials: [
      channelRequest(probe, base, `${base} without credentials`, false),
      ...(userAuth ? [userRequest(false, 'user auth without credentials')] : []),
    ],
    deny: probe.deny.map((name) => channelRequest(probe, name, name)),
    forged,
    malformed: [
      ...badSockets.map(([socket, why]) => channelRequest(probe, base, `socket_id ${JSON.stringify(socket)} (${why})`, true, socket)),
      ...badChannels.map(([name, why]) => channelRequest(probe, name, `channel ${JSON.stringify(name.length > 60 ? `${name.slice(0, 40)}…` : name)} (${why})`)),
    ],
  };
}

async function runBurst(probe: ResolvedProbe, client: ProbeClient): Promise<BurstResult> {
  const start = probe.now();
  let firstLimited = -1;
  let firstLimitedAfterMs: number | null = null;
  const exchanges = await runPool(
    probe.burst,
    Math.min(BURST_CONCURRENCY, probe.burst),
    async (index) => {
      const req = channelRequest(probe, probe.baseChannel, 'burst');
      const ex = await client.post(req.url, req.body, probe.credentialHeaders);
      if (ex.status === 429 && (firstLimited < 0 || index < firstLimited)) {
        firstLimited = index;
        firstLimitedAfterMs = probe.now() - start;
      }
      return ex;
    },
    // Politeness: once the limiter has spoken, more requests prove nothing.
    () => firstLimited >= 0,
  );
  return { size: probe.burst, exchanges, firstLimited, firstLimitedAfterMs, elapsedMs: probe.now() - start };
}

/** Lets a limiter tripped by the burst recover before the load, if it says how long and that is short. */
async function waitOutLimit(probe: ResolvedProbe, burst: BurstResult | null): Promise<string | null> {
  if (!burst || burst.firstLimited < 0) return null;
  const header = burst.exchanges[burst.firstLimited]!.retryAfter;
  const ms = parseRetryAfter(header);
  if (ms === null) return 'the burst tripped the rate limiter without a usable Retry-After; the load may meet 429s';
  if (ms > probe.maxRetryAfterWaitMs) return `Retry-After ${header} is longer than the ${probe.maxRetryAfterWaitMs / 1000} s the probe waits; the load may meet 429s`;
  await probe.sleep(ms);
  return `waited ${ms / 1000} s (Retry-After after the burst) before the load`;
}

export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

async function runLoad(
  probe: ResolvedProbe,
  client: ProbeClient,
  plan: { requests: number; concurrency: number },
  exchanges: Exchange[],
): Promise<LoadSample[]> {
  return runPool(plan.requests, plan.concurrency, async () => {
    const req = channelRequest(probe, probe.baseChannel, 'load');
    const ex = await client.post(req.url, req.body, probe.credentialHeaders);
    exchanges.push(ex);
    return { ms: ex.ms, signed: signedAuth(ex) !== null, rateLimited: ex.status === 429, answer: describeAnswer(ex) };
  });
}

function redactor(secrets: readonly string[]): (text: string) => string {
  return (text) => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text);
}
