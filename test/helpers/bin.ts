import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** The command the package's `bin` runs (the bundled CLI): tests run what users run. */
export const CLI_BIN = join(packageRoot, (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['pusher-advisor']!);
