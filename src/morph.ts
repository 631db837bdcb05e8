import { createRequire } from 'node:module';
import type * as Morph from 'ts-morph';

/**
 * ts-morph's runtime values (`Node`, `SyntaxKind`, `ts`, `Project`), loaded on first use.
 *
 * Loading ts-morph means loading the TypeScript compiler it bundles: on a 2-core CI runner that
 * costs more than listing and reading ten thousand files, and a repository without Pusher never
 * needs a syntax tree. So nothing imports ts-morph's values directly: code imports them from here
 * (types still come from 'ts-morph' with `import type`), and test/engine/lazy-morph.test.ts fails
 * when a scan of a project without Pusher loads it.
 *
 * The exports are live bindings. Each starts as a stand-in that loads ts-morph on its first
 * property access and then rebinds every export to ts-morph's own object, so hot paths
 * (`Node.isCallExpression`, called for every node of every parsed file) never go through the
 * stand-in. Touching one at module top level works but loads ts-morph at import time: keep such
 * tables lazy.
 */

const require = createRequire(import.meta.url);
let loaded: typeof Morph | undefined;

/** ts-morph itself, loading it now if nothing has yet. */
export function morph(): typeof Morph {
  if (loaded === undefined) {
    loaded = require('ts-morph') as typeof Morph;
    Node = loaded.Node;
    SyntaxKind = loaded.SyntaxKind;
    ts = loaded.ts;
  }
  return loaded;
}

/** Whether anything has needed ts-morph in this process yet. */
export function morphLoaded(): boolean {
  return loaded !== undefined;
}

function standIn<T extends object>(pick: (m: typeof Morph) => T): T {
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(pick(morph()), key),
    has: (_target, key) => Reflect.has(pick(morph()), key),
  });
}

/* eslint-disable import/no-mutable-exports -- rebound once, by `morph()`; see above. */
export let Node: typeof Morph.Node = standIn((m) => m.Node);
export type Node<T extends Morph.ts.Node = Morph.ts.Node> = Morph.Node<T>;
export let SyntaxKind: typeof Morph.SyntaxKind = standIn((m) => m.SyntaxKind);
export type SyntaxKind = Morph.SyntaxKind;
export let ts: typeof Morph.ts = standIn((m) => m.ts);
