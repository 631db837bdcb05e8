import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../paths.js';

/**
 * Build step (`npm run build`, after tsc): links the compiled CLI into `dist/bundle/`, the command
 * the package's `bin` runs. Node resolves and instantiates ES modules one file at a time, and the
 * CLI with zod, commander and its own modules is some 250 of them: on a 2-core runner that is
 * 0.1–0.2 s of every scan before a file is read, more than reading a 10,000-file tree takes.
 * tsc stays the compiler; esbuild only joins its output, so the code that runs is the code tsc
 * checked, and its source maps chain back to the TypeScript.
 *
 * One file, not split into chunks: an `await import()` inside it still runs its module only when
 * reached (the HTML reporter, the cost model, the cache), and V8 compiles a function only when it
 * is first called, so the unused parts cost a pre-parse. Split, a scan loaded 63 chunks; whole
 * processes side by side, a scan of an empty folder took 0.12 s split and 0.105 s as one file,
 * and no command got slower. Left outside the bundle: ts-morph and the TypeScript compiler it bundles
 * (loaded by `createRequire` only when a file needs a syntax tree, and 10 MB of code that should
 * not be parsed twice), and jsonc-parser, whose UMD build `require`s its own files by computed path.
 */
const entry = join(packageRoot, 'dist', 'src', 'cli', 'bin.js');
const outdir = join(packageRoot, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
} as const;
// The CLI itself, as `main.js`.
await build({
  ...common,
  entryPoints: [{ in: join(packageRoot, 'dist', 'src', 'cli', 'main.js'), out: 'main' }],
  outdir,
  external: ['ts-morph', '@ts-morph/common', 'typescript', 'jsonc-parser'],
  // CommonJS dependencies (commander, ignore, picocolors) call `require` for Node's built-ins;
  // in an ES module that name has to be made.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
});
// The entry stays a file of its own that imports `main.js`: `--debug` turns source maps on there,
// before the CLI's code loads, so the CLI's stack frames are mapped back to the TypeScript.
await build({ ...common, entryPoints: [{ in: entry, out: 'pusher-advisor' }], outdir, external: ['./main.js'] });
chmodSync(join(outdir, 'pusher-advisor.js'), 0o755);
// The unbundled entry stays runnable: npx keeps the bin link it made for a local package in its
// cache (~/.npm/_npx) and does not remake it when `bin` moves, so a checkout that ran
// `npx pusher-advisor` before this build would otherwise get "Permission denied".
chmodSync(entry, 0o755);
