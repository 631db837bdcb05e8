import type { ScanModel } from '../engine/rule.js';
import { isRenderRoot } from './render-scopes.js';

/**
 * Whether a script module runs at all. Apps keep files nothing loads (a `lib/pusher.ts` from before
 * a refactor, an `echo.js` the tutorial had): a client created there opens no connection, so it is
 * no second client. A module runs when something imports it (statically, by `require` or lazy
 * `import()`), when a framework mounts it by its path, when its name is a conventional entry, or
 * when another file names it (an HTML `<script src>`, package.json `main`, a bundler's input).
 * Anything not a plain script module (HTML, Vue and Svelte components) is taken to run.
 */

/** Files a tool runs by their name or place: entries, server routes and functions, scripts. */
const ENTRY_NAME = /^(main|index|app|server|client|entry|bootstrap|start|worker|sw|service-worker|middleware|instrumentation|_app|_document)\.[cm]?[jt]sx?$/i;
const ENTRY_PLACE = /(^|\/)(pages\/|app\/(.+\/)?route\.|src\/routes\/|routes\/|api\/|functions\/|netlify\/|server\/|scripts\/|bin\/)/;

export function loadedModules(model: ScanModel): (file: string) => boolean {
  const memo = new Map<string, boolean>();
  return (file) => {
    let loaded = memo.get(file);
    if (loaded === undefined) {
      loaded = isLoaded(model, file);
      memo.set(file, loaded);
    }
    return loaded;
  };
}

function isLoaded(model: ScanModel, file: string): boolean {
  if (model.fileByPath.get(file)?.kind !== 'source') return true;
  if ((model.graph.importers.get(file) ?? []).some((e) => !e.typeOnly)) return true;
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (ENTRY_NAME.test(base) || ENTRY_PLACE.test(file) || isRenderRoot(file)) return true;
  // A TypeScript module is named by its build output too (`node dist/jobs/notify.js`).
  const names = /\.[cm]?tsx?$/.test(base) ? [base, base.replace(/\.([cm]?)tsx?$/, '.$1js')] : [base];
  return names.some((name) => model.matching(name).some((f) => f.path !== file));
}
