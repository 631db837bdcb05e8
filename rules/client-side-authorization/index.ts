import type { SourceFile } from 'ts-morph';
import { Node } from '../../src/morph.js';
import * as z from 'zod';
import { unservedRoute } from '../../src/analysis/served.js';
import { defineRule, PRODUCT_CODE, type RuleContext, type RuleMessage } from '../../src/engine/rule.js';
import type { FileEnvironment, Operation } from '../../src/inventory/types.js';
import { envVarName, isBundlerEnv } from '../../src/inventory/values.js';
import { constInitializer, shortText, unwrap } from '../../src/analysis/ast.js';
import { describe, presenceClaims, PRIVILEGE_FIELD, type ClientClaim } from '../../src/analysis/claims.js';
import { gateOnClaims, publicKeyRefusal, requestDecisions } from '../../src/analysis/guards.js';
import { serverSchemaVariable } from '../../src/analysis/env-schema.js';
import { handlerOf } from '../../src/analysis/request.js';
import { isPlaceholder, isPusherSecretName, publicData, secretKind } from './secrets.js';
import { publicPrefix } from '../../src/analysis/public-env.js';
import { signingCalls } from './signing.js';
import { prefixFilteringFramework } from './bundled-env.js';
import { checkResponses } from './responses.js';
import { checkEnvFiles } from './env-files.js';
import { envOf, reasonOf, ships } from './shipping.js';
import { checkServers } from './server-sdk.js';
import { clientEventNames, guestEndpoint, nothingNeedsSigning } from './guarded-channels.js';
import { signingGaps, type SigningGap } from '../../src/inventory/signers.js';

export const optionsSchema = z.object({});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds = 'serverSdkInClient' | 'serverSdkBundled' | 'serverSdkAsClient' | 'serverSdkInResponse' | 'secretInClient' | 'publicEnvSecret' | 'clientSigning' | 'trustsClientIdentity' | 'signsAnything';

const messages: Record<MessageIds, RuleMessage> = {
  serverSdkInClient: {
    text:
      'The Pusher server SDK ({{construct}}) is created in `{{file}}`, which ships to the browser ({{reason}}). The server SDK carries the app secret{{secretNote}}, which signs every subscription and publishes to every channel; anything in a bundle can be read by anyone. Create it only in server code (an API route, or a module that imports `server-only`) and give browser code pusher-js with the public key.',
    otherSeverities: { medium: 'when the instance talks to a server on localhost (soketi, pusher-fake): the secret that ships is that local server\'s' },
  },
  serverSdkBundled: {
    text:
      'The Pusher server SDK ({{construct}}) is created in `{{file}}`, which ships to the browser ({{reason}}). Its secret is read from `{{name}}`, which {{framework}} does not copy into client code, so the secret stays out of the bundle and the browser copy can neither sign nor publish; but every visitor downloads the server SDK, and renaming the variable to a public one, the usual fix when it comes up undefined, would publish the secret. Move the server SDK to server-only code (an API route, or a module that imports `server-only`) and export only the pusher-js client from here.',
    severity: 'medium',
  },
  serverSdkAsClient: {
    text:
      '`{{construct}}` in `{{file}}`, which ships to the browser ({{reason}}), is the Pusher server SDK (imported from `pusher`) called the way pusher-js is, with the public app key first. No secret is passed, so none leaks here; but the server SDK cannot connect or subscribe (it has no `subscribe`), so this realtime code fails, every visitor downloads the server SDK, and the usual next step when it does not work is to hand it the secret. Import `Pusher` from `pusher-js` here.',
    severity: 'low',
  },
  serverSdkInResponse: {
    text:
      '`{{expr}}`, the Pusher server SDK created at `{{where}}`, is sent in a response (`{{sink}}`). The instance keeps its options as plain fields, so serialising it sends its `config`, app key and secret included, to whoever calls this endpoint; with the secret they can sign any private or presence channel and publish events. Send only what the caller needs (the public key and cluster, or the result of a trigger), and rotate the secret if this was deployed.',
  },
  secretInClient: {
    text:
      '`{{name}}`, the Pusher {{kind}}, is {{verb}} in `{{file}}`, which ships to the browser ({{reason}}). Whatever a bundle contains can be read by anyone, and with the secret they can join any private or presence channel and publish events. Read it only in server code and sign subscriptions in your auth endpoint.',
  },
  publicEnvSecret: {
    text:
      '`{{name}}` keeps the Pusher {{kind}} under the `{{prefix}}` prefix, which {{framework}} inlines into the {{bundle}} wherever client code reads it{{where}}. Whoever has the secret can sign subscriptions to any channel and publish events. Rename it without the prefix (e.g. `{{suggested}}`), read it only on the server, and rotate the secret if it was ever deployed.',
    otherSeverities: { high: 'when only code that does not ship to the browser reads it: the exposure is latent' },
  },
  clientSigning: {
    text:
      'The `{{hook}}` of this Pusher client signs the subscription in the browser with `{{what}}`. That needs the app secret in the bundle, so anyone can copy it and sign any channel or publish events. Have the handler call your server auth endpoint (`fetch`), which checks the session and calls `pusher.authorizeChannel`.',
  },
  trustsClientIdentity: {
    text:
      '{{what}} comes from the request (`{{source}}`), which the caller chooses: {{impact}}. Take identity and permissions from the verified session (`req.user`, `getServerSession()`, `locals.user`), never from the request.',
    severity: 'high',
  },
  signsAnything: {
    text:
      '`{{call}}` signs the channel the caller asked for (`{{channel}}`) {{gap}}, so {{impact}}. Before signing, check {{fix}}, and answer 403 otherwise.',
    severity: 'high',
    otherSeverities: {
      medium: 'when the session is checked but not the channel, and no client sends client events (which would make the signature a write grant); or when the endpoint makes up the member id itself, so the app has no accounts to expose',
      low: 'when the scanned code holds the client side and subscribes to and publishes on public channels only: nothing needs the signature yet',
    },
  },
};

/** Variable and property names that hold a Pusher secret literal. */
const SECRET_HOLDER = /^(pusher_?)?(app_?)?secret$|pusher\w*secret|master_?key/i;
const SECRET_TEXT = /secret|master_?key/i;
/** Text any env read `checkSource` reports must contain: the name says Pusher (or a server speaking its protocol). */
const PUSHER_TEXT = /pusher|soketi|reverb/i;
/**
 * Text a `SECRET_HOLDER` holding a string literal must contain (`secret = '…'`, `appSecret: <string>'…'`,
 * `'masterKey': ('…')`). With the two tests above, a file that fails all three cannot be reported, so
 * it is not parsed: parsing is what a scan of a big tree without Pusher would otherwise spend its time on.
 */
const SECRET_LITERAL_TEXT = /(?:(?<![\w$])(?:app_?)?secret|master_?key\w*)['"]?\s*(?::[^=;,]*)?[=:]\s*(?:[(\s]|<[^>]*>)*['"`]/i;

export type Ctx = RuleContext<Options, MessageIds>;

export interface Scan {
  ctx: Ctx;
  /** Env var names the code uses as a Pusher secret (server `secret` option, client HMAC key). */
  usedAsSecret: Set<string>;
  /** Secret literals already reported, so a literal both named like a secret and used as an HMAC key is one finding. */
  reportedLiterals: Set<Node>;
  /** Server SDK constructions reported as shipping, whose own secret reads are part of that finding. */
  reportedServers: Node[];
}

// ---- (a) server SDK and secrets in browser code ----

/** Secret reads and literals anywhere in code: public-prefixed secrets everywhere, others in browser code. */
function checkCode(scan: Scan): void {
  const { ctx } = scan;
  for (const file of ctx.model.matching(SECRET_TEXT)) {
    if (file.blocks.length === 0) continue;
    // Text tests first: a file's environment can cost lexing the whole tree on first use.
    const namesSecret = PUSHER_TEXT.test(file.text) || [...scan.usedAsSecret].some((name) => file.text.includes(name));
    if (!namesSecret && !SECRET_LITERAL_TEXT.test(file.text)) continue;
    if (!ctx.appliesTo(file.path)) continue;
    if (!namesSecret && !ships(ctx, file.path)) continue;
    ctx.forFile(file.path, () => {
      const shipping = ships(ctx, file.path);
      for (const script of ctx.model.project.ensure(file.path)) checkSource(scan, script.sourceFile, file.path, shipping);
    });
  }
}

function checkSource(scan: Scan, sf: SourceFile, file: string, shipping: FileEnvironment | undefined): void {
  const { ctx } = scan;
  sf.forEachDescendant((node) => {
    const name = envRead(node);
    if (name !== undefined) {
      if (!isPusherSecretName(name, scan.usedAsSecret)) return;
      const prefix = publicPrefix(name);
      if (prefix) {
        // Frameworks inline a prefixed name only where client code reads it, so a read in code that
        // does not ship has not put the secret in a bundle yet: the prefix invites the first one that will.
        if (shipping) ctx.report({ node, messageId: 'publicEnvSecret', data: publicData(name, prefix, `, and \`${file}\` is client code`) });
        else ctx.report({ node, messageId: 'publicEnvSecret', severity: 'high', data: publicData(name, prefix, `; here \`${file}\` reads it and does not ship to the browser, so the exposure is latent until a client module does`) });
      } else if (shipping && !serverSchemaVariable(node, name)) {
        // Next.js, Vite, CRA and Vue CLI inline only prefixed `process.env`/`import.meta.env` names, so
        // the browser gets `undefined` for this read, and inside a construction already reported the read
        // is that finding's cause; either way a literal fallback does ship. react-native-config, `@env`
        // and other bundlers ship every name: still reported.
        if (prefixFiltered(node) && (insideReportedServer(scan, node) || prefixFilteringFramework(ctx.model, file, name) !== undefined)) reportFallbackLiteral(scan, node, name);
        else ctx.report({ node, messageId: 'secretInClient', data: { name, kind: secretKind(name), verb: 'read', file, reason: reasonOf(shipping) } });
      }
      return;
    }
    if (shipping && (Node.isVariableDeclaration(node) || Node.isPropertyAssignment(node))) {
      const holder = node.getName();
      const init = node.getInitializer();
      const value = init ? unwrap(init) : undefined;
      if (!value || !SECRET_HOLDER.test(holder) || !(Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value))) return;
      // The secret of a shipping construction is that finding's own evidence ("written here as a literal").
      if (insideReportedServer(scan, value)) return;
      reportLiteral(scan, value, holder);
    }
  });
}

function prefixFiltered(read: Node): boolean {
  return (Node.isPropertyAccessExpression(read) || Node.isElementAccessExpression(read)) && isBundlerEnv(read.getExpression());
}

function insideReportedServer(scan: Scan, node: Node): boolean {
  return scan.reportedServers.some((server) => server.getSourceFile().getFilePath() === node.getSourceFile().getFilePath() && server.getPos() <= node.getPos() && node.getEnd() <= server.getEnd());
}

/** `process.env.PUSHER_SECRET || 'literal'` (or `??`): the literal is what the browser gets. */
function reportFallbackLiteral(scan: Scan, read: Node, name: string): void {
  let outer: Node = read;
  while (Node.isNonNullExpression(outer.getParent()) || Node.isParenthesizedExpression(outer.getParent())) outer = outer.getParent()!;
  const parent = outer.getParent();
  if (!Node.isBinaryExpression(parent) || parent.getLeft() !== outer) return;
  const op = parent.getOperatorToken().getText();
  if (op === '||' || op === '??') reportLiteral(scan, unwrap(parent.getRight()), name);
}

function reportLiteral(scan: Scan, value: Node, holder: string): void {
  if (!Node.isStringLiteral(value) && !Node.isNoSubstitutionTemplateLiteral(value)) return;
  const literal = value.getLiteralText();
  const file = scan.ctx.model.project.locate(value)?.file;
  const shipping = file === undefined ? undefined : ships(scan.ctx, file);
  if (!shipping || literal.length < 8 || isPlaceholder(literal) || scan.reportedLiterals.has(value)) return;
  scan.reportedLiterals.add(value);
  scan.ctx.report({
    node: value,
    messageId: 'secretInClient',
    data: { name: holder, kind: secretKind(holder), verb: 'written as a literal', file: file!, reason: reasonOf(shipping) },
    secrets: [literal],
  });
}

/** The variable an expression reads from the environment, including `const { X } = process.env`. */
function envRead(node: Node): string | undefined {
  if (Node.isIdentifier(node)) {
    const parent = node.getParent();
    // The import of a `$env/static/*` name is not a read; its uses are.
    if (Node.isImportSpecifier(parent) || (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node)) return undefined;
    if (Node.isBindingElement(parent)) return undefined;
  }
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node) || Node.isIdentifier(node) || Node.isCallExpression(node)) {
    return envVarName(node);
  }
  if (Node.isBindingElement(node)) {
    const holder = node.getParent()?.getParent();
    const init = holder && Node.isVariableDeclaration(holder) ? holder.getInitializer() : undefined;
    if (init && isBundlerEnv(init)) {
      return node.getPropertyNameNode()?.getText() ?? node.getName();
    }
  }
  return undefined;
}

// ---- (b) signatures computed in the browser ----

function checkClientSigning(scan: Scan, sdkOps: ReadonlyMap<Node, Operation>): void {
  const { ctx } = scan;
  for (const client of ctx.model.inventory.clients) {
    const env = envOf(ctx, client.location.file);
    if (!ctx.appliesTo(client.location.file) || env?.kind === 'server') continue;
    ctx.forFile(client.location.file, () => {
      for (const signing of signingCalls(client, sdkOps)) {
        // The key of an HMAC: an env var becomes a known Pusher secret name, a const literal is reported where it is written.
        for (const arg of signing.node.getArguments()) {
          const name = envVarName(arg);
          if (name) scan.usedAsSecret.add(name);
          const u = unwrap(arg);
          const init = Node.isIdentifier(u) ? constInitializer(u) : undefined;
          if (init) reportLiteral(scan, unwrap(init), u.getText());
        }
        ctx.report({ node: signing.node, messageId: 'clientSigning', data: { hook: signing.hook, what: shortText(unwrap(signing.node.getExpression()), 50) } });
      }
    });
  }
}

// ---- (c), (d) auth endpoints ----

const SIGNING_KINDS = new Set(['authorizeChannel', 'authenticate', 'authenticateUser']);

function checkEndpoints(scan: Scan): void {
  const { ctx } = scan;
  // One answer for the whole scan, asked only once an endpoint is reported.
  let nothing: boolean | undefined;
  const idle = (): boolean => (nothing ??= nothingNeedsSigning(ctx.model.inventory));
  for (const op of ctx.model.inventory.operations) {
    if (op.side !== 'server' || !SIGNING_KINDS.has(op.kind)) continue;
    const env = envOf(ctx, op.location.file);
    // A route file no framework serves (a backup copy) answers no one: its endpoint findings would be about code that never runs.
    if (!ctx.appliesTo(op.location.file) || env?.shipsToClient || unservedRoute(op.location.file, ctx.model) !== undefined) continue;
    ctx.forFile(op.location.file, () => checkClaims(ctx, op));
    for (const gap of signingGaps(op, ctx.model)) if (ctx.appliesTo(gap.file)) ctx.forFile(gap.file, () => reportGap(ctx, gap, idle));
  }
}

const ID_FIELD = /(^|\.)(user_?id|id|uid|userId)$/;

function checkClaims(ctx: Ctx, op: Operation): void {
  const handler = handlerOf(op.node);
  if (!handler) return;
  const claims: Array<ClientClaim & { decision: boolean }> = [];
  const presence = op.payloadNode ? presenceClaims(op.payloadNode) : [];
  // Once the caller picks the id, a name it picks adds nothing: it joins as anyone, under any name.
  // A role it picks is reported still: that shows others a privilege, not an identity.
  const idChosen = presence.some((c) => ID_FIELD.test(c.field));
  // Guests (a made-up id, no accounts) picking their display name is the design: no one else's name
  // to take. A role, or the whole user_info, they pick is reported still.
  const guests = !idChosen && guestEndpoint(ctx.model, handler, op.node);
  const reported = (c: ClientClaim): boolean => ID_FIELD.test(c.field) || PRIVILEGE_FIELD.test(c.field) || !c.field.includes('.') || (!idChosen && !guests);
  claims.push(...presence.filter(reported).map((c) => ({ ...c, decision: false })));
  claims.push(...requestDecisions(handler, op.node).map((c) => ({ ...c, decision: true })));
  for (const claim of claims) {
    const isId = ID_FIELD.test(claim.field);
    ctx.report({
      node: claim.node,
      messageId: 'trustsClientIdentity',
      data: {
        what: claim.decision
          ? `The access decision on \`${claim.field}\``
          : op.kind === 'authenticateUser'
            ? `The signed-in user's \`${claim.field}\``
            : `Presence \`${claim.field}\``,
        source: claim.source,
        impact: claim.decision
          ? 'anyone can send it and be let in'
          : isId
            ? 'anyone can join as any user, appear in the member list as them and read what is meant for them'
            : 'anyone can show other members whatever name or role they like',
      },
    });
  }
}

function reportGap(ctx: Ctx, signing: SigningGap, nothingToOpen: () => boolean): void {
  const { identity, channelCheck, partial } = signing;
  if (identity && channelCheck) return;
  const only = partial ? ', and checks the channel only for the names one condition picks (every other name is signed as asked)' : '';
  const gate = identity ? undefined : gateOnClaims(signing.handler, signing.site, signing.channelNode);
  const key = identity || gate ? undefined : publicKeyRefusal(signing.handler, signing.site);
  const asking = `without checking who is asking${gate ? ` (its refusal turns only on \`${describe(gate)}\`, which the caller sends)` : key ? ` (its refusal is decided with \`${key}\`, which ships in the browser bundle, so anyone can pass it)` : ''}`;
  const gap = !identity && !channelCheck ? `${asking}${partial ? only : ' or whether they may join it'}` : identity ? (partial ? `after checking the session${only}` : 'after checking the session but not the channel') : asking;
  // Client events are written by members: a signature for someone else's channel is a write grant too.
  const writes = identity ? clientEventNames(ctx.model) : [];
  // A member id the handler makes up means the app has no accounts: nobody to check, nobody to impersonate.
  const guests = !identity && guestEndpoint(ctx.model, signing.handler, signing.site);
  const impact = !identity
    ? `anyone who can reach this endpoint gets a valid signature for every private and presence channel${guests ? '; the member id is made up per request, so no account is exposed, but anyone who learns a room\'s channel name can join it and write to it' : ''}`
    : `any logged-in user can join any private or presence channel, other users' \`private-user-…\` channels included${writes.length > 0 ? `, and send the client events members send there (${writes.map((w) => `\`${w}\``).join(', ')}) as one of them` : ''}`;
  const fix = identity ? 'that this user may join this channel (e.g. `channel === `private-user-${user.id}`` or a membership lookup)' : 'the verified session, then that this user may join this channel';
  // With every channel public, the signature opens nothing today; the gap stays for the first private channel.
  const idle = nothingToOpen();
  ctx.report({
    node: signing.anchor,
    messageId: 'signsAnything',
    ...(idle ? { severity: 'low' as const } : (identity && writes.length === 0) || guests ? { severity: 'medium' as const } : {}),
    data: {
      call: callName(signing.site),
      channel: describe(signing.channelNode),
      gap,
      impact: idle
        ? `it would open the first private or presence channel added to ${identity ? 'every logged-in user' : 'anyone'} from the day it ships; today no code here subscribes to or publishes on one, so it opens nothing yet`
        : impact,
      fix: idle ? `${fix} (or remove the endpoint while nothing uses it)` : fix,
    },
  });
}

function callName(site: Node): string {
  return shortText(Node.isCallExpression(site) ? unwrap(site.getExpression()) : site, 40);
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'client-side-authorization',
    title: 'Pusher authorization must happen on the server',
    description:
      'Finds Pusher authorization done where the caller controls it: the server SDK, app secret or encryption master key in browser code or under a browser-exposed env prefix, subscriptions signed in the browser, and auth endpoints that take the user from the request or sign any channel without checking who may join it.',
    category: 'security',
    severity: 'critical',
    appliesTo: PRODUCT_CODE,
    requires: ['imports', 'inventory'],
    precision: 'high', // 20 of 22 correct on the two held-out sets
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    const scan: Scan = { ctx, usedAsSecret: new Set(), reportedLiterals: new Set(), reportedServers: [] };
    const sdkOps = new Map<Node, Operation>();
    for (const op of ctx.model.inventory.operations) if (SIGNING_KINDS.has(op.kind)) sdkOps.set(op.node, op);
    checkServers(scan);
    checkClientSigning(scan, sdkOps);
    checkCode(scan);
    checkEnvFiles(ctx, scan.usedAsSecret);
    checkResponses(ctx);
    checkEndpoints(scan);
  },
});

