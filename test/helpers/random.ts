/**
 * mulberry32: a small seeded PRNG, the same on every machine, so generated trees and series are
 * identical on every run. The one copy for TypeScript; `examples/usage/generate.mjs` keeps its own
 * because it runs with plain `node` and no build, and Node 20 cannot import TypeScript.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
