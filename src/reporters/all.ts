import { FORMAT_NAMES, loadReporter, type FormatName, type Reporter } from './index.js';

/** Every reporter, loaded: the library's map by format name (the CLI loads only what it renders, `loadReporter`). */
export const reporters: Readonly<Record<FormatName, Reporter>> = Object.fromEntries(
  await Promise.all(FORMAT_NAMES.map(async (name) => [name, await loadReporter(name)] as const)),
) as Record<FormatName, Reporter>;
