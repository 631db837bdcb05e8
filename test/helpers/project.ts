import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import type { CliIO } from '../../src/cli/io.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import { ENVIRONMENTS } from '../../src/inventory/types.js';

/** A fresh temp directory holding `files` (nested paths allowed). */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pa-scan-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** CLI IO over buffers: not a TTY, no colour. */
export function bufferIO(cwd: string, env: Record<string, string | undefined> = {}): { io: CliIO; stdout(): string; stderr(): string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (s) => (out += s), stderr: (s) => (err += s), stdoutIsTTY: false, stderrIsTTY: false, env, cwd },
    stdout: () => out,
    stderr: () => err,
  };
}

const FLAG = /FLAG\((\w*)\)/g;

/**
 * A test rule that reports every `FLAG(name)` in any file by file + range, so engine tests can
 * place findings exactly without depending on the Pusher inventory.
 */
export const flagRule: AnyRule = defineRule({
  meta: {
    id: 'flag',
    title: 'Flags FLAG() calls',
    description: 'Test rule.',
    category: 'maintainability',
    severity: 'medium',
    appliesTo: ENVIRONMENTS,
    requires: ['text'],
    options: z.object({}),
    messages: { found: { text: 'Found flag {{name}}.' }, loud: { text: 'LOUD flag {{name}}.', otherSeverities: { high: 'always: it tests the override' } } },
  },
  check(ctx) {
    for (const file of ctx.model.files) {
      ctx.forFile(file.path, () => {
        file.text.split('\n').forEach((text, i) => {
          for (const m of text.matchAll(FLAG)) {
            const column = m.index + 1;
            ctx.report({
              file: file.path,
              range: { line: i + 1, column, endLine: i + 1, endColumn: column + m[0].length },
              messageId: m[1] === 'loud' ? 'loud' : 'found',
              data: { name: m[1] ?? '' },
              ...(m[1] === 'loud' ? { severity: 'high' as const } : {}),
            });
          }
        });
      });
    }
  },
});
