import { Node } from '../../src/morph.js';
import { objectLiteralOf, objectProperties, shortText, unwrap } from '../../src/analysis/ast.js';
import { SDK_SECRET_OPTIONS, SECRET_BEARING_OPTIONS } from '../../src/pusher/secrets.js';
import type { ServerInstance } from '../../src/inventory/types.js';
import { envVarName, targetsLoopback } from '../../src/inventory/values.js';
import { secretStaysOut } from './bundled-env.js';
import { reasonOf, ships } from './shipping.js';
import type { Scan } from './index.js';

/** (a) The server SDK created in code that ships to the browser. */

/** Server options whose environment variables are credentials. */
const SECRET_OPTIONS = new Set([...SDK_SECRET_OPTIONS, ...SECRET_BEARING_OPTIONS]);

export function checkServers(scan: Scan): void {
  const { ctx } = scan;
  for (const server of ctx.model.inventory.servers) {
    for (const key of SECRET_OPTIONS) {
      const v = server.options[key];
      if (v?.kind === 'env') scan.usedAsSecret.add(v.name);
    }
    const env = ships(ctx, server.location.file);
    if (!env) continue;
    scan.reportedServers.push(server.node);
    ctx.forFile(server.location.file, () => {
      if (clientShaped(server)) {
        ctx.report({ node: server.node, messageId: 'serverSdkAsClient', data: { construct: shortText(server.node, 60), file: server.location.file, reason: reasonOf(env) } });
        return;
      }
      const secret = server.options.secret;
      const framework = secretStaysOut(ctx.model, server);
      if (framework !== undefined && secret?.kind === 'env') {
        ctx.report({ node: server.node, messageId: 'serverSdkBundled', data: { construct: constructText(server), file: server.location.file, reason: reasonOf(env), name: secret.name, framework } });
        return;
      }
      // soketi or pusher-fake on the developer's machine: the secret shipped is that server's own.
      const local = targetsLoopback(server.options);
      const secretNote = secret?.kind === 'env' ? ` (read here from \`${secret.name}\`)` : secret?.kind === 'redacted' ? ' (written here as a literal)' : '';
      ctx.report({
        node: server.node,
        messageId: 'serverSdkInClient',
        ...(local ? { severity: 'medium' as const } : {}),
        data: {
          construct: constructText(server),
          file: server.location.file,
          reason: reasonOf(env),
          secretNote: local ? `${secretNote}, here only that of a server on the developer's machine, until the host is pointed anywhere else` : secretNote,
        },
      });
    });
  }
}

/**
 * `new Pusher(key, { cluster, authEndpoint })` with `Pusher` from `pusher`: pusher-js's signature,
 * a mistaken import. The server SDK takes one options object, so the secret, if any, would be there;
 * a key first (with client options, or alone) carries none.
 */
function clientShaped(server: ServerInstance): boolean {
  if (server.construction !== 'new' || !Node.isNewExpression(server.node)) return false;
  const [first, second] = server.node.getArguments();
  // `new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY)`: a key alone, as pusher-js takes it (an identifier may be an options object).
  if (first && !second) return Node.isStringLiteral(unwrap(first)) || Node.isNoSubstitutionTemplateLiteral(unwrap(first)) || envVarName(first) !== undefined;
  if (!first || !second || objectLiteralOf(first) || !objectLiteralOf(second)) return false;
  const props = objectProperties(second);
  return ![...SECRET_OPTIONS].some((k) => props.has(k)) && [...props.keys()].some((k) => CLIENT_OPTIONS.has(k));
}

/** Options only pusher-js takes. */
const CLIENT_OPTIONS = new Set(['authEndpoint', 'authTransport', 'auth', 'channelAuthorization', 'userAuthentication', 'forceTLS', 'encrypted', 'wsHost', 'wsPort', 'enabledTransports', 'cluster']);

function constructText(server: ServerInstance): string {
  if (server.construction === 'forURL') return '`Pusher.forURL(…)`';
  if (server.construction === 'forCluster') return '`Pusher.forCluster(…)`';
  if (server.construction === 'module') return '`PusherModule.forRoot(…)`';
  return '`new Pusher({ appId, key, secret })`';
}
