import type { Ctx } from './index.js';
import { envLines, isExampleEnvFile, isPlaceholder, isPusherSecretName, publicData, secretValue } from './secrets.js';
import { publicPrefix } from '../../src/analysis/public-env.js';

/** Committed `.env` files that put a Pusher secret under a browser-exposed prefix. */
export function checkEnvFiles(ctx: Ctx, usedAsSecret: ReadonlySet<string>): void {
  for (const file of ctx.model.files) {
    if (file.kind !== 'env') continue;
    ctx.forFile(file.path, () => {
      const example = isExampleEnvFile(file.path);
      for (const line of envLines(file)) {
        const prefix = publicPrefix(line.name);
        if (!prefix || !isPusherSecretName(line.name, usedAsSecret)) continue;
        // Example files document names; with a placeholder value nothing is exposed yet.
        if (example && isPlaceholder(line.value)) continue;
        const secret = secretValue(line.value);
        ctx.report({
          file: file.path,
          range: line.range,
          messageId: 'publicEnvSecret',
          data: publicData(line.name, prefix, ` (set in \`${file.path}\`)`),
          ...(secret ? { secrets: [secret] } : {}),
          fingerprintText: line.name,
        });
      }
    });
  }
}
