/**
 * The markup of .vue, .svelte and Angular templates, read as text: the scanner parses only script
 * blocks. Enough structure to tell which element sits inside a template loop (`v-for`, `*ngFor`,
 * `{#each}`, Angular's `@for`), never a full HTML parser.
 */

/** Script and style contents blanked (lines and offsets kept), so only markup is matched. */
export function markupOnly(text: string): string {
  return text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (block) => block.replace(/[^\n]/g, ' '));
}

/** The contents of a file's `<script>` blocks, joined: the script side of a component or page. */
export function scriptsOnly(text: string): string {
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)].map((m) => m[1]!).join('\n');
}

export interface LoopedTag {
  /** Offset of the tag's `<` in the text. */
  offset: number;
  /** The loop it repeats in, as written (`b in boards`, `let q of quotes`, `rows as row`). */
  loop: string;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TOKEN =
  /<!--[\s\S]*?-->|<\/([A-Za-z][\w.:-]*)\s*>|<([A-Za-z][\w.:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|\{#each\s+([^}]*)\}|\{\/each\}|@for\s*\(([^)]*)\)\s*\{|\{|\}/g;
const LOOP_ATTR = /(?:^|\s)(?:v-for|\*ngFor)\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** Pops `stack` back to before its last frame named `name`; a close with no open frame is ignored, as browsers do. */
function popTo(stack: Array<{ name: string }>, name: string): void {
  const at = stack.map((o) => o.name).lastIndexOf(name);
  if (at >= 0) stack.length = at;
}

/** Whether a start tag leaves an element open for what follows: not self-closed, not a void element. */
function leavesOpen(name: string, selfClose: string | undefined): boolean {
  return selfClose !== '/' && !VOID.has(name.toLowerCase());
}

interface Open {
  /** Element name, or `{` for a Svelte / Angular block. */
  name: string;
  loop?: string;
}

/**
 * The start tags named one of `names` (compared as written and in kebab-case) that repeat: the
 * element carries `v-for` / `*ngFor`, or sits inside an element that does, a Svelte `{#each}` or an
 * Angular `@for` block.
 */
export function loopedTags(text: string, names: ReadonlySet<string>): LoopedTag[] {
  const markup = markupOnly(text);
  const wanted = new Set([...names].flatMap((n) => [n, kebab(n)]));
  const stack: Open[] = [];
  const out: LoopedTag[] = [];
  const enclosingLoop = (): string | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.loop !== undefined) return stack[i]!.loop;
    return undefined;
  };
  for (const m of markup.matchAll(TOKEN)) {
    const [token, closeName, openName, attrs, selfClose, each, ngFor] = m;
    if (token.startsWith('<!--')) continue;
    if (closeName !== undefined) {
      popTo(stack, closeName);
      continue;
    }
    if (openName !== undefined) {
      const own = LOOP_ATTR.exec(attrs ?? '');
      const loop = own ? (own[1] ?? own[2]) : undefined;
      if (wanted.has(openName)) {
        const repeated = loop ?? enclosingLoop();
        if (repeated !== undefined) out.push({ offset: m.index, loop: repeated.trim() });
      }
      if (leavesOpen(openName, selfClose)) stack.push({ name: openName, ...(loop !== undefined ? { loop } : {}) });
      continue;
    }
    if (each !== undefined) stack.push({ name: '{each', loop: each });
    else if (ngFor !== undefined) stack.push({ name: '{', loop: ngFor });
    else if (token === '{/each}') popTo(stack, '{each');
    else if (token === '{') stack.push({ name: '{' });
    else if (token === '}') popTo(stack, '{');
  }
  return out;
}

/** `BoardCard` → `board-card`, as Vue and Angular write component tags. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

const CONDITION_TOKEN = /<!--[\s\S]*?-->|<\/([A-Za-z][\w.:-]*)\s*>|<([A-Za-z][\w.:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|\{#\w+|\{\/\w+\s*\}/g;
const CONDITION_ATTR = /(?:^|\s)(?:v-if|v-else-if|v-else|v-for|\*ngIf|\*ngFor)(?=[\s=]|$)/;

/**
 * Whether a component's markup renders `name` and only as elements no condition or loop encloses
 * (`v-if` / `v-for` on it or an ancestor, a Svelte `{#if}` / `{#each}` / `{#await}` / `{#key}`
 * block): such a child mounts with its parent and stays. Any other mention (`<svelte:component
 * this={Name}>`, `:is="Name"`) makes it dynamic, so the answer is no.
 */
export function rendersOnlyUnconditionally(text: string, name: string): boolean {
  const markup = markupOnly(text);
  // A one-word kebab form (`Name` → `name`) would match ordinary words of the page.
  const wanted = new Set([name, ...(kebab(name).includes('-') ? [kebab(name)] : [])]);
  const stack: Array<{ name: string; conditional: boolean }> = [];
  let tags = 0;
  for (const m of markup.matchAll(CONDITION_TOKEN)) {
    const [token, closeName, openName, attrs, selfClose] = m;
    if (token.startsWith('<!--')) continue;
    if (closeName !== undefined || token.startsWith('{/')) popTo(stack, closeName ?? '{#');
    else if (openName !== undefined) {
      const conditional = CONDITION_ATTR.test(attrs ?? '');
      if (wanted.has(openName)) {
        if (conditional || stack.some((o) => o.conditional)) return false;
        tags++;
      }
      if (leavesOpen(openName, selfClose)) stack.push({ name: openName, conditional });
    } else stack.push({ name: '{#', conditional: true });
  }
  // Start and end tags aside, the name must not appear: `this={Name}` mounts it by condition.
  const mentions = [...wanted].reduce((n, w) => n + [...markup.matchAll(new RegExp(`(?<![\\w$<\\/-])${w.replace(/[$]/g, '\\$')}(?![\\w$-])`, 'g'))].length, 0);
  return tags > 0 && mentions === 0;
}
