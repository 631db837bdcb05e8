import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this module whether it runs from `src/` (tests) or `dist/src/` (built). */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pusher-advisor: cannot find its own package.json');
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot();
