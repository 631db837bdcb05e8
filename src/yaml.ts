import { createRequire } from 'node:module';

/**
 * The yaml package, loaded on first use (as `morph.ts` loads ts-morph). Only a YAML file holding a
 * suppression directive, a YAML config file or a config error needs it, and loading it costs a
 * scan without any of them more than its whole sweep for directives.
 */

const require = createRequire(import.meta.url);
let loaded: typeof import('yaml') | undefined;

export function yaml(): typeof import('yaml') {
  return (loaded ??= require('yaml') as typeof import('yaml'));
}
