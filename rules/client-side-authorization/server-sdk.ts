import { SDK_SECRET_OPTIONS, SECRET_BEARING_OPTIONS } from '../../src/pusher/secrets.js';
import type { ServerInstance } from '../../src/inventory/types.js';
import { targetsLoopback } from '../../src/inventory/values.js';
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

function constructText(server: ServerInstance): string {
  if (server.construction === 'forURL') return '`Pusher.forURL(…)`';
  if (server.construction === 'forCluster') return '`Pusher.forCluster(…)`';
  if (server.construction === 'module') return '`PusherModule.forRoot(…)`';
  return '`new Pusher({ appId, key, secret })`';
}
