import type { DiscoveredFile, ScriptBlock } from '../discovery/types.js';
import { blankedOf, scanBlockImports, type RawImport } from './imports.js';
import { isPagesRouterPage } from './next-data.js';

/**
 * What the import graph and the environments read from one file's text: each script block's
 * import specifiers and the text signals its code gives about where it runs. Both are functions of
 * the block's code alone (resolving specifiers to files and weighing the signals need the rest of
 * the tree, and happen later), so `scan --cache` can keep them per file, by content hash, and a
 * re-scan lexes only the files that changed: lexing every file was about half of a cold scan.
 */

export interface BlockLex {
  imports: RawImport[];
  /** {@link Signal} bits found in the block. */
  signals: number;
}

export type FileLex = BlockLex[];

/** Lexes a file, or returns what an earlier scan lexed from the same text. */
export type Lexer = (file: DiscoveredFile) => FileLex;

/** The text signals of environment.ts, as bits: one per test, in the order the reasons are listed. */
export const Signal = {
  useClient: 1,
  useServer: 2,
  hooks: 4,
  browserGlobals: 8,
  clientEnv: 16,
  serverSecretEnv: 32,
  routeHandlers: 64,
  nestDecorators: 128,
  serverExport: 256,
  pusherScriptTag: 512,
} as const;

const CLIENT_HOOK_CALL = /\buse(Effect|State|Ref|LayoutEffect|Reducer|Context|Callback|Memo)\s*\(|\b(onMounted|onUnmounted|onBeforeUnmount|onMount|onDestroy)\s*\(/;
const BROWSER_GLOBAL = /\b(window|document|localStorage|sessionStorage|navigator)\s*\./;
const CLIENT_ENV_PREFIX = /\bimport\.meta\.env\.(VITE_|PUBLIC_)|\bprocess\.env\.(NEXT_PUBLIC_|REACT_APP_|VUE_APP_|EXPO_PUBLIC_|GATSBY_)/;
const SERVER_ENV_ONLY = /\bprocess\.env\.(?!NEXT_PUBLIC_|REACT_APP_|VUE_APP_|EXPO_PUBLIC_|GATSBY_|NODE_ENV\b)[A-Z_]*SECRET/;
const EXPRESS_HANDLER = /\b(app|router)\.(get|post|put|patch|delete|use|all)\s*\(\s*['"`/]/;
const NEST_DECORATOR = /@(Controller|Injectable|Module|Post|Get)\s*\(/;
const SERVER_EXPORT = /\bexport\s+(async\s+)?(function|const)\s+(GET|POST|PUT|PATCH|DELETE|handler|load|actions)\b|\bexport\s+default\s+(async\s+)?function\s+handler\b|\bexports\.handler\b|\bmodule\.exports\s*=\s*(async\s+)?\(?\s*req\b|\bdefineEventHandler\s*\(/;
const PUSHER_SCRIPT_TAG = /<script[^>]*\bsrc=["'][^"']*pusher[^"']*["']/i;

function blockSignals(block: ScriptBlock): number {
  const blanked = blankedOf(block);
  const head = blanked.comments.trimStart().slice(0, 200);
  // What the code does, not what its strings say: a server that sends `window.APP = …` to the browser is no client.
  const code = blanked.commentsAndStrings;
  let bits = 0;
  if (/^(['"])use client\1/.test(head)) bits |= Signal.useClient;
  if (/^(['"])use server\1/.test(head)) bits |= Signal.useServer;
  if (CLIENT_HOOK_CALL.test(code)) bits |= Signal.hooks;
  if (BROWSER_GLOBAL.test(code)) bits |= Signal.browserGlobals;
  if (CLIENT_ENV_PREFIX.test(code)) bits |= Signal.clientEnv;
  if (SERVER_ENV_ONLY.test(code)) bits |= Signal.serverSecretEnv;
  if (EXPRESS_HANDLER.test(code)) bits |= Signal.routeHandlers;
  if (NEST_DECORATOR.test(code)) bits |= Signal.nestDecorators;
  if (SERVER_EXPORT.test(code)) bits |= Signal.serverExport;
  if (PUSHER_SCRIPT_TAG.test(block.code)) bits |= Signal.pusherScriptTag;
  return bits;
}

/** TypeScript compilers drop imports used only as types; plain `<script>`s and JS keep them. */
function typed(block: ScriptBlock): boolean {
  return (block.lang === 'ts' || block.lang === 'tsx') && block.kind === 'module';
}

export const lexFile: Lexer = (file) => {
  const page = isPagesRouterPage(file.path);
  return file.blocks.map((block) => ({ imports: scanBlockImports(block, typed(block), block.lang === 'tsx', page), signals: blockSignals(block) }));
};

/**
 * A lexer that asks `stored` first (what an earlier scan lexed, by path, valid while the file's
 * content hash is the same) and records every file it lexes or reuses in `seen`, which the cache
 * stores for the next scan.
 */
export function rememberingLexer(stored: ReadonlyMap<string, { hash: string; lex: FileLex | null }>, hashOf: (path: string) => string | undefined, seen: Map<string, { hash: string; lex: FileLex | null }>): Lexer {
  return (file) => {
    const hash = hashOf(file.path);
    const before = stored.get(file.path);
    const lex = before !== undefined && hash !== undefined && before.hash === hash && before.lex !== null && before.lex.length === file.blocks.length ? before.lex : lexFile(file);
    if (hash !== undefined) seen.set(file.path, { hash, lex });
    return lex;
  };
}
