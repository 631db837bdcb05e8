import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UserError } from '../../errors.js';
import { DEFAULT_TARGETS, PROBE_DEFAULTS, PROBE_LIMITS } from '../../probe/options.js';
import type { InventoryForProbe, ProbeChannel, ProbeReport } from '../../probe/index.js';
import type { CommandContext } from '../context.js';
import { writeOutput } from '../output.js';

/** The probe, and the scan `--scan` runs, load only when this command runs. */
const probing = async () => ({ ...(await import('../../probe/index.js')), ...(await import('../../reporters/sections/probe-text.js')) });
type Probing = Awaited<ReturnType<typeof probing>>;

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface AuthFlags {
  endpoint: string;
  key: string;
  secret?: string;
  secretEnv?: string;
  header: string[];
  cookie: string[];
  channel: string[];
  denyChannel: string[];
  presence: string[];
  expectUser?: string;
  userAuth?: string;
  scan?: string;
  requests?: number;
  concurrency?: number;
  burst: number;
  timeoutMs: number;
  targetP95Ms: number;
  targetSuccess: number;
  allowInsecure?: boolean;
  format: Format;
  output?: string;
}

/** `probe auth`: synthetic tests of a deployed Pusher auth endpoint. */
export function registerProbe(program: Command, ctx: CommandContext): void {
  const probe = program.command('probe').description('Test a deployed endpoint of a Pusher application from the outside.');
  probe
    .command('auth')
    .description(
      'Probe a channel-authorization endpoint: signatures (checked with the pusher SDK), refusals, forged identity, malformed input, HTTPS, rate limiting and latency. Sends only to the URLs given, at most a bounded number of requests.',
    )
    .requiredOption('--endpoint <url>', 'the channel-authorization endpoint, e.g. https://app.example.com/pusher/auth')
    .requiredOption('--key <key>', 'the Pusher app key the endpoint should sign with')
    .option('--secret <secret>', 'the app secret, to verify signatures (prefer --secret-env: arguments show in process lists)')
    .option('--secret-env <name>', 'read the app secret from this environment variable')
    .option('--header <header>', 'credential header "Name: value" sent as the signed-in caller (repeatable)', collect, [])
    .option('--cookie <cookie>', 'credential cookie "name=value" sent as the signed-in caller (repeatable)', collect, [])
    .option('--channel <name>', 'a private-/presence- channel the caller may join (repeatable)', collect, [])
    .option('--deny-channel <name>', 'a channel the caller must be refused (repeatable)', collect, [])
    .option('--presence <channel>', 'a presence- channel the caller may join, used for the forged-identity check (repeatable)', collect, [])
    .option('--expect-user <id>', 'the user id of the session in --cookie/--header')
    .option('--user-auth <url>', 'the user-authentication endpoint (/pusher/user-auth)')
    .option('--scan <path>', 'take channels from a project directory (scanned now) or a saved `scan --format json` file')
    .option('--requests <n>', `load: requests to send (default ${PROBE_DEFAULTS.loopbackRequests} on loopback; elsewhere no load unless given)`, int)
    .option('--concurrency <n>', `load: requests in flight at once (default ${PROBE_DEFAULTS.concurrency})`, int)
    .option('--burst <n>', 'rate-limit burst size; stops at the first 429; 0 skips', int, PROBE_DEFAULTS.burst)
    .option('--timeout-ms <ms>', 'per-request timeout', int, PROBE_DEFAULTS.timeoutMs)
    .option('--target-p95-ms <ms>', 'latency target for the 95th percentile', number, DEFAULT_TARGETS.p95Ms)
    .option('--target-success <percent>', 'success-rate target in percent', number, DEFAULT_TARGETS.successRate * 100)
    .option('--allow-insecure', 'accept plain HTTP on a loopback host (local development only)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--output <file>', 'write the report in --format to this file; a text summary still goes to stdout')
    .action(async (flags: AuthFlags) => {
      const probe = await probing();
      const report = await probe.runAuthProbe({
        endpoint: flags.endpoint,
        key: flags.key,
        ...secretOf(flags, ctx),
        ...(flags.userAuth !== undefined ? { userAuthEndpoint: flags.userAuth } : {}),
        headers: parseHeaders(flags.header),
        cookies: flags.cookie,
        channels: await channelsOf(flags, ctx),
        denyChannels: flags.denyChannel,
        ...(flags.expectUser !== undefined ? { expectUser: flags.expectUser } : {}),
        allowInsecure: flags.allowInsecure ?? false,
        ...(flags.requests !== undefined ? { requests: flags.requests } : {}),
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        burst: flags.burst,
        timeoutMs: flags.timeoutMs,
        targets: { p95Ms: flags.targetP95Ms, successRate: flags.targetSuccess / 100 },
      });
      const color = ctx.io.stdoutIsTTY && ctx.io.env.NO_COLOR === undefined;
      if (flags.output !== undefined) {
        await writeOutput(ctx.io, '--output', flags.output, render(probe, report, flags.format, false));
        ctx.io.stdout(probe.renderProbeText(report, { color }));
      } else {
        ctx.io.stdout(render(probe, report, flags.format, color));
      }
      ctx.setExitCode(report.summary.failed > 0 ? 1 : 0);
    });
}

function render(probe: Probing, report: ProbeReport, format: Format, color: boolean): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'junit') return probe.renderProbeJunit(report);
  return probe.renderProbeText(report, { color });
}

function secretOf(flags: AuthFlags, ctx: CommandContext): { secret?: string } {
  if (flags.secret !== undefined && flags.secretEnv !== undefined) throw new UserError('give --secret or --secret-env, not both');
  if (flags.secretEnv !== undefined) {
    const value = ctx.io.env[flags.secretEnv];
    if (value === undefined || value === '') throw new UserError(`--secret-env: environment variable ${flags.secretEnv} is not set`);
    return { secret: value };
  }
  return flags.secret !== undefined ? { secret: flags.secret } : {};
}

/** `--scan` takes a project directory (scanned now, inventory only) or a saved `scan --format json` file. */
async function inventoryFrom(path: string): Promise<InventoryForProbe> {
  if (!existsSync(path) || !statSync(path).isDirectory()) return (await probing()).loadInventory(path);
  const { scan } = await import('../../engine/scan.js');
  return (await scan({ root: path, rules: [] })).inventory;
}

async function channelsOf(flags: AuthFlags, ctx: CommandContext): Promise<ProbeChannel[]> {
  for (const name of flags.presence) {
    if (!name.startsWith('presence-')) throw new UserError(`--presence ${JSON.stringify(name)}: a presence channel name starts with "presence-"`);
  }
  const given: ProbeChannel[] = [...flags.channel, ...flags.presence].map((name) => ({ name }));
  if (flags.scan === undefined) return given;
  const fromScan = (await probing()).channelsFromInventory(await inventoryFrom(resolve(ctx.io.cwd, flags.scan)), {
    ...(flags.expectUser !== undefined ? { substitute: flags.expectUser } : {}),
  });
  if (fromScan.length === 0) ctx.io.stderr('pusher-advisor: the scan lists no private or presence subscriptions\n');
  const room = PROBE_LIMITS.maxChannels - given.length;
  if (fromScan.length > room) ctx.io.stderr(`pusher-advisor: probing the first ${Math.max(0, room)} of ${fromScan.length} channels from the scan\n`);
  return [...given, ...fromScan.slice(0, Math.max(0, room))];
}

function parseHeaders(raw: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of raw) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UserError(`--header must be "Name: value" (got a value without a name)`);
    const name = h.slice(0, colon).trim();
    const value = h.slice(colon + 1).trim();
    const prior = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    if (prior !== undefined) headers[prior] = `${headers[prior]}, ${value}`;
    else headers[name] = value;
  }
  return headers;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function int(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function number(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a non-negative number');
  return n;
}
