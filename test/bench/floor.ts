import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The floor the scan is measured against: a plain Node script that lists and reads every file the
 * scan would consider (same extensions, same default-excluded folders) and does nothing else.
 * Usage: node floor.js <dir>. Prints the number of files and bytes read.
 *
 * Synchronous, because that is the fastest plain way on a tree in the page cache: on 10,000 small
 * files `readFileSync` in a loop takes 0.35 s where `fs/promises` with 32 reads in flight takes
 * 1.0 s. A slower floor would flatter every ratio.
 */

const SKIP_DIRS = new Set(['.git', 'node_modules', 'bower_components', 'vendor', 'dist', 'build', 'out', '.next', '.nuxt', '.svelte-kit', '.output', '.yarn', 'coverage', '.history']);
const EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|vue|svelte|html?|mustache|hbs|handlebars|ejs|njk|blade\.php|json|ya?ml|prisma)$/i;

function list(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) list(join(dir, e.name), out);
    } else if (e.isFile() && (EXTENSIONS.test(e.name) || e.name === '.env' || e.name.startsWith('.env.')) && !/\.d\.[mc]?ts$/.test(e.name)) {
      out.push(join(dir, e.name));
    }
  }
}

const root = process.argv[2];
if (!root) throw new Error('usage: floor.js <dir>');
const files: string[] = [];
list(root, files);
let bytes = 0;
for (const file of files) bytes += readFileSync(file).length;
process.stdout.write(`${files.length} files, ${bytes} bytes\n`);
