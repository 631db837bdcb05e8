import type { DiscoveredFile } from '../discovery/types.js';
import type { ImportGraph } from '../inventory/imports.js';
import type { ReadLog } from './reads.js';

/**
 * Which files the Pusher analysis needs parsed, decided from text and the import graph before any
 * AST exists. Most of a product's tree never touches Pusher; parsing it only to find nothing is
 * what made scans of monorepos slow.
 *
 * A file is a seed when its text can hold something the inventory recognises: the word Pusher
 * in any case (the SDKs, `new Pusher`, `window.Pusher`, `$pusher`, `usePusher`, `PUSHER_*` env
 * names), Soketi, Laravel's broadcasting auth route, `laravel-echo` / `@laravel/echo-*`, `Echo`
 * capitalised (`new Echo`, `window.Echo`), or an `echo` receiver (`this.echo.private(…)`,
 * `$echo.listen(…)`). A lowercase `echo` anywhere else is a shell helper or a logger: a
 * case-insensitive `Echo` once pulled every such file, and three levels of its imports, into the
 * parse. Around the seeds, the files the inventory follows are selected too: their importers (an
 * instance used through a wrapper module never says "pusher") and their imports three levels deep
 * (constants and helpers that name channels and events).
 */

const PUSHER_TEXT = /pusher|soketi|broadcasting\/auth|laravel-echo|@laravel\/echo/i;
const ECHO_GLOBAL = /\bEcho\b/;
const ECHO_RECEIVER = /\becho\s*\??\.\s*[A-Za-z_$]/i;
/** How far imports are followed from a seed to resolve constants and helpers. */
const IMPORT_DEPTH = 3;

/** Whether a file's own text can hold a Pusher client, server, operation or setting. */
export function mentionsPusher(file: DiscoveredFile): boolean {
  return PUSHER_TEXT.test(file.text) || ECHO_GLOBAL.test(file.text) || ECHO_RECEIVER.test(file.text) || file.scriptSrcs.some((s) => /pusher/i.test(s));
}

/**
 * Files that a running rule may sweep and parse on demand: those whose text matches a rule's
 * `meta.prefilter` (hardcoded-credentials: names of secrets, master keys, `user:password@` URLs).
 * Only a speed hint: parsing them together, once, saves rebuilding the type checker per file; a
 * file a rule asks for that is not here is parsed when asked, and parsing more than needed never
 * changes a result. Asked of the read log, which notes the sweep, not a read of every file.
 */
export function filesForRules(log: ReadLog, hints: readonly RegExp[]): DiscoveredFile[] {
  const hit = new Set(hints.flatMap((hint) => log.matching(hint).map((f) => f.path)));
  return log.files.filter((f) => f.blocks.length > 0 && hit.has(f.path));
}

/** The source files the inventory and the rules analyse: the seeds and their neighbourhood. */
export function selectForAnalysis(files: readonly DiscoveredFile[], graphOf: () => ImportGraph): Set<string> {
  const selected = new Set<string>();
  let frontier: string[] = [];
  for (const f of files) {
    if (f.blocks.length > 0 && mentionsPusher(f)) {
      selected.add(f.path);
      frontier.push(f.path);
    }
  }
  // Without a seed there is nothing to follow, and no reason to build the graph.
  if (selected.size === 0) return selected;
  const graph = graphOf();
  // Code that uses an instance through a wrapper module may never say "pusher" itself.
  for (const seed of [...selected]) {
    for (const edge of graph.importers.get(seed) ?? []) {
      if (!selected.has(edge.from) && !edge.typeOnly) {
        selected.add(edge.from);
        frontier.push(edge.from);
      }
    }
  }
  for (let depth = 0; depth < IMPORT_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const edge of graph.imports.get(path) ?? []) {
        if (edge.to && !selected.has(edge.to)) {
          selected.add(edge.to);
          next.push(edge.to);
        }
      }
    }
    frontier = next;
  }
  return selected;
}
