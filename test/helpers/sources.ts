import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceText } from './architecture.js';

/** Every TypeScript source file below `dir` (repo-relative, POSIX paths), leaving out rule fixtures (scanned apps, not our code). */
export function sources(dir: string): SourceText[] {
  const out: SourceText[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name).split('\\').join('/');
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures' && entry.name !== 'node_modules') out.push(...sources(path));
    } else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push({ path, text: readFileSync(path, 'utf8') });
  }
  return out;
}
