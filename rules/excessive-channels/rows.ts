import type { ClassDeclaration, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { escapeRegExp } from '../../src/core/regexp.js';
import { countedRounds, iterationsOf, type Iteration } from '../../src/analysis/loops.js';
import { loopedTags } from '../../src/analysis/markup.js';
import type { ScanModel } from '../../src/engine/rule.js';
import { functionName, returnsJsx } from '../../src/analysis/lifecycle.js';
import { constInitializer, declarationsOf, isFunction, propertyName, unwrap } from '../../src/analysis/ast.js';

/**
 * Components and where they are rendered: which component a subscription runs in when it mounts,
 * whether its channel name comes from the component's props, and whether a parent renders it once
 * per item of a list (`items.map(…)`, a FlatList `renderItem`, `v-for`, `{#each}`, `*ngFor`, `@for`).
 */

export interface Host {
  kind: 'react' | 'vue' | 'svelte' | 'angular';
  /** The component's name as its parents write it (`BoardCard`, `app-quote-row`). */
  name: string;
  file: string;
  /** The component function or class; the source file for a .vue / .svelte component. */
  scope: Node;
}

export interface Rendering {
  file: string;
  line: number;
  /** What it repeats over, as written (`rows`, `b in boards`, `FlatList renderItem`). */
  list: string;
}

/** Calls whose callback runs when a component mounts or its props change, not on a user action. */
const MOUNT_CALLS = /^(React\.)?(useEffect|useLayoutEffect|useInsertionEffect)$|^(onMounted|onBeforeMount|onActivated|watch|watchEffect|onMount|\$effect|\$effect\.pre|afterNextRender|effect)$/;
/** Lifecycle methods of class and options-API components. */
const MOUNT_METHODS = /^(componentDidMount|componentDidUpdate|mounted|created|beforeMount|setup|ngOnInit|ngOnChanges|ngAfterViewInit|constructor)$/;
/** Props of list components that render one element per row. */
const LIST_RENDER_PROPS = /^(renderItem|renderRow|renderSectionItem|rowRenderer|itemContent|renderCell|cellRenderer|itemRenderer)$/;
/** Values that hold a component's props. */
const PROPS_SOURCE = /^(withDefaults\(\s*)?defineProps\b|^\$props\(\)|^toRefs\(\s*props\b|^(input|input\.required|model)\s*[<(]/;

function callbackOf(fn: Node): string | undefined {
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call) || !call.getArguments().includes(fn)) return undefined;
  return unwrap(call.getExpression()).getText().replace(/\s+/g, '');
}

function isReactComponent(fn: Node): string | undefined {
  const name = functionName(fn);
  return name !== undefined && /^[A-Z]/.test(name) && returnsJsx(fn) ? name : undefined;
}

function componentClass(cls: ClassDeclaration): Host['kind'] | undefined {
  if (cls.getDecorators().some((d) => d.getName() === 'Component')) return 'angular';
  const base = cls.getExtends()?.getExpression().getText() ?? '';
  return /^(React\.)?(Pure)?Component$/.test(base) ? 'react' : undefined;
}

function angularSelector(cls: ClassDeclaration): string | undefined {
  const arg = cls.getDecorators().find((d) => d.getName() === 'Component')?.getArguments()[0];
  if (!arg || !Node.isObjectLiteralExpression(unwrap(arg))) return undefined;
  for (const p of (unwrap(arg) as import('ts-morph').ObjectLiteralExpression).getProperties()) {
    if (Node.isPropertyAssignment(p) && propertyName(p) === 'selector') {
      const v = unwrap(p.getInitializer()!);
      if (Node.isStringLiteral(v) || Node.isNoSubstitutionTemplateLiteral(v)) return v.getLiteralText();
    }
  }
  return undefined;
}

/** `components/board/Card.vue` → `Card`; Nuxt also registers it by its path, `BoardCard` (a repeated prefix once). */
function fileComponentNames(file: string): string[] {
  const pascal = (s: string) => s.replace(/(^|[-_])([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
  const names = [pascal(file.replace(/^.*\//, '').replace(/\.(vue|svelte)$/, ''))];
  const under = /(?:^|\/)components\/(.+)\.vue$/.exec(file);
  if (under) {
    const parts = under[1]!.split('/').map(pascal);
    let name = parts.pop()!;
    for (const part of parts.reverse()) if (!name.startsWith(part)) name = part + name;
    names.push(name);
  }
  return [...new Set(names)];
}

export interface Mounted {
  host: Host;
  /** The custom hook (`useItemChannel(id)`) the subscription sits in, when it is one. */
  hook?: Node;
}

/**
 * The component a call runs in when that component mounts: each function between them must be a
 * mount or effect callback, a lifecycle method, or a `use*` hook. A call in an event handler or any
 * other function runs on demand, not once per mounted row.
 */
export function mountedIn(node: Node, file: string): Mounted | undefined {
  const markupFile = /\.(vue|svelte)$/.test(file);
  for (let cur = node.getParent(); cur; cur = cur.getParent()) {
    if (Node.isClassDeclaration(cur)) {
      const kind = componentClass(cur);
      if (!kind) return undefined;
      const name = kind === 'angular' ? angularSelector(cur) : cur.getName();
      return name ? { host: { kind, name, file, scope: cur } } : undefined;
    }
    if (!isFunction(cur)) continue;
    const react = markupFile ? undefined : isReactComponent(cur);
    if (react) return { host: { kind: 'react', name: react, file, scope: cur } };
    const callee = callbackOf(cur);
    if (callee !== undefined && MOUNT_CALLS.test(callee)) continue;
    if ((Node.isMethodDeclaration(cur) || Node.isConstructorDeclaration(cur)) && MOUNT_METHODS.test(Node.isConstructorDeclaration(cur) ? 'constructor' : cur.getName())) continue;
    const name = functionName(cur);
    // A hook or composable: the component is wherever it is called.
    if (name !== undefined && /^use[A-Z]/.test(name)) return { host: { kind: 'react', name, file, scope: cur }, hook: cur };
    return undefined;
  }
  if (!markupFile) return undefined;
  const kind = file.endsWith('.vue') ? 'vue' : 'svelte';
  return { host: { kind, name: fileComponentNames(file)[0]!, file, scope: node.getSourceFile() } };
}

/**
 * Whether an expression takes its value from the component's props (through consts): a parameter
 * of the component, `defineProps()` / `$props()` / Svelte's `export let`, `this.props.x`, an
 * Angular `@Input()` or `input()`, a Vue options-API prop read as `this.x`.
 */
export function fromProps(expr: Node, host: Host, depth = 0): boolean {
  if (depth > 5) return false;
  const ids = Node.isIdentifier(expr) ? [expr] : expr.getDescendantsOfKind(SyntaxKind.Identifier);
  for (const id of ids) {
    const parent = id.getParent();
    if (parent && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
    for (const decl of declarationsOf(id)) {
      if (!within(decl, host.scope)) continue;
      const param = Node.isParameterDeclaration(decl) ? decl : decl.getFirstAncestorByKind(SyntaxKind.Parameter);
      if (param && param.getParent() === host.scope) return true;
      if (param && Node.isMethodDeclaration(param.getParent()) && (param.getParent() as import('ts-morph').MethodDeclaration).getName() === 'setup') return true;
      const variable = Node.isVariableDeclaration(decl) ? decl : decl.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
      if (!variable) continue;
      const statement = variable.getVariableStatement();
      if (host.kind === 'svelte' && statement?.isExported()) return true;
      const init = variable.getInitializer();
      if (!init) continue;
      if (PROPS_SOURCE.test(unwrap(init).getText())) return true;
      if (fromProps(init, host, depth + 1)) return true;
    }
  }
  for (const access of [expr, ...expr.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)]) {
    if (!Node.isPropertyAccessExpression(access) || !Node.isThisExpression(access.getExpression())) continue;
    const name = access.getName();
    if (name === 'props') return true;
    if (Node.isClassDeclaration(host.scope)) {
      const prop = host.scope.getProperty(name);
      if (prop && (prop.getDecorators().some((d) => d.getName() === 'Input') || PROPS_SOURCE.test(prop.getInitializer()?.getText() ?? ''))) return true;
      const init = prop?.getInitializer();
      if (init && depth < 5 && fromProps(init, host, depth + 1)) return true;
    }
    if (host.kind === 'vue' && new RegExp(`props\\s*:\\s*[[{][^]*?['"\\s{,]${name}\\b`).test(host.scope.getSourceFile().getFullText())) return true;
  }
  return false;
}

function within(node: Node, scope: Node): boolean {
  return node.getSourceFile() === scope.getSourceFile() && node.getPos() >= scope.getPos() && node.getEnd() <= scope.getEnd();
}

/** A collection whose size the code fixes: an array literal (or a const holding one) of at most `max` items. */
export function boundedCollection(collection: Node | undefined, max: number): boolean {
  if (!collection) return false;
  let n = unwrap(collection);
  if (Node.isCallExpression(n) && /^Object\.(keys|values|entries)$/.test(n.getExpression().getText()) && n.getArguments()[0]) {
    const target = unwrap(n.getArguments()[0]!);
    const obj = Node.isIdentifier(target) ? constInitializer(target) : target;
    const lit = obj ? unwrap(obj) : undefined;
    return lit !== undefined && Node.isObjectLiteralExpression(lit) && lit.getProperties().length <= max;
  }
  if (Node.isIdentifier(n)) n = unwrap(constInitializer(n) ?? n);
  if (Node.isArrayLiteralExpression(n)) return n.getElements().length <= max && !n.getElements().some((e) => Node.isSpreadElement(e));
  return false;
}

/** A `for (let i = 0; i < 3; i++)`: a count loop of at most `max` rounds between numbers written out. */
function boundedCount(it: Iteration, max: number): boolean {
  const rounds = countedRounds(it.scope);
  return rounds !== undefined && rounds <= max;
}

/** The first round-based iteration `node` runs in that is not a short fixed list. */
export function repeatingIteration(node: Node, max: number, accept: (it: Iteration) => boolean = () => true): Iteration | undefined {
  for (const it of iterationsOf(node)) {
    if (it.kind === 'while' || it.kind === 'do') continue;
    if (boundedCollection(it.collection, max) || boundedCount(it, max)) continue;
    if (accept(it)) return it;
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The list component whose row renderer holds `node`: `<FlatList renderItem={({ item }) => <Row …/>}>`, `const renderItem = …`. */
function listRenderer(node: Node): string | undefined {
  const fn = node.getFirstAncestor((a) => isFunction(a));
  if (!fn) return undefined;
  let holder = fn.getParent();
  if (holder && Node.isCallExpression(holder) && /^(React\.)?(useCallback|useMemo)$/.test(holder.getExpression().getText())) holder = holder.getParent();
  if (holder && Node.isJsxExpression(holder)) {
    const attr = holder.getParent();
    if (attr && Node.isJsxAttribute(attr) && LIST_RENDER_PROPS.test(attr.getNameNode().getText())) return `${listTag(attr)} ${attr.getNameNode().getText()}`;
  }
  if (holder && Node.isPropertyAssignment(holder) && LIST_RENDER_PROPS.test(holder.getName())) return holder.getName();
  const name = holder && Node.isVariableDeclaration(holder) ? holder.getName() : Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) ? fn.getName() : undefined;
  if (!name) return undefined;
  if (LIST_RENDER_PROPS.test(name)) return name;
  // `renderItem={renderQuote}`: the renderer passed by name.
  for (const attr of fn.getSourceFile().getDescendantsOfKind(SyntaxKind.JsxAttribute)) {
    const init = attr.getInitializer();
    if (!LIST_RENDER_PROPS.test(attr.getNameNode().getText()) || !init || !Node.isJsxExpression(init)) continue;
    const expr = init.getExpression();
    if (expr && unwrap(expr).getText().replace(/^this\./, '') === name) return `${listTag(attr)} ${attr.getNameNode().getText()}`;
  }
  return undefined;
}

function listTag(attr: Node): string {
  const el = attr.getFirstAncestor((a) => Node.isJsxSelfClosingElement(a) || Node.isJsxOpeningElement(a));
  return el && (Node.isJsxSelfClosingElement(el) || Node.isJsxOpeningElement(el)) ? el.getTagNameNode().getText() : 'list';
}

/** Names a file gives the default export or the named export `name` of `target`. */
function localNames(sf: SourceFile, specifiers: ReadonlySet<string>, name: string, defaultExport: boolean): Set<string> {
  const out = new Set<string>();
  for (const decl of sf.getImportDeclarations()) {
    if (!specifiers.has(decl.getModuleSpecifierValue())) continue;
    const def = decl.getDefaultImport();
    if (def && defaultExport) out.add(def.getText());
    for (const spec of decl.getNamedImports()) if (spec.getName() === name) out.add(spec.getAliasNode()?.getText() ?? name);
  }
  return out;
}

function isDefaultExport(host: Host): boolean {
  const scope = host.scope;
  if (Node.isSourceFile(scope)) return true;
  const holder = Node.isArrowFunction(scope) || Node.isFunctionExpression(scope) ? scope.getFirstAncestorByKind(SyntaxKind.VariableStatement) : scope;
  if (holder && (Node.isFunctionDeclaration(holder) || Node.isClassDeclaration(holder)) && holder.isDefaultExport()) return true;
  return new RegExp(`export\\s+default\\s+(\\w+\\()?${host.name}\\b`).test(scope.getSourceFile().getFullText());
}

/**
 * Where a parent renders the component once per item of a list, first found: JSX in the
 * component's own file and its importers, template markup of its importers (and, for Vue files
 * under `components/`, of the package's .vue files, which Nuxt and unplugin-vue-components
 * register by name), or for Angular every template in the package that uses its selector.
 */
export function renderedPerItem(model: ScanModel, host: Host, max: number, counts: (file: string) => boolean): Rendering | undefined {
  const importers = (model.graph.importers.get(host.file) ?? []).filter((e) => !e.typeOnly && counts(e.from));
  if (host.kind === 'react') {
    const byFile = new Map<string, Set<string>>([[host.file, new Set()]]);
    for (const e of importers) byFile.set(e.from, new Set([...(byFile.get(e.from) ?? []), e.specifier]));
    const def = isDefaultExport(host);
    for (const [file, specifiers] of [...byFile].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      for (const script of model.project.ensure(file)) {
        const sf = script.sourceFile;
        const names = file === host.file ? new Set([host.name]) : localNames(sf, specifiers, host.name, def);
        if (names.size === 0) continue;
        for (const el of [...sf.getDescendantsOfKind(SyntaxKind.JsxSelfClosingElement), ...sf.getDescendantsOfKind(SyntaxKind.JsxOpeningElement)]) {
          if (!names.has(el.getTagNameNode().getText())) continue;
          const it = repeatingIteration(el, max);
          const list = it ? (it.collection?.getText().replace(/\s+/g, ' ') ?? 'a loop') : listRenderer(el);
          if (list === undefined) continue;
          const where = model.project.locate(el);
          if (where) return { file: where.file, line: where.range.line, list };
        }
      }
    }
    return undefined;
  }
  const candidates: Array<{ file: string; names: Set<string> }> = [];
  if (host.kind === 'angular') {
    const pkg = model.packageOf(host.file);
    for (const f of model.files) if (f.text.includes(`<${host.name}`) && model.packageOf(f.path) === pkg && counts(f.path)) candidates.push({ file: f.path, names: new Set([host.name]) });
  } else {
    for (const e of importers) {
      const text = model.fileByPath.get(e.from)?.text ?? '';
      const re = new RegExp(`import\\s+(\\w+)\\s+from\\s+['"]${escapeRegExp(e.specifier)}['"]`);
      const m = re.exec(text);
      if (m) candidates.push({ file: e.from, names: new Set([m[1]!]) });
    }
    if (host.kind === 'vue' && candidates.length === 0 && /(^|\/)components\//.test(host.file)) {
      const pkg = model.packageOf(host.file);
      const names = new Set(fileComponentNames(host.file));
      for (const f of model.files) if (f.path.endsWith('.vue') && f.path !== host.file && model.packageOf(f.path) === pkg && counts(f.path)) candidates.push({ file: f.path, names });
    }
  }
  for (const c of candidates.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const text = model.fileByPath.get(c.file)?.text ?? '';
    const hit = loopedTags(text, c.names)[0];
    if (hit) return { file: c.file, line: lineOf(text, hit.offset), list: hit.loop };
  }
  return undefined;
}

