import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDES } from '../../src/discovery/ignore.js';
import type { DiscoveryResult } from '../../src/discovery/types.js';
import { discoverFiles } from '../../src/discovery/walk.js';
import { UserError } from '../../src/errors.js';

const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pusher-advisor-discovery-'));
  tempDirs.push(dir);
  return dir;
}

async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('discoverFiles on a project tree', () => {
  let root: string;
  let outside: string;
  let result: DiscoveryResult;

  beforeAll(async () => {
    root = await tempDir();
    outside = await tempDir();
    await writeTree(outside, { 'shared.ts': 'export const leaked = 1;\n' });
    await writeTree(root, {
      '.gitignore': '*.generated.ts\nsecret/\n',
      'pkg/.gitignore': '!keep.generated.ts\nlocal.ts\n',
      '.env.production': 'PUSHER_APP_KEY=abc\n',
      '.env.example': 'PUSHER_APP_KEY=\n',
      'package.json': '{ "name": "app" }\n',
      'package-lock.json': '{}\n',
      'tsconfig.base.json': '{}\n',
      'deploy/app.yaml': 'env: {}\n',
      'README.md': '# app\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'src/index.ts': "\uFEFFimport Pusher from 'pusher-js';\nexport const pusher = new Pusher('key');\n",
      'src/broken.ts': 'const = ;\nexport {\n',
      'src/Chat.vue': '<template><p>hi</p></template>\n<script setup lang="ts">\nconst a = 1;\n</script>\n',
      'src/App.d.ts': 'export {};\n',
      'src/x.generated.ts': 'export {};\n',
      'public/index.html': '<script src="https://js.pusher.com/8.2.0/pusher.min.js"></script>\n<script>new Pusher("k");</script>\n',
      'public/bundle.js': Buffer.alloc(5 * 1_048_576, 'a'),
      'public/app.js': Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01, 0x02]),
      'public/latin1.js': Buffer.from("const caf\xe9 = 'na\xefve';\n", 'latin1'),
      'public/one-line.js': `var a=1;${'b();'.repeat(3_000)}\n`,
      'public/long-lines.js': `${'x'.repeat(600)}\n`.repeat(50),
      'public/lib.min.js': 'var a=1;\n',
      'public/lib.js.map': '{}\n',
      'pkg/keep.generated.ts': 'export {};\n',
      'pkg/other.generated.ts': 'export {};\n',
      'pkg/local.ts': 'export {};\n',
      'secret/key.ts': 'export {};\n',
      'node_modules/pusher-js/index.js': 'module.exports = {};\n',
      'packages/web/dist/out.js': 'export {};\n',
      'packages/web/src/main.js': 'export {};\n',
      '.git/hooks/pre-commit.js': 'export {};\n',
      'a/b.ts': 'export {};\n',
    });
    await symlink('..', join(root, 'a/loop'));
    await symlink(outside, join(root, 'outside-dir'));
    await symlink('/etc', join(root, 'etc'));
    await symlink(join(outside, 'shared.ts'), join(root, 'src/shared.ts'));
    await symlink('index.ts', join(root, 'src/alias.ts'));
    await symlink('missing.ts', join(root, 'src/dangling.ts'));
    result = await discoverFiles(root);
  });

  it('lists exactly the project files, sorted by path', () => {
    expect(result.files.map((f) => f.path)).toEqual([
      '.env.example',
      '.env.production',
      'a/b.ts',
      'deploy/app.yaml',
      'package.json',
      'packages/web/src/main.js',
      'pkg/keep.generated.ts',
      'public/index.html',
      'src/Chat.vue',
      'src/alias.ts',
      'src/broken.ts',
      'src/index.ts',
      'tsconfig.base.json',
    ]);
  });

  it('gives each skipped file a reason', () => {
    expect(result.skipped).toEqual([
      { file: 'a/loop', reason: 'symlink loop' },
      { file: 'etc', reason: 'symlink outside the scanned root' },
      { file: 'outside-dir', reason: 'symlink outside the scanned root' },
      { file: 'public/app.js', reason: 'binary' },
      { file: 'public/bundle.js', reason: 'larger than 1 MiB (5.0 MiB)' },
      { file: 'public/latin1.js', reason: 'not valid UTF-8' },
      { file: 'public/long-lines.js', reason: 'minified or generated' },
      { file: 'public/one-line.js', reason: 'minified or generated' },
      { file: 'src/dangling.ts', reason: 'broken symlink' },
      { file: 'src/shared.ts', reason: 'symlink outside the scanned root' },
    ]);
    expect(result.errors).toEqual([]);
  });

  it('classifies files and extracts their script blocks', () => {
    const byPath = new Map(result.files.map((f) => [f.path, f]));
    expect(result.files.map((f) => [f.path, f.kind])).toEqual([
      ['.env.example', 'env'],
      ['.env.production', 'env'],
      ['a/b.ts', 'source'],
      ['deploy/app.yaml', 'yaml'],
      ['package.json', 'json'],
      ['packages/web/src/main.js', 'source'],
      ['pkg/keep.generated.ts', 'source'],
      ['public/index.html', 'html'],
      ['src/Chat.vue', 'component'],
      ['src/alias.ts', 'source'],
      ['src/broken.ts', 'source'],
      ['src/index.ts', 'source'],
      ['tsconfig.base.json', 'json'],
    ]);
    const html = byPath.get('public/index.html')!;
    expect(html.scriptSrcs).toEqual(['https://js.pusher.com/8.2.0/pusher.min.js']);
    expect(html.blocks).toEqual([{ code: 'new Pusher("k");', lang: 'js', startLine: 2, startColumn: 9, kind: 'inline' }]);
    expect(byPath.get('src/Chat.vue')!.blocks).toEqual([
      { code: '\nconst a = 1;\n', lang: 'ts', startLine: 2, startColumn: 25, kind: 'script-setup' },
    ]);
    expect(byPath.get('src/broken.ts')!.blocks).toEqual([
      { code: 'const = ;\nexport {\n', lang: 'ts', startLine: 1, startColumn: 1, kind: 'module' },
    ]);
    const env = byPath.get('.env.production')!;
    expect([env.blocks, env.scriptSrcs]).toEqual([[], []]);
  });

  it('strips the BOM from text but counts it in size, and reads through links inside the root', () => {
    const index = result.files.find((f) => f.path === 'src/index.ts')!;
    expect(index.text).toBe("import Pusher from 'pusher-js';\nexport const pusher = new Pusher('key');\n");
    expect(index.size).toBe(Buffer.byteLength(index.text) + 3);
    expect(index.absPath).toBe(join(root, 'src/index.ts'));
    const alias = result.files.find((f) => f.path === 'src/alias.ts')!;
    expect(alias.text).toBe(index.text);
    expect(alias.absPath).toBe(join(root, 'src/alias.ts'));
  });

  it('gives the same result on a second run', async () => {
    expect(await discoverFiles(root)).toEqual(result);
  });
});

describe('discoverFiles options and ignore files', () => {
  let root: string;

  beforeAll(async () => {
    root = await tempDir();
    await writeTree(root, {
      '.pusher-advisorignore': 'legacy/\n!vendor/\n',
      'src/a.ts': 'export {};\n',
      'src/a.test.ts': 'export {};\n',
      'src/big.ts': `${'let a = 1;\n'.repeat(300)}`,
      'legacy/old.js': 'var a;\n',
      'vendor/pusher-setup.js': 'var b;\n',
      'config/app.yml': 'a: 1\n',
      'lib/real.ts': 'export {};\n',
    });
    await symlink('lib', join(root, 'linked'));
  });

  it('honours .pusher-advisorignore, including a negation of a default exclude, and follows in-root directory links', async () => {
    const { files, skipped } = await discoverFiles(root);
    expect(files.map((f) => f.path)).toEqual([
      'config/app.yml',
      'lib/real.ts',
      'src/a.test.ts',
      'src/a.ts',
      'src/big.ts',
      'vendor/pusher-setup.js',
    ]);
    expect(skipped).toEqual([{ file: 'linked', reason: 'symlink loop' }]);
  });

  it('keeps only included files and drops excluded ones', async () => {
    const { files } = await discoverFiles(root, { include: ['./src/', '*.yml'], exclude: ['*.test.ts'] });
    expect(files.map((f) => f.path)).toEqual(['config/app.yml', 'src/a.ts', 'src/big.ts']);
  });

  it('applies maxFileBytes', async () => {
    const { files, skipped } = await discoverFiles(root, { include: ['src/'], maxFileBytes: 2048 });
    expect(files.map((f) => f.path)).toEqual(['src/a.test.ts', 'src/a.ts']);
    expect(skipped).toEqual([
      { file: 'linked', reason: 'symlink loop' },
      { file: 'src/big.ts', reason: 'larger than 2 KiB (3.2 KiB)' },
    ]);
  });

  it('does not look at symlinks when followSymlinks is false', async () => {
    const { skipped } = await discoverFiles(root, { followSymlinks: false });
    expect(skipped).toEqual([]);
  });

  it('walks a linked directory whose target is otherwise excluded', async () => {
    const dir = await tempDir();
    await writeTree(dir, { 'build/generated/client.ts': 'export {};\n' });
    await symlink('build/generated', join(dir, 'src-generated'));
    const { files, skipped } = await discoverFiles(dir);
    expect(files.map((f) => f.path)).toEqual(['src-generated/client.ts']);
    expect(skipped).toEqual([]);
  });

  it('skips editor local-history snapshots, which a negation brings back', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'src/lib/pusher.ts': 'export {};\n',
      '.history/src/lib/pusher_20211225004745.ts': 'export {};\n',
    });
    expect((await discoverFiles(dir)).files.map((f) => f.path)).toEqual(['src/lib/pusher.ts']);
    await writeTree(dir, { '.pusher-advisorignore': '!.history/\n' });
    expect((await discoverFiles(dir)).files.map((f) => f.path)).toEqual(['.history/src/lib/pusher_20211225004745.ts', 'src/lib/pusher.ts']);
  });

  it('exposes the default excludes', () => {
    expect(DEFAULT_EXCLUDES).toContain('node_modules/');
    expect(DEFAULT_EXCLUDES).toContain('*.min.js');
    expect(Object.isFrozen(DEFAULT_EXCLUDES)).toBe(true);
  });
});

describe('discoverFiles on bad input', () => {
  it('throws UserError for a missing root', async () => {
    const missing = join(await tempDir(), 'nope');
    await expect(discoverFiles(missing)).rejects.toThrow(new UserError(`path not found: ${missing}`));
    await expect(discoverFiles(missing)).rejects.toBeInstanceOf(UserError);
  });

  it('throws UserError when the root is a file', async () => {
    const dir = await tempDir();
    await writeTree(dir, { 'a.ts': '' });
    await expect(discoverFiles(join(dir, 'a.ts'))).rejects.toThrow(new UserError(`not a directory: ${join(dir, 'a.ts')}`));
  });

  it('reports a self-referencing link as a loop', async () => {
    const dir = await tempDir();
    await symlink('self.ts', join(dir, 'self.ts'));
    expect((await discoverFiles(dir)).skipped).toEqual([{ file: 'self.ts', reason: 'symlink loop' }]);
  });

  // Permission bits do not stop root, which CI containers often run as.
  it.skipIf(process.getuid?.() === 0)('reports unreadable files and directories as errors', async () => {
    const dir = await tempDir();
    await writeTree(dir, { 'ok.ts': '', 'locked.ts': '', 'private/a.ts': '' });
    await chmod(join(dir, 'locked.ts'), 0o000);
    await chmod(join(dir, 'private'), 0o000);
    try {
      const { files, errors } = await discoverFiles(dir);
      expect(files.map((f) => f.path)).toEqual(['ok.ts']);
      expect(errors).toEqual([
        { file: 'locked.ts', message: 'cannot read file: permission denied' },
        { file: 'private', message: 'cannot read directory: permission denied' },
      ]);
    } finally {
      await chmod(join(dir, 'private'), 0o755);
    }
  });

  it.skipIf(process.getuid?.() === 0)('throws UserError when the root cannot be read', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o000);
    try {
      await expect(discoverFiles(dir)).rejects.toThrow(new UserError(`cannot read ${dir}: permission denied`));
    } finally {
      await chmod(dir, 0o755);
    }
  });
});

describe('discoverFiles below the top of a git work tree', () => {
  it('applies the .gitignore files above the root and .git/info/exclude, as git would', async () => {
    const top = await tempDir();
    await writeTree(top, {
      '.git/info/exclude': 'scratch.ts\n',
      '.gitignore': 'generated/\n/apps/web/local.config.js\n',
      'apps/.gitignore': '*.snap.ts\n!keep.snap.ts\n',
      'apps/web/src/app.ts': 'export {};\n',
      'apps/web/src/scratch.ts': 'export {};\n',
      'apps/web/generated/client.ts': 'export {};\n',
      'apps/web/local.config.js': 'module.exports = {};\n',
      'apps/web/src/ui.snap.ts': 'export {};\n',
      'apps/web/src/keep.snap.ts': 'export {};\n',
    });
    const result = await discoverFiles(join(top, 'apps', 'web'));
    expect(result.files.map((f) => f.path)).toEqual(['src/app.ts', 'src/keep.snap.ts']);
  });

  it('ignores a .gitignore above the root when there is no git work tree, and never hides a root that git ignores', async () => {
    const outside = await tempDir();
    await writeTree(outside, { '.gitignore': '*.ts\n', 'app/a.ts': 'export {};\n' });
    expect((await discoverFiles(join(outside, 'app'))).files.map((f) => f.path)).toEqual(['a.ts']);

    const top = await tempDir();
    await writeTree(top, { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'vendored/\n*.gen.ts\n', 'vendored/lib/a.ts': 'export {};\n', 'vendored/lib/b.gen.ts': 'export {};\n' });
    // The root was named explicitly: a file that ignores it is set aside whole, or nothing would be scanned.
    expect((await discoverFiles(join(top, 'vendored', 'lib'))).files.map((f) => f.path)).toEqual(['a.ts', 'b.gen.ts']);
  });
});

describe('reading files around the reuse buffer (256 KiB)', () => {
  // A long but not minified module: many short lines, each its own statement.
  const module = (bytes: number, mark: string) => {
    const line = `export const v${mark} = 'x';\n`;
    const body = line.repeat(Math.floor(bytes / line.length));
    return `${body}${'/'.repeat(bytes - body.length - 1)}\n`;
  };

  it('reads each file whole and apart from the next, below, at and above the buffer size, and sizes what is over the cap', async () => {
    const root = await tempDir();
    const KIB = 1024;
    const sizes: Record<string, number> = { 'a-small.ts': 3 * KIB, 'b-exact.ts': 256 * KIB, 'c-above.ts': 256 * KIB + 1, 'd-big.ts': 700 * KIB, 'e-small.ts': 2 * KIB };
    await writeTree(root, Object.fromEntries(Object.entries(sizes).map(([name, size]) => [name, module(size, name[0]!)])));
    const { files, skipped } = await discoverFiles(root);
    expect(skipped).toEqual([]);
    for (const f of files) {
      expect(f.size, f.path).toBe(sizes[f.path]);
      expect(f.text.length, f.path).toBe(sizes[f.path]);
      // A view of the shared buffer decoded late would show another file's text here.
      expect(f.text.startsWith(`export const v${f.path[0]} = `), f.path).toBe(true);
    }
    const capped = await discoverFiles(root, { maxFileBytes: 256 * KIB });
    expect(capped.files.map((f) => f.path)).toEqual(['a-small.ts', 'b-exact.ts', 'e-small.ts']);
    expect(capped.skipped).toEqual([
      { file: 'c-above.ts', reason: 'larger than 256 KiB (256.0 KiB)' },
      { file: 'd-big.ts', reason: 'larger than 256 KiB (700.0 KiB)' },
    ]);
    const small = await discoverFiles(root, { maxFileBytes: 2 * KIB });
    expect(small.files.map((f) => f.path)).toEqual(['e-small.ts']);
    expect(small.skipped.map((s) => s.reason)).toEqual(['larger than 2 KiB (3.0 KiB)', 'larger than 2 KiB (256.0 KiB)', 'larger than 2 KiB (256.0 KiB)', 'larger than 2 KiB (700.0 KiB)']);
  });
});
