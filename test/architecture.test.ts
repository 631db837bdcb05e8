import { describe, expect, it } from 'vitest';
import { forbiddenEdges, KNOWN_EXCEPTIONS, type SourceText } from './helpers/architecture.js';
import { sources } from './helpers/sources.js';

/**
 * Dependencies run one way (README "Architecture"): each part's "may not" list, read from the
 * import specifiers of every source file. A failure names the file and the import to remove.
 */

describe('layers', () => {
  const edges = forbiddenEdges([...sources('src'), ...sources('rules')]);

  it('no part imports what the README forbids it (beyond the listed, shrinking exceptions)', () => {
    expect(edges.filter((e) => !(e in KNOWN_EXCEPTIONS))).toEqual([]);
  });

  it('every listed exception still occurs (remove fixed ones from test/helpers/architecture.ts)', () => {
    expect(Object.keys(KNOWN_EXCEPTIONS).filter((e) => !edges.includes(e))).toEqual([]);
  });

  it('fails on a planted forbidden import', () => {
    const planted: SourceText[] = [
      { path: 'src/pusher/limits.ts', text: "import { Node } from 'ts-morph';\nexport const x = 1;\n" },
      { path: 'src/engine/runner.ts', text: "import type { Command } from 'commander';\nimport { run } from '../cli/main.js';\n" },
      { path: 'rules/a-rule/index.ts', text: "import helper from '../other-rule/helper.js';\nimport { own } from './own.js';\nimport { defineRule } from '../../src/engine/rule.js';\n" },
      { path: 'src/reporters/text.ts', text: "const fs = await import('node:fs');\n" },
      { path: 'src/core/redact.ts', text: "import { isLoopbackHost } from './hosts.js';\nimport type { Finding } from '../engine/types.js';\n" },
      { path: 'src/pusher/channels.ts', text: "import { secretPreview } from '../core/redact.js';\nimport { LIMITS } from './protocol.js';\nimport { unwrap } from '../analysis/ast.js';\n" },
    ];
    expect(forbiddenEdges(planted)).toEqual([
      'rules/a-rule/index.ts -> rules/other-rule/helper',
      'src/core/redact.ts -> src/engine/types',
      'src/engine/runner.ts -> src/cli/main',
      'src/pusher/channels.ts -> src/analysis/ast',
      'src/pusher/limits.ts -> ts-morph',
      'src/reporters/text.ts -> node:fs',
    ]);
  });
});
