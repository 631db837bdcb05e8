import { escapeRegExp } from '../core/regexp.js';
import { isServerTemplate } from '../discovery/extract.js';
import { stripComments, stripCommentsAndStrings } from '../inventory/imports.js';
import { kebab, markupOnly, rendersOnlyUnconditionally, scriptsOnly } from './markup.js';

/**
 * Vue components that the bundle's entry registers globally for server-rendered pages to use as
 * custom elements: a Laravel Blade view (or an EJS, Handlebars or plain HTML page) whose
 * `<div id="app">` is the template of `new Vue({ el: '#app' })`. Such a component mounts once per
 * page load and goes away with the page and its socket, unless something can take it down and put
 * it back: another component's template (a v-if, a router view, keep-alive), a script naming its
 * tag (`h('chat-app')`, `view: 'chat-app'` for `<component :is>`), or a v-if / v-for around it in
 * the page's own markup, which Vue compiles as the root's template. It takes a page of the tree
 * that uses the tag to say so: a component registered for pages we cannot see may sit in a list
 * that Vue renders, and keeps its finding.
 */

export interface SourceFiles {
  textOf(file: string): string | undefined;
  /** Every file of the scanned tree, repo-relative. */
  paths(): Iterable<string>;
  /** The parsed script of a JS-family file, where the caller has one (React components are read by AST). */
  sourceOf?(file: string): import('ts-morph').SourceFile | undefined;
}

/** `Vue.component('tag', …)` / `app.component('tag', …)`, up to the component argument. */
const REGISTER = String.raw`\.component\s*\(\s*(['"])([\w-]+)\1\s*,\s*`;
const ROOT = /\bnew\s+Vue\s*\(|\bcreateApp\s*\(/g;
/** The root takes over an element of the page: `el:`, `.$mount(el)`, `.mount(el)`. */
const MOUNTS_ELEMENT = /\bel\s*:|\.\$?mount\s*\(/;
/** A module that takes its root down again can mount it, and its components, more than once. */
const UNMOUNTS = /\.\$destroy\s*\(|\.unmount\s*\(/;
export const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;
const COMPONENT_FILE = /\.(vue|svelte)$/;

/**
 * The tags under which `module` (a script's text) registers what it imports as `specifier`, when
 * registering is all it does with it and it mounts a Vue root at its top level, which runs once
 * per page load. A root made in a callback (`turbolinks:load`, a `mountWidget()` helper) can be
 * made again without a page load, and a routes table or render call mounts the component by
 * itself: neither counts.
 */
export function globalRegistrations(module: string, specifier: string): string[] | undefined {
  const code = stripComments(module);
  if (!MOUNTS_ELEMENT.test(code) || UNMOUNTS.test(code) || !topLevelRoot(code)) return undefined;
  const spec = `['"]${escapeRegExp(specifier)}['"]`;
  const byPath = [
    new RegExp(`${REGISTER}require\\s*\\(\\s*${spec}\\s*\\)(?:\\.default)?\\s*\\)`, 'g'),
    new RegExp(`${REGISTER}\\(\\s*\\)\\s*=>\\s*import\\s*\\(\\s*${spec}\\s*\\)\\s*\\)`, 'g'),
  ].flatMap((re) => [...code.matchAll(re)]);
  const importStatement = new RegExp(`\\bimport\\s+([A-Za-z_$][\\w$]*)\\s+from\\s*${spec}`);
  const local = importStatement.exec(code)?.[1];
  if (count(code, new RegExp(spec, 'g')) !== byPath.length + (local === undefined ? 0 : 1)) return undefined;
  const byName = local === undefined ? [] : [...code.matchAll(new RegExp(`${REGISTER}${escapeRegExp(local)}\\s*\\)`, 'g'))];
  if (local !== undefined && count(stripCommentsAndStrings(code), new RegExp(`(?<![\\w$.])${escapeRegExp(local)}(?![\\w$])`, 'g')) !== byName.length + 1) return undefined;
  const tags = [...byPath, ...byName].map((m) => m[2]!);
  return tags.length > 0 ? tags : undefined;
}

/**
 * Whether the component registered under `tags` is rendered only by server pages of the tree, as
 * custom elements with no condition or loop around them, and nothing else but its registration in
 * `registrar` names it (see the file comment). With no page in sight, who renders it, and under
 * what, is unknown: the answer is no.
 */
export function onlyPagesRender(tags: readonly string[], component: string, registrar: string, files: SourceFiles): boolean {
  const forms = [...new Set(tags.flatMap((t) => [t, kebab(t), pascal(t)]))];
  const inScript = forms.map((f) => new RegExp(`<${escapeRegExp(f)}(?=[\\s/>])|(['"\`])${escapeRegExp(f)}\\1`));
  const inMarkup = forms.map((f) => new RegExp(`<${escapeRegExp(f)}(?=[\\s/>])|\\bis\\s*=\\s*(["'])\\s*'?${escapeRegExp(f)}'?\\s*\\1`));
  let pages = 0;
  for (const path of files.paths()) {
    if (path === component) continue;
    const text = files.textOf(path);
    // Most files of a tree never spell the tag: skip them before stripping anything.
    if (text === undefined || !forms.some((f) => text.includes(f))) continue;
    if (SCRIPT_FILE.test(path)) {
      // The registration itself names the tag, and is no use of it.
      const code = path === registrar ? stripComments(text).replace(new RegExp(REGISTER, 'g'), '.component(') : stripComments(text);
      if (inScript.some((re) => re.test(code))) return false;
      continue;
    }
    const page = !COMPONENT_FILE.test(path);
    if (page && !isServerTemplate(path) && !/\.html?$/i.test(path)) continue;
    if (inScript.some((re) => re.test(stripComments(scriptsOnly(text))))) return false;
    const markup = markupOnly(text);
    const used = forms.filter((_, i) => inMarkup[i]!.test(markup));
    if (used.length === 0) continue;
    if (!page || used.some((f) => !rendersOnlyUnconditionally(text, f))) return false;
    pages++;
  }
  return pages > 0;
}

/** `chat-app` → `ChatApp`, the other spelling an SFC template may use for a registered tag. */
function pascal(tag: string): string {
  return tag.replace(/(?:^|[-_])(\w)/g, (_, c: string) => c.toUpperCase());
}

function count(text: string, re: RegExp): number {
  return [...text.matchAll(re)].length;
}

/** Whether a root is created outside any function, block or call: when the module first runs. */
function topLevelRoot(code: string): boolean {
  const bare = stripCommentsAndStrings(code);
  let depth = 0;
  let at = 0;
  for (const m of bare.matchAll(ROOT)) {
    for (; at < m.index; at++) {
      const c = bare[at];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
    }
    if (depth === 0) return true;
  }
  return false;
}
