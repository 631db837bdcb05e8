import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { INVALID_DIRECTIVE, UNUSED_DIRECTIVE } from '../../src/engine/suppress.js';
import { flagRule, tempProject } from '../helpers/project.js';

async function scanFiles(files: Record<string, string>, knownRuleIds?: string[]) {
  return scan({ root: tempProject(files), rules: [flagRule], ...(knownRuleIds ? { knownRuleIds } : {}) });
}

describe('inline suppression', () => {
  it('suppresses with a reason in every comment style, keeping the reason', async () => {
    const result = await scanFiles({
      'a.ts': '// pusher-advisor-disable-next-line flag -- test double\nFLAG(a)\nFLAG(kept) /* pusher-advisor-disable-line pusher-advisor/flag -- block comment */\n',
      'b.tsx': 'export const C = () => (\n  <div>\n    {/* pusher-advisor-disable-next-line flag -- JSX comment */}\n    <p>{FLAG(b)}</p>\n  </div>\n);\n',
      'c.html': '<html><body>\n<!-- pusher-advisor-disable-next-line flag -- html comment -->\n<p>FLAG(c)</p>\n</body></html>\n',
      '.env': '# pusher-advisor-disable-next-line flag -- env comment\nVALUE=FLAG(d)\n',
      'd.yaml': 'key: FLAG(e) # pusher-advisor-disable-line flag, other-rule -- yaml comment\n',
    }, ['flag', 'other-rule']);
    expect(result.suppressed.map((f) => [f.file, f.line, f.suppression.justification])).toEqual([
      ['.env', 2, 'env comment'],
      ['a.ts', 2, 'test double'],
      ['a.ts', 3, 'block comment'],
      ['b.tsx', 4, 'JSX comment'],
      ['c.html', 3, 'html comment'],
      ['d.yaml', 1, 'yaml comment'],
    ]);
    expect(result.suppressed.every((f) => f.suppression.kind === 'inSource')).toBe(true);
    expect(result.findings).toEqual([]);
  });

  it('does not suppress without a reason, and reports the directive', async () => {
    const result = await scanFiles({ 'a.ts': 'const x = 1;\n// pusher-advisor-disable-next-line flag\nFLAG(a)\n' });
    expect(result.suppressed).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.line, f.severity, f.category])).toEqual([
      [INVALID_DIRECTIVE, 2, 'low', 'maintainability'],
      ['flag', 3, 'medium', 'maintainability'],
    ]);
    expect(result.findings[0]!.message).toContain('has no reason');
  });

  it('reports a directive that suppressed nothing', async () => {
    const result = await scanFiles({ 'a.ts': '// pusher-advisor-disable-next-line flag -- stale\nconst fine = 1;\n' });
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.line, f.message])).toEqual([
      [UNUSED_DIRECTIVE, 'info', 1, 'Suppression directive for flag matched no finding; remove it.'],
    ]);
  });

  it('reports unknown rule ids and still applies the known ones', async () => {
    const result = await scanFiles({ 'a.ts': '// pusher-advisor-disable-next-line flag, no-such-rule -- typo\nFLAG(a)\n' });
    expect(result.suppressed.map((f) => f.line)).toEqual([2]);
    expect(result.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [INVALID_DIRECTIVE, 'Suppression directive names unknown rule "no-such-rule"; run "pusher-advisor rules" for the ids.'],
    ]);
  });

  it('leaves directives for known rules that did not run alone (neither unknown nor unused)', async () => {
    const result = await scanFiles({ 'a.ts': '// pusher-advisor-disable-next-line insecure-transport -- local only\nconst x = 1;\n' }, ['flag', 'insecure-transport']);
    expect(result.findings).toEqual([]);
  });

  it('ignores the keyword outside a comment and in JSON files', async () => {
    const result = await scanFiles({
      'a.ts': "const s = 'pusher-advisor-disable-next-line flag -- not a comment';\nFLAG(a)\n",
      'b.json': '{ "x": "// pusher-advisor-disable-line flag -- json has no comments FLAG(b)" }\n',
    });
    expect(result.suppressed).toEqual([]);
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['a.ts:2', 'b.json:1']);
  });

  it('ignores comment-like text in strings, template literals and JSX text', async () => {
    const result = await scanFiles({
      'a.ts': "const u = 'http:// pusher-advisor-disable-line flag -- in a string'; FLAG(a)\nconst t = `\n// pusher-advisor-disable-next-line flag -- in a template\n`; FLAG(t)\n",
      'b.tsx': 'export const C = () => (\n  <pre>\n    // pusher-advisor-disable-next-line flag -- JSX text\n    {FLAG(b)}\n  </pre>\n);\n',
      'c.vue': '<template>\n  <p>// pusher-advisor-disable-next-line flag -- template text</p>\n  <p>{{ FLAG(c) }}</p>\n</template>\n<script setup lang="ts">\nconst s = "<!-- pusher-advisor-disable-next-line flag -- in a string -->";\nFLAG(d)\n</script>\n',
    });
    expect(result.suppressed).toEqual([]);
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['a.ts:1', 'a.ts:4', 'b.tsx:4', 'c.vue:3', 'c.vue:7']);
  });

  it('ignores a hash inside quoted YAML scalars and quoted env values, and still reads real ones', async () => {
    const result = await scanFiles({
      'a.yaml': 'note: "# pusher-advisor-disable-line flag -- in a string" FLAG(a)\nmulti: "first\n  # pusher-advisor-disable-next-line flag -- inside a folded string"\nnext: FLAG(b)\n# pusher-advisor-disable-next-line flag -- real yaml comment\nlast: FLAG(c)\n',
      '.env': 'A="x # pusher-advisor-disable-line flag -- in a quoted value" FLAG(d)\nB="ok" # pusher-advisor-disable-line flag -- after the value FLAG(e)\n',
    });
    expect(result.suppressed.map((f) => `${f.file}:${f.line}`)).toEqual(['.env:2', 'a.yaml:6']);
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['.env:1', 'a.yaml:1', 'a.yaml:4']);
  });

  it('suppresses the line after a block comment that spans lines, and reads comments in Vue scripts', async () => {
    const result = await scanFiles({
      'a.ts': '/*\n * pusher-advisor-disable-next-line flag --\n *   a reason that wraps\n */\nFLAG(a)\n',
      'b.vue': '<template><p>hi</p></template>\n<script>\n// pusher-advisor-disable-next-line flag -- vue script\nFLAG(b)\n</script>\n',
    });
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => [f.file, f.line, f.suppression.justification])).toEqual([
      ['a.ts', 5, 'a reason that wraps'],
      ['b.vue', 4, 'vue script'],
    ]);
  });
});
