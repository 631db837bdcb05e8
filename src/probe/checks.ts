import { formatMs, tally } from './format.js';
import { describeAnswer, signedAuth, type Exchange, type RequestBody } from './http.js';
import { displayUrl, isLoopbackHost, type ProbeChannel, type ResolvedProbe } from './options.js';
import type { ProbeCheck, ProbeCheckId, ProbeStatus } from './schema.js';
import { presenceUserId, userAuthId, type Verdict, type Verifier } from './signature.js';

export const CHECK_META: Record<ProbeCheckId, Pick<ProbeCheck, 'title' | 'category' | 'severity'>> = {
  https: { title: 'Served over HTTPS with a valid certificate', category: 'security', severity: 'high' },
  'channel-signature': { title: 'Channel signatures match the app key and secret', category: 'security', severity: 'critical' },
  'user-signature': { title: 'User sign-in signatures match the app key and secret', category: 'security', severity: 'critical' },
  'requires-credentials': { title: 'Refuses callers without credentials', category: 'security', severity: 'critical' },
  'denies-channels': { title: 'Refuses channels the user may not join', category: 'security', severity: 'critical' },
  'forged-identity': { title: 'Takes identity from the session, not from the request', category: 'security', severity: 'critical' },
  'rejects-malformed': { title: 'Does not sign malformed socket ids or channel names', category: 'security', severity: 'medium' },
  'rate-limit': { title: 'Rate-limits a burst of requests', category: 'security', severity: 'medium' },
  latency: { title: 'Answers fast and reliably under load', category: 'performance', severity: 'medium' },
};

export interface Outcome {
  status: ProbeStatus;
  summary: string;
  evidence: string[];
}

/** A request the probe will send, and what to call it in evidence. */
export interface PlannedRequest {
  url: URL;
  body: RequestBody;
  /** Whether the caller's headers and cookies go with it. */
  credentials: boolean;
  socketId: string;
  label: string;
  channel?: ProbeChannel;
  /** For forged-identity requests: the identity the request tries to impose. */
  forged?: { id: string; name: string; kind: 'presence' | 'user' };
}

export interface Sent {
  req: PlannedRequest;
  ex: Exchange;
}

/** Evidence in request order, and whether each line is a problem, a pass or a plain note. */
class Tally {
  readonly lines: Array<{ kind: 'problem' | 'pass' | 'note'; text: string }> = [];
  problem(text: string): void {
    this.lines.push({ kind: 'problem', text });
  }
  pass(text: string): void {
    this.lines.push({ kind: 'pass', text });
  }
  note(text: string): void {
    this.lines.push({ kind: 'note', text });
  }
  conclude(passSummary: string, skippedSummary: string): Outcome {
    const problems = this.lines.filter((l) => l.kind === 'problem');
    const evidence = this.lines.map((l) => l.text);
    if (problems.length > 0) {
      const first = problems[0]!.text;
      return { status: 'fail', summary: problems.length === 1 ? first : `${problems.length} problems; first: ${first}`, evidence };
    }
    if (this.lines.some((l) => l.kind === 'pass')) return { status: 'pass', summary: passSummary, evidence };
    return { status: 'skipped', summary: skippedSummary, evidence };
  }
}

export function skipped(summary: string, evidence: string[] = []): Outcome {
  return { status: 'skipped', summary, evidence };
}

const REFUSED = new Set([401, 403]);

function unexpectedAnswer(ex: Exchange, expected: string): string {
  // `expected` describes a good answer, not a check name, so it has no place in the rate-limit message.
  if (ex.status === 429) return 'HTTP 429: inconclusive, rate-limited before the burst check (the limit is tighter than the probe needs; wait for its window to reset or send fewer --requests)';
  const body = ex.snippet ? ` ${JSON.stringify(ex.snippet.slice(0, 80))}` : '';
  return `${describeAnswer(ex)}${body}, expected ${expected}`;
}

export function evaluateHttps(probe: ResolvedProbe, sent: readonly Exchange[]): Outcome {
  const t = new Tally();
  for (const url of [probe.endpoint, ...(probe.userAuth ? [probe.userAuth] : [])]) {
    const where = displayUrl(url);
    if (url.protocol === 'http:') {
      if (!isLoopbackHost(url.hostname)) {
        t.problem(`${where}: plain HTTP to ${url.hostname}; cookies and signatures would cross the network in clear text, so the probe sent nothing`);
      } else if (probe.allowInsecure) {
        t.note(`${where}: plain HTTP on loopback host ${url.hostname}, allowed by --allow-insecure (local development only)`);
      } else {
        t.problem(`${where}: plain HTTP; serve the endpoint over HTTPS (--allow-insecure accepts this on loopback for local development)`);
      }
      continue;
    }
    const mine = sent.filter((ex) => ex.url === url.href);
    if (mine.length === 0) continue;
    if (mine.some((ex) => ex.status !== null)) {
      t.pass(`${where}: HTTPS, certificate verified by Node's TLS (chain, expiry and host name)`);
      continue;
    }
    const tlsFailure = mine.find((ex) => ex.errorCode !== null && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(ex.errorCode));
    t.problem(tlsFailure ? `${where}: certificate rejected (${tlsFailure.error})` : `${where}: no HTTPS answer (${mine[0]!.error})`);
  }
  return t.conclude('HTTPS with a certificate Node accepts', 'not checked (plain HTTP allowed on loopback)');
}

function channelLabel(channel: ProbeChannel): string {
  return channel.note ? `${channel.name} (${channel.note})` : channel.name;
}

function verdictLine(label: string, verdict: Verdict, probe: ResolvedProbe, sdkCall: string, t: Tally): void {
  switch (verdict.kind) {
    case 'match':
      t.pass(`${label}: signature matches the SDK's ${sdkCall} with key ${probe.key} and the given secret`);
      return;
    case 'key-only':
      t.note(`${label}: key ${probe.key} matches; signature not verified (no secret given)`);
      return;
    case 'key-mismatch':
      t.problem(`${label}: key mismatch: signed for app key "${verdict.actualKey}", not "${probe.key}" (another app's credentials)`);
      return;
    case 'secret-mismatch':
      t.problem(
        `${label}: secret mismatch: the signature is not what the SDK's ${sdkCall} computes with the given secret (${probe.secret!.slice(0, 4)}…); the endpoint signs with another secret, e.g. a staging app's`,
      );
      return;
    case 'malformed':
      t.problem(`${label}: ${verdict.problem}`);
  }
}

export function evaluateChannelSignatures(probe: ResolvedProbe, verifier: Verifier, sent: readonly Sent[]): Outcome {
  if (sent.length === 0) return skipped('no channel to sign: give --channel, --presence or --scan');
  const t = new Tally();
  for (const { req, ex } of sent) {
    const channel = req.channel!;
    const label = channelLabel(channel);
    const body = signedAuth(ex);
    if (!body) {
      if (channel.guessed) t.note(`${label}: ${describeAnswer(ex)}; the name was guessed, so give a real one with --channel`);
      else t.problem(`${label}: ${unexpectedAnswer(ex, 'a signature (are --cookie/--header a valid session allowed on this channel?)')}`);
      continue;
    }
    if (ex.status !== 200) {
      t.problem(`${label}: signed with HTTP ${ex.status}; pusher-js accepts only 200`);
      continue;
    }
    verdictLine(label, verifier.channel(req.socketId, channel.name, body), probe, 'authorizeChannel', t);
  }
  return t.conclude(`${sent.length === 1 ? 'the signature matches' : `all signed channels match`} (SDK authorizeChannel)`, probe.secret ? 'no channel was signed' : 'key checked; no secret given to verify signatures');
}

export function evaluateUserSignature(probe: ResolvedProbe, verifier: Verifier, sent: readonly Sent[]): Outcome {
  if (!probe.userAuth) return skipped('no --user-auth endpoint given');
  const t = new Tally();
  for (const { req, ex } of sent) {
    const body = signedAuth(ex);
    if (!body) t.problem(`user auth: ${unexpectedAnswer(ex, 'a signature for the session user')}`);
    else if (ex.status !== 200) t.problem(`user auth: signed with HTTP ${ex.status}; pusher-js accepts only 200`);
    else verdictLine('user auth', verifier.user(req.socketId, body), probe, 'authenticateUser', t);
  }
  return t.conclude('the user signature matches (SDK authenticateUser)', 'key checked; no secret given to verify the signature');
}

export function evaluateRequiresCredentials(probe: ResolvedProbe, sent: readonly Sent[]): Outcome {
  const t = new Tally();
  for (const { req, ex } of sent) {
    if (signedAuth(ex)) t.problem(`${req.label}: signed for a caller with no cookie or header (${describeAnswer(ex)}): anyone can join`);
    else if (ex.status !== null && REFUSED.has(ex.status)) t.pass(`${req.label}: refused with HTTP ${ex.status}`);
    else t.problem(`${req.label}: ${unexpectedAnswer(ex, '401 or 403')}`);
  }
  if (probe.credentialNames.headers.length + probe.credentialNames.cookies.length === 0) {
    t.note('no --cookie or --header given: every other check also ran without credentials');
  }
  return t.conclude('callers without credentials get 401/403', 'nothing sent');
}

export function evaluateDenied(probe: ResolvedProbe, sent: readonly Sent[]): Outcome {
  if (probe.deny.length === 0) return skipped('no --deny-channel given');
  const t = new Tally();
  for (const { req, ex } of sent) {
    if (signedAuth(ex)) t.problem(`${req.label}: signed for this session (${describeAnswer(ex)}); it must be refused`);
    else if (ex.status !== null && REFUSED.has(ex.status)) t.pass(`${req.label}: refused with HTTP ${ex.status}`);
    else t.problem(`${req.label}: ${unexpectedAnswer(ex, '401 or 403')}`);
  }
  return t.conclude(`every --deny-channel is refused`, 'nothing sent');
}

export function evaluateForgedIdentity(probe: ResolvedProbe, sent: readonly Sent[]): Outcome {
  if (probe.presence.length === 0 && !probe.userAuth) return skipped('no presence channel (--presence) and no --user-auth endpoint given');
  const t = new Tally();
  for (const { req, ex } of sent) {
    const forged = req.forged!;
    const body = signedAuth(ex);
    if (!body) {
      // A refusal proves nothing about identity when the channel itself was only a guess.
      if (req.channel?.guessed) t.note(`${req.label}: not signed (${describeAnswer(ex)}); the channel name was guessed`);
      else t.pass(`${req.label}: not signed (${describeAnswer(ex)}) when forged identity fields were sent`);
      continue;
    }
    const field = forged.kind === 'presence' ? 'channel_data' : 'user_data';
    const idField = forged.kind === 'presence' ? 'user_id' : 'id';
    const id = forged.kind === 'presence' ? presenceUserId(body) : userAuthId(body);
    const raw = String(body[field]);
    if (id === null) t.problem(`${req.label}: signed, but ${field} carries no ${idField}`);
    else if (id === forged.id) t.problem(`${req.label}: ${field}.${idField} is "${id}", the forged value posted in the request: the endpoint trusts the caller for identity`);
    else if (raw.includes(forged.name) || raw.includes(forged.id)) t.problem(`${req.label}: ${field} carries the posted user_info ("${forged.name}"): user details come from the request`);
    else if (probe.expectUser !== null && id !== probe.expectUser) t.problem(`${req.label}: ${field}.${idField} is "${id}", not the session's user "${probe.expectUser}" (--expect-user)`);
    else t.pass(`${req.label}: ${field}.${idField} is "${id}"${probe.expectUser !== null ? ' (the session user)' : ''}; forged fields ignored`);
  }
  if (probe.expectUser === null) t.note('no --expect-user: checked only that the forged values were not used');
  return t.conclude('identity comes from the session; forged fields are ignored', 'no forged request reached a joinable channel');
}

export function evaluateMalformed(sent: readonly Sent[]): Outcome {
  const t = new Tally();
  for (const { req, ex } of sent) {
    if (signedAuth(ex)) t.problem(`${req.label}: signed (${describeAnswer(ex)}); it must never be signed`);
    else if (ex.status === 429) t.problem(`${req.label}: ${unexpectedAnswer(ex, '4xx')}`);
    else if (ex.status !== null && ex.status >= 400 && ex.status < 500) t.pass(`${req.label}: refused with HTTP ${ex.status}`);
    else if (ex.status !== null && ex.status >= 500) t.pass(`${req.label}: not signed, but HTTP ${ex.status}; a 400 keeps error monitoring quiet`);
    else t.problem(`${req.label}: ${unexpectedAnswer(ex, '4xx')}`);
  }
  return t.conclude('malformed socket ids and channel names are not signed', 'nothing sent');
}

export interface BurstResult {
  size: number;
  exchanges: Exchange[];
  /** 0-based index of the first 429 in dispatch order, or -1. */
  firstLimited: number;
  /** From the burst's start to that 429's answer. */
  firstLimitedAfterMs: number | null;
  elapsedMs: number;
}

export function evaluateBurst(burst: BurstResult | null, size: number): Outcome {
  if (burst === null || size === 0) return skipped('no burst requested (--burst 0)');
  const sent = burst.exchanges.length;
  if (burst.firstLimited >= 0) {
    const first = burst.exchanges[burst.firstLimited]!;
    const evidence = [
      `first 429 at request ${burst.firstLimited + 1} of the burst, ${formatMs(burst.firstLimitedAfterMs ?? 0)} after it began${first.retryAfter ? `; Retry-After: ${first.retryAfter}` : '; no Retry-After header'}`,
      `sent ${sent} of at most ${size} (the probe stops sending at the first 429): ${tally(burst.exchanges.map(describeAnswer))}`,
    ];
    return { status: 'pass', summary: `rate-limited from request ${burst.firstLimited + 1} of the burst`, evidence };
  }
  return {
    status: 'fail',
    summary: `no 429 in a burst of ${sent} requests over ${formatMs(burst.elapsedMs)}`,
    evidence: [
      `answers: ${tally(burst.exchanges.map(describeAnswer))}`,
      `a limit above ${size} requests per window cannot be seen by a burst of this size (raise --burst to look further)`,
    ],
  };
}
