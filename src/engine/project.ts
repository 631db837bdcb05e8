import type { Node, Project, SourceFile, ts as TS } from 'ts-morph';
import { morph, ts } from '../morph.js';
import type { DiscoveredFile, ScriptBlock } from '../discovery/types.js';
import type { ModuleResolver } from '../inventory/resolve.js';
import type { Range } from './types.js';

/**
 * The ts-morph project of one scan. It lives on an in-memory file system holding only the files
 * worth parsing, so the type checker never wanders into node_modules or lib files, and scanned
 * code is only ever read. Script blocks of .vue/.svelte/.html files become virtual modules whose
 * positions map back to the original file.
 */

const VIRTUAL_ROOT = '/repo/';

export interface ParsedScript {
  sourceFile: SourceFile;
  file: DiscoveredFile;
  block: ScriptBlock;
}

function extension(lang: ScriptBlock['lang']): TS.Extension {
  return { ts: ts.Extension.Ts, tsx: ts.Extension.Tsx, js: ts.Extension.Js, jsx: ts.Extension.Jsx }[lang];
}

export class ScanProject {
  private morphProject: Project | undefined;
  private readonly byVirtual = new Map<string, ParsedScript>();
  private readonly byFile = new Map<string, ParsedScript[]>();
  /** Parsed ahead of `ensure` (see `prefetch`), not yet asked for: in the program, not in `scripts`. */
  private readonly pending = new Map<string, ParsedScript[]>();
  private prefetched = false;

  constructor(
    files: readonly DiscoveredFile[],
    private readonly resolver: ModuleResolver,
    private readonly lookup: (path: string) => DiscoveredFile | undefined = () => undefined,
    /**
     * Files rules are likely to `ensure` one by one. Each file added after the type checker exists
     * throws it away, and with it every symbol resolved so far: a rule sweeping 200 files rebuilt
     * it 200 times. The first `ensure` adds all of these at once instead.
     */
    private readonly prefetch: () => readonly DiscoveredFile[] = () => [],
  ) {
    for (const file of files) this.add(file);
  }

  /**
   * The ts-morph project, created by the first parse: a scan that parses nothing (a repository
   * without Pusher) never loads ts-morph.
   */
  get project(): Project {
    return (this.morphProject ??= this.createProject());
  }

  private createProject(): Project {
    const resolver = this.resolver;
    const byVirtual = this.byVirtual;
    const byFile = this.byFile;
    return new (morph().Project)({
      useInMemoryFileSystem: true,
      skipLoadingLibFiles: true,
      skipFileDependencyResolution: true,
      compilerOptions: {
        allowJs: true,
        checkJs: false,
        noLib: true,
        types: [],
        jsx: ts.JsxEmit.Preserve,
        target: ts.ScriptTarget.ESNext,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowArbitraryExtensions: true,
        noEmit: true,
      },
      resolutionHost: () => ({
        resolveModuleNames(moduleNames: string[], containingFile: string) {
          const from = byVirtual.get(containingFile)?.file.path;
          return moduleNames.map((name) => {
            if (from === undefined) return undefined;
            const target = resolver.resolve(from, name);
            const script = target === undefined ? undefined : primaryScript(byFile.get(target));
            if (!script) return undefined;
            return {
              resolvedFileName: script.sourceFile.getFilePath(),
              extension: extension(script.block.lang),
              isExternalLibraryImport: false,
            };
          });
        },
      }),
    });
  }

  private parse(file: DiscoveredFile): ParsedScript[] {
    return file.blocks.map((block, i) => {
      const sourceFile = this.project.createSourceFile(virtualPath(file, block, i), block.code, { overwrite: true, scriptKind: scriptKind(block.lang) });
      return { sourceFile, file, block };
    });
  }

  private add(file: DiscoveredFile, scripts = this.parse(file)): ParsedScript[] {
    for (const script of scripts) this.byVirtual.set(script.sourceFile.getFilePath(), script);
    this.byFile.set(file.path, scripts);
    return scripts;
  }

  /** Scripts of a file already parsed for the inventory; [] for files that were not selected. */
  scriptsOf(path: string): readonly ParsedScript[] {
    return this.byFile.get(path) ?? [];
  }

  /** Scripts of any discovered source file, parsing it now if the inventory did not need it. */
  ensure(path: string): readonly ParsedScript[] {
    const known = this.byFile.get(path);
    if (known) return known;
    const file = this.lookup(path);
    if (!file || file.blocks.length === 0) return [];
    if (!this.prefetched) {
      this.prefetched = true;
      for (const f of this.prefetch()) if (f.blocks.length > 0 && !this.byFile.has(f.path)) this.pending.set(f.path, this.parse(f));
    }
    const ready = this.pending.get(path);
    this.pending.delete(path);
    return this.add(file, ready);
  }

  /** Whether a file was parsed (up front or by `ensure`). */
  has(path: string): boolean {
    return this.byFile.has(path);
  }

  get scripts(): ParsedScript[] {
    return [...this.byVirtual.values()];
  }

  scriptOf(node: Node): ParsedScript | undefined {
    return this.byVirtual.get(node.getSourceFile().getFilePath());
  }

  /** The original file's repo path and 1-based range of a node. */
  locate(node: Node): { file: string; range: Range } | undefined {
    const script = this.scriptOf(node);
    if (!script) return undefined;
    const sf = script.sourceFile;
    const start = sf.getLineAndColumnAtPos(node.getStart());
    const end = sf.getLineAndColumnAtPos(node.getEnd());
    return {
      file: script.file.path,
      range: {
        line: mapLine(script.block, start.line),
        column: mapColumn(script.block, start.line, start.column),
        endLine: mapLine(script.block, end.line),
        endColumn: mapColumn(script.block, end.line, end.column),
      },
    };
  }

  /** Syntax errors TypeScript recovered from, as `line N: message` in original-file lines. */
  syntaxErrors(script: ParsedScript): string[] {
    const diags = (script.sourceFile.compilerNode as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
    return diags.slice(0, 3).map((d) => {
      const line = d.start === undefined ? script.block.startLine : mapLine(script.block, script.sourceFile.getLineAndColumnAtPos(d.start).line);
      return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  }
}

function mapLine(block: ScriptBlock, line: number): number {
  return block.startLine + line - 1;
}

function mapColumn(block: ScriptBlock, line: number, column: number): number {
  return line === 1 ? block.startColumn + column - 1 : column;
}

function virtualPath(file: DiscoveredFile, block: ScriptBlock, index: number): string {
  if (file.kind === 'source') return VIRTUAL_ROOT + file.path;
  return `${VIRTUAL_ROOT}${file.path}.${index}.${block.lang}`;
}

function scriptKind(lang: ScriptBlock['lang']): TS.ScriptKind {
  return { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX }[lang];
}

/** The block other modules import: a Vue SFC's plain `<script>` before `<script setup>`. */
function primaryScript(scripts: ParsedScript[] | undefined): ParsedScript | undefined {
  if (!scripts || scripts.length === 0) return undefined;
  return scripts.find((s) => s.block.kind === 'script' || s.block.kind === 'module' || s.block.kind === 'svelte-module') ?? scripts[0];
}
