import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The floor the scan is measured against: a plain Node script that lists and reads every file the
 * scan would consider (same extensions, same default-excluded folders) and does nothing else.
 * Usage: node floor.js <dir>. Prints the number of files and bytes read.
 */

const SKIP_DIRS = new Set(['.git', 'node_modules', 'bower_components', 'vendor', 'dist', 'build', 'out', '.next', '.nuxt', '.svelte-kit', '.output', '.yarn', 'coverage']);
const EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|vue|svelte|html?|json|ya?ml)$/i;
const CONCURRENCY = 32;

async function list(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  const subdirs: Promise<void>[] = [];
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) subdirs.push(list(join(dir, e.name), out));
    } else if (e.isFile() && (EXTENSIONS.test(e.name) || e.name === '.env' || e.name.startsWith('.env.')) && !/\.d\.[mc]?ts$/.test(e.name)) {
      out.push(join(dir, e.name));
    }
  }
  await Promise.all(subdirs);
}

const root = process.argv[2];
if (!root) throw new Error('usage: floor.js <dir>');
const files: string[] = [];
await list(root, files);
let bytes = 0;
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < files.length) {
      // Not `bytes += await …`: that reads `bytes` before the await and loses the other workers' sums.
      const size = (await readFile(files[next++]!)).length;
      bytes += size;
    }
  }),
);
process.stdout.write(`${files.length} files, ${bytes} bytes\n`);
