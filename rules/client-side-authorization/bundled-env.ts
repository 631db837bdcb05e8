import { Node } from '../../src/morph.js';
import type { ScanModel } from '../../src/engine/rule.js';
import type { ServerInstance } from '../../src/inventory/types.js';
import { declaredDependencies } from '../../src/inventory/runtime.js';
import { envVarName, isBundlerEnv } from '../../src/inventory/values.js';
import { publicPrefix } from '../../src/analysis/public-env.js';

/**
 * Whether a server SDK bundled into client code takes its secret along. Next.js, Vite, Create React
 * App, Vue CLI, Nuxt, SvelteKit, Expo and Gatsby copy into the browser bundle only the
 * `process.env` / `import.meta.env` names with their public prefix, so `secret:
 * process.env.PUSHER_SECRET` is undefined there: the SDK ships, the secret does not. Not so when
 * the framework's config inlines the name (Next's `env`, Vite's `define`), when the read is an
 * `@env` / react-native-config import (those ship every name), or for other bundlers (Parcel and
 * dotenv-webpack inline every name they see).
 */

const PREFIX_FILTERING: Record<string, string> = {
  next: 'Next.js',
  vite: 'Vite',
  'react-scripts': 'Create React App',
  '@vue/cli-service': 'Vue CLI',
  nuxt: 'Nuxt',
  '@sveltejs/kit': 'SvelteKit',
  expo: 'Expo',
  gatsby: 'Gatsby',
};

const FRAMEWORK_CONFIG = /(^|\/)(next|vite|nuxt|svelte|gatsby-config|vue)\.config\.[cm]?[jt]s$|(^|\/)app\.(json|config\.[jt]s)$/;

/** The framework that keeps the server SDK's secret out of the bundle, or undefined when it may ship. */
export function secretStaysOut(model: ScanModel, server: ServerInstance): string | undefined {
  const secret = server.options.secret;
  if (secret?.kind !== 'env' || secret.fallback !== undefined || publicPrefix(secret.name) !== undefined) return undefined;
  const reads = server.node.getDescendants().filter((n) => (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) && envVarName(n) === secret.name);
  if (reads.length === 0 || !reads.every((r) => isBundlerEnv((r as Node & { getExpression(): Node }).getExpression()))) return undefined;
  return prefixFilteringFramework(model, server.location.file, secret.name);
}

/**
 * The framework that leaves the unprefixed `name` out of the browser bundle of `file`'s package
 * (a `process.env.PUSHER_SECRET` read there is `undefined` in the browser), or undefined when the
 * name may ship: another bundler, or the framework's config inlines it.
 */
export function prefixFilteringFramework(model: ScanModel, file: string, name: string): string | undefined {
  const dir = model.packageOf(file);
  const pkg = model.fileByPath.get(dir ? `${dir}/package.json` : 'package.json');
  const deps = pkg ? declaredDependencies(pkg.text) : undefined;
  const framework = deps?.map((d) => PREFIX_FILTERING[d]).find((f) => f !== undefined);
  if (framework === undefined) return undefined;
  const inlined = model.matching(name).some((f) => FRAMEWORK_CONFIG.test(f.path) && model.packageOf(f.path) === dir);
  return inlined ? undefined : framework;
}
