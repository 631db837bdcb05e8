import type { FileEnvironment } from '../../src/inventory/types.js';
import type { Ctx } from './index.js';

/** Whether a file ends up in what the browser downloads, shared by every check of this rule. */

export function envOf(ctx: Ctx, file: string): FileEnvironment | undefined {
  return ctx.model.environments.get(file);
}

/** `import 'server-only'` makes the build fail when client code imports the module, so it never ships. */
function serverOnly(ctx: Ctx, file: string): boolean {
  return (ctx.model.graph.imports.get(file) ?? []).some((e) => e.specifier === 'server-only');
}

export function ships(ctx: Ctx, file: string): FileEnvironment | undefined {
  const env = envOf(ctx, file);
  return env?.shipsToClient && !serverOnly(ctx, file) ? env : undefined;
}

export function reasonOf(env: FileEnvironment): string {
  return env.reasons[0] ?? 'client code';
}
