import type { DiscoveredFile } from '../../discovery/types.js';
import type { ServerlessKind, TriggerKind } from '../architecture-schema.js';
import { blankedOf, stripComments } from '../imports.js';

/**
 * What a file's text says about what runs it: HTTP routes, server actions, queue consumers, cron
 * jobs, webhooks, serverless handlers. Text checks are deliberate: they cost nothing on files never
 * parsed, and each fact says the line it was seen on, so a reader can check it.
 */

const HTTP_ROUTE = [
  /\bexport\s+(?:async\s+)?(?:function|const)\s+(?:GET|POST|PUT|PATCH|DELETE)\b/,
  /\b(?:app|router|server|fastify|api|routes?|r)\.(?:get|post|put|patch|delete|all)\s*\(\s*['"`]/,
  /@(?:Get|Post|Put|Patch|Delete|All)\s*\(/,
  /\bexport\s+(?:async\s+)?function\s+(?:action|loader)\b/,
  /\bdefineEventHandler\s*\(/,
];
const QUEUE_CONSUMER = /new\s+Worker\s*\(|\.process\s*\(\s*(?:['"`]|async|\(|function|\w+\s*=>)|@Processor\s*\(|eachMessage|eachBatch|\.consume\s*\(|ReceiveMessageCommand|Consumer\.create\s*\(|event\.Records|\bSQSEvent\b|\bSQSHandler\b|@EventPattern\s*\(|@MessagePattern\s*\(/;
const CRON = /\bcron\.schedule\s*\(|new\s+CronJob\s*\(|@Cron\s*\(|@Interval\s*\(|\bscheduleJob\s*\(|\bScheduledEvent\b|\bschedule\s*:\s*['"`][@*\d]/;
const WEBHOOK = /\.webhook\s*\(\s*\{|x-pusher-signature|\bconstructEvent\s*\(|\bverifyWebhook\b/i;

/** The line of `index` in `text` (1-based). */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the first quoted occurrence of a module specifier (its import). */
export function specifierLine(text: string, specifier: string): number {
  const at = [`'${specifier}'`, `"${specifier}"`, `\`${specifier}\``].map((q) => text.indexOf(q)).filter((i) => i >= 0);
  return lineAt(text, at.length > 0 ? Math.min(...at) : 0);
}

export interface FileFacts {
  triggers: Set<TriggerKind>;
  serverless?: { kind: ServerlessKind; line: number; edge: boolean };
}

/** The package-relative path: `api/x.ts` of `apps/site/api/x.ts` in package `apps/site`. */
function withinPackage(path: string, pkg: string): string {
  return pkg === '' ? path : path.slice(pkg.length + 1);
}

function serverlessOf(path: string, pkg: string, code: string): FileFacts['serverless'] {
  const rel = withinPackage(path, pkg);
  const edge = /export\s+const\s+runtime\s*=\s*['"`]edge['"`]|runtime\s*:\s*['"`](edge|experimental-edge)['"`]|(^|\/)netlify\/edge-functions\//.test(code) || /(^|\/)netlify\/edge-functions\//.test(rel);
  const at = (re: RegExp): number => {
    const m = re.exec(code);
    return m ? lineAt(code, m.index) : 1;
  };
  if (/(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.test(rel) && HTTP_ROUTE[0]!.test(code)) return { kind: 'next-route-handler', line: at(HTTP_ROUTE[0]!), edge };
  if (/(^|\/)pages\/api\//.test(rel)) return { kind: 'next-api-route', line: at(/export\s+default\b/), edge };
  if (/^\s*['"]use server['"]/m.test(code)) return { kind: 'next-server-action', line: at(/['"]use server['"]/), edge };
  if (/(^|\/)netlify\/(edge-)?functions\//.test(rel)) return { kind: 'netlify-function', line: at(/export\s+(default|const\s+handler|async\s+function\s+handler|function\s+handler)|exports\.handler/), edge };
  if (/^api\/.+\.[cm]?[jt]s$/.test(rel) && /export\s+default\b|module\.exports\s*=/.test(code)) return { kind: 'vercel-function', line: at(/export\s+default\b|module\.exports\s*=/), edge };
  const lambda = /export\s+(?:const|let)\s+handler\s*[:=]|export\s+(?:async\s+)?function\s+handler\b|(?:module\.)?exports\.handler\s*=/;
  if (lambda.test(code)) return { kind: 'aws-lambda', line: at(lambda), edge };
  return undefined;
}

/**
 * The text the facts are read from: a source file without comments. A source file is one block
 * whose code is the file's text, which the import graph has already blanked: lexing it again was a
 * tenth of a scan of a big tree.
 */
function factsText(file: DiscoveredFile): string {
  if (file.kind !== 'source') return file.text;
  const only = file.blocks.length === 1 ? file.blocks[0]! : undefined;
  return only !== undefined && only.code === file.text ? blankedOf(only).comments : stripComments(file.text);
}

/**
 * Whether `serverlessOf` can find a handler in this file at all: each of its answers needs a path
 * convention or a word (`use server`, `handler`) that blanking comments cannot create, so a file
 * without them is settled without lexing it (most backend files of a big tree). `saysWord`: whether
 * its raw text holds either word.
 */
function mayBeServerless(path: string, pkg: string, saysWord: boolean): boolean {
  const rel = withinPackage(path, pkg);
  return saysWord || /(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$|(^|\/)pages\/api\/|(^|\/)netlify\/(edge-)?functions\/|^api\/.+\.[cm]?[jt]s$/.test(rel);
}

/** Only the serverless handler a file is, for the pass that visits every backend file. */
export function serverlessFacts(file: DiscoveredFile, pkg: string, saysWord = file.text.includes('use server') || file.text.includes('handler')): FileFacts['serverless'] {
  return mayBeServerless(file.path, pkg, saysWord) ? serverlessOf(file.path, pkg, factsText(file)) : undefined;
}

export function fileFacts(file: DiscoveredFile, pkg: string, serverless = serverlessFacts(file, pkg)): FileFacts {
  const code = factsText(file);
  const triggers = new Set<TriggerKind>();
  const rel = withinPackage(file.path, pkg);
  if (HTTP_ROUTE.some((p) => p.test(code)) || /(^|\/)pages\/api\/|\+server\.[jt]s$|(^|\/)server\/(api|routes)\//.test(rel)) triggers.add('http-route');
  if (/^\s*['"]use server['"]/m.test(code)) triggers.add('server-action');
  if (QUEUE_CONSUMER.test(code)) triggers.add('queue-consumer');
  if (CRON.test(code)) triggers.add('cron');
  if (WEBHOOK.test(code) || /webhook/i.test(rel)) triggers.add('webhook-handler');
  if (serverless) triggers.add('serverless-function');
  if (serverless?.kind === 'next-route-handler' || serverless?.kind === 'vercel-function' || serverless?.kind === 'netlify-function') triggers.add('http-route');
  return { triggers, ...(serverless ? { serverless } : {}) };
}
