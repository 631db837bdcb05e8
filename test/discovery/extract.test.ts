import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractScripts } from '../../src/discovery/extract.js';
import type { ScriptBlock } from '../../src/discovery/types.js';

/** Every line of `block.code` must stand in `text` at `startLine + k`, the first one from `startColumn`. */
function expectMapsBack(text: string, block: ScriptBlock): void {
  const original = text.split('\n');
  const code = block.code.split('\n');
  code.forEach((codeLine, k) => {
    const line = original[block.startLine - 1 + k];
    expect(line, `line ${block.startLine + k}`).toBeDefined();
    const from = k === 0 ? line!.slice(block.startColumn - 1) : line!;
    if (k === code.length - 1) expect(from.startsWith(codeLine), `line ${block.startLine + k}`).toBe(true);
    else expect(from).toBe(codeLine);
  });
}

describe('extractScripts: TS/JS files', () => {
  it.each([
    ['src/a.ts', 'ts'],
    ['src/a.tsx', 'tsx'],
    ['src/a.mts', 'ts'],
    ['src/a.cts', 'ts'],
    ['src/a.js', 'js'],
    ['src/a.jsx', 'jsx'],
    ['src/a.mjs', 'js'],
    ['src/a.cjs', 'js'],
    ['src/A.TS', 'ts'],
  ])('%s is one %s module block of the whole file', (path, lang) => {
    const text = 'const a = 1;\r\nexport default a;\n';
    expect(extractScripts(path, text)).toEqual({
      blocks: [{ code: text, lang, startLine: 1, startColumn: 1, kind: 'module' }],
      scriptSrcs: [],
    });
  });

  it('returns nothing for files that hold no scripts', () => {
    expect(extractScripts('package.json', '{"name":"x"}')).toEqual({ blocks: [], scriptSrcs: [] });
    expect(extractScripts('.env', 'PUSHER_KEY=x')).toEqual({ blocks: [], scriptSrcs: [] });
  });
});

describe('extractScripts: Vue', () => {
  const sfc = [
    '<template>',
    '  <div :class="{ on: count > 1 }">{{ "<script>not code</script>" }}',
    '    <template v-if="ok"><span /></template>',
    '  </div>',
    '</template>',
    '',
    '<script lang="ts">',
    "export default { name: 'Chat' };",
    '</script>',
    '',
    '<script setup lang="ts">',
    "import Pusher from 'pusher-js';",
    "const pusher = new Pusher('key', { cluster: 'eu' });",
    '</script>',
    '',
    '<style scoped>',
    '.a::after { content: "<script>"; }',
    '</style>',
    '',
  ].join('\n');

  it('extracts <script> and <script setup> with their positions', () => {
    const { blocks, scriptSrcs } = extractScripts('src/Chat.vue', sfc);
    expect(blocks).toEqual([
      { code: "\nexport default { name: 'Chat' };\n", lang: 'ts', startLine: 7, startColumn: 19, kind: 'script' },
      {
        code: "\nimport Pusher from 'pusher-js';\nconst pusher = new Pusher('key', { cluster: 'eu' });\n",
        lang: 'ts',
        startLine: 11,
        startColumn: 25,
        kind: 'script-setup',
      },
    ]);
    expect(scriptSrcs).toEqual([]);
    for (const block of blocks) expectMapsBack(sfc, block);
  });

  it('defaults to js and reads lang in any attribute order, quoting and case', () => {
    const text = ['<SCRIPT setup LANG=tsx>const a = <b />;</SCRIPT>', "<script data-x='a>b' lang=\"jsx\">const c = 1;</script>", '<script>const d = 1;</script>'].join('\n');
    const { blocks } = extractScripts('Comp.vue', text);
    expect(blocks.map((b) => [b.lang, b.kind, b.startLine, b.startColumn, b.code])).toEqual([
      ['tsx', 'script-setup', 1, 24, 'const a = <b />;'],
      ['jsx', 'script', 2, 33, 'const c = 1;'],
      ['js', 'script', 3, 9, 'const d = 1;'],
    ]);
  });

  it('ignores a <script> inside an HTML comment', () => {
    const text = ['<!-- <script>oldCode()</script> -->', '<template><!-- <script> --><p /></template>', '<script>realCode()</script>'].join('\n');
    const { blocks } = extractScripts('Comp.vue', text);
    expect(blocks).toEqual([{ code: 'realCode()', lang: 'js', startLine: 3, startColumn: 9, kind: 'script' }]);
  });

  it('leaves out scripts in other languages, external scripts and empty scripts', () => {
    const text = ['<script lang="coffee">a = 1</script>', '<script src="./logic.ts"></script>', '<script setup lang="ts">', '</script>'].join('\n');
    expect(extractScripts('Comp.vue', text).blocks).toEqual([]);
  });

  it('skips custom blocks as raw text', () => {
    const text = ['<i18n>{ "en": { "s": "<script>x</script>" } }</i18n>', '<script>const a = 1;</script>'].join('\n');
    expect(extractScripts('Comp.vue', text).blocks.map((b) => b.code)).toEqual(['const a = 1;']);
  });
});

describe('extractScripts: Svelte', () => {
  it('tells module scripts from instance scripts', () => {
    const text = [
      '<script context="module" lang="ts">',
      'export const prerender = true;',
      '</script>',
      '',
      '<script lang="ts">',
      "  import Pusher from 'pusher-js';",
      '  let count = 0;',
      '</script>',
      '',
      '<button on:click={() => count > 0 && alert("<script>")}>{"</script><script>"}</button>',
      '<style>button { color: red; }</style>',
    ].join('\n');
    const { blocks } = extractScripts('src/Chat.svelte', text);
    expect(blocks).toEqual([
      { code: '\nexport const prerender = true;\n', lang: 'ts', startLine: 1, startColumn: 36, kind: 'svelte-module' },
      { code: "\n  import Pusher from 'pusher-js';\n  let count = 0;\n", lang: 'ts', startLine: 5, startColumn: 19, kind: 'script' },
    ]);
    for (const block of blocks) expectMapsBack(text, block);
  });

  it('knows the Svelte 5 `module` attribute', () => {
    const { blocks } = extractScripts('A.svelte', '<script module>export const a = 1;</script>\n<script>let b = 2;</script>');
    expect(blocks.map((b) => [b.kind, b.lang])).toEqual([
      ['svelte-module', 'js'],
      ['script', 'js'],
    ]);
  });
});

describe('extractScripts: HTML', () => {
  const page = [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '  <script src="https://js.pusher.com/8.2.0/pusher.min.js"></script>',
    '  <script type="application/json" id="config">{"key": "<script>"}</script>',
    '  <script type="application/ld+json">{"@type": "Organization"}</script>',
    '  <script type="text/template"><div>{{ name }}</div></script>',
    '  <!-- <script>commentedOut()</script> -->',
    '</head>',
    '<body>',
    '  <script>',
    "    var pusher = new Pusher('key', { cluster: 'eu' });",
    '  </script>',
    "  <script type=module src='/app.js?v=1&amp;x=2'></script>",
    '  <script type="module">import "./x.js";</script>',
    '</body>',
    '</html>',
  ].join('\n');

  it('extracts inline JS scripts and lists script URLs', () => {
    const { blocks, scriptSrcs } = extractScripts('public/index.html', page);
    expect(scriptSrcs).toEqual(['https://js.pusher.com/8.2.0/pusher.min.js', '/app.js?v=1&x=2']);
    expect(blocks).toEqual([
      {
        code: "\n    var pusher = new Pusher('key', { cluster: 'eu' });\n  ",
        lang: 'js',
        startLine: 11,
        startColumn: 11,
        kind: 'inline',
      },
      { code: 'import "./x.js";', lang: 'js', startLine: 15, startColumn: 25, kind: 'inline' },
    ]);
    for (const block of blocks) expectMapsBack(page, block);
  });

  it('handles uppercase tags, unquoted values and `>` inside quoted values', () => {
    const text = '<SCRIPT SRC=//cdn.example/p.js></SCRIPT><script data-note="a > b" TYPE="TEXT/JAVASCRIPT">go()</script>';
    const { blocks, scriptSrcs } = extractScripts('a.htm', text);
    expect(scriptSrcs).toEqual(['//cdn.example/p.js']);
    expect(blocks).toEqual([{ code: 'go()', lang: 'js', startLine: 1, startColumn: 90, kind: 'inline' }]);
  });

  it('does not treat script text inside raw-text elements as scripts', () => {
    const text = '<textarea><script>a()</script></textarea><style>/* <script> */</style><noscript><script>b()</script></noscript>';
    expect(extractScripts('a.html', text)).toEqual({ blocks: [], scriptSrcs: [] });
  });

  it('reads an unclosed script to the end of the file', () => {
    const text = '<p>hi</p>\n<script>start();\n';
    expect(extractScripts('a.html', text).blocks).toEqual([
      { code: 'start();\n', lang: 'js', startLine: 2, startColumn: 9, kind: 'inline' },
    ]);
  });

  it('treats in-page Babel scripts as JSX', () => {
    const { blocks } = extractScripts('a.html', '<script type="text/babel">render(<App />);</script>');
    expect(blocks.map((b) => b.lang)).toEqual(['jsx']);
  });
});

describe('extractScripts: line endings', () => {
  it('maps positions in CRLF files', () => {
    const text = [
      '<template>\r',
      '  <p>x</p>\r',
      '</template>\r',
      '\r',
      '<script setup lang="ts">\r',
      "import Pusher from 'pusher-js';\r",
      "const p = new Pusher('k');\r",
      '</script>\r',
      '',
    ].join('\n');
    const { blocks } = extractScripts('A.vue', text);
    expect(blocks).toEqual([
      {
        code: "\r\nimport Pusher from 'pusher-js';\r\nconst p = new Pusher('k');\r\n",
        lang: 'ts',
        startLine: 5,
        startColumn: 25,
        kind: 'script-setup',
      },
    ]);
    expectMapsBack(text, blocks[0]!);
  });

  it('counts a lone CR as a line break, as TypeScript does', () => {
    const { blocks } = extractScripts('a.html', '<p>\r<p>\n  <script>go()</script>');
    expect(blocks.map((b) => [b.startLine, b.startColumn])).toEqual([[3, 11]]);
  });
});

describe('extractScripts on arbitrary markup', () => {
  const fragment = fc.constantFrom(
    '<script>',
    '<script setup lang="ts">',
    '<script context="module">',
    '<script src="x.js">',
    '</script>',
    '<template>',
    '</template>',
    '<style>',
    '</style>',
    '<!--',
    '-->',
    '<div a="x > y">',
    '{',
    '}',
    '{{',
    '}}',
    '"',
    "'",
    '\n',
    '\r\n',
    '\r',
    'code();',
    ' ',
  );

  it.each(['a.vue', 'a.svelte', 'a.html'])('never throws, and each block of a %s sits at its startLine/startColumn', (path) => {
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 10, maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const lineStarts = [0];
        for (const m of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);
        for (const block of extractScripts(path, text).blocks) {
          const offset = lineStarts[block.startLine - 1]! + block.startColumn - 1;
          expect(text.startsWith(block.code, offset)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('server-side templates', () => {
  it.each(['views/game.mustache', 'views/layout.hbs', 'views/index.ejs', 'templates/page.njk', 'resources/views/orders/track.blade.php'])('reads the scripts of %s as an HTML page does', (path) => {
    const text = "<h1>{{ title }}</h1>\n<script src=\"https://js.pusher.com/8.4.0/pusher.min.js\"></script>\n<script>\n  const channel = pusher.subscribe('game-{{ id }}');\n</script>\n";
    const { blocks, scriptSrcs } = extractScripts(path, text);
    expect(blocks.map((b) => [b.startLine, b.code.trim()])).toEqual([[3, "const channel = pusher.subscribe('game-{{ id }}');"]]);
    expect(scriptSrcs).toEqual(['https://js.pusher.com/8.4.0/pusher.min.js']);
  });

  it('leaves other PHP alone', () => {
    expect(extractScripts('app/Http/Controllers/OrderController.php', '<?php echo "<script>x()</script>";').blocks).toEqual([]);
  });
});
