import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { declarationsOf, functionOf, isFunction, shortText, unwrap, type FunctionLike } from '../../src/analysis/ast.js';
import { calleeText, Sanitizers } from './sanitizers.js';
import { originOf } from '../../src/inventory/origins.js';

/**
 * Where the data of one Pusher event goes: a taint walk over the file that binds it. It follows what
 * a reviewer follows by eye: local variables and destructuring, assignments and array mutations
 * (`messages.value.push(data)`, `messages = [...messages, data]`), React state setters, `this.x`
 * of a class or Vue component, `map`/`forEach`/`for…of` over tainted lists, and one level of
 * helpers and child components the data is passed to. A sanitizer call, a number conversion or a
 * value typed as number or boolean ends the flow.
 */

export interface Sink {
  node: Node;
  kind: 'htmlSink' | 'codeSink';
  label: string;
}

const SAFE_PROPERTY = /^(length|size)$/;

const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append', 'prepend', 'concat']);
const ITERATORS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'flatMap', 'some', 'every', 'sort', 'slice', 'reverse']);
const JQUERY_HTML = new Set(['html', 'append', 'prepend', 'after', 'before', 'replaceWith', 'wrap']);

export class EventDataFlow {
  private readonly decls = new Set<Node>();
  private readonly thisProps = new Set<string>();
  /** Function bodies walked besides the file: helpers and child components the data is passed to. */
  private readonly helpers = new Set<Node>();
  private file: SourceFile | undefined;

  private readonly clean: Sanitizers;

  constructor(sanitizer: RegExp) {
    this.clean = new Sanitizers(sanitizer);
  }

  /** Marks the data parameter of a bind/listen callback; false when the callback cannot be read. */
  seedCallback(callback: Node, index: number): boolean {
    const fn = resolveFunction(callback);
    const param = fn?.getParameters()[index];
    if (!param) return false;
    this.taintBinding(param);
    // A handler defined elsewhere (`channel.bind('message', onMessage)`) is walked like a helper.
    this.helpers.add(fn!);
    return true;
  }

  /** Spreads the taint through the file, then once more through the helpers it reaches. */
  run(file: SourceFile): void {
    this.file = file;
    this.spreadAll(file);
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) this.enterHelper(call);
    for (const el of [...file.getDescendantsOfKind(SyntaxKind.JsxOpeningElement), ...file.getDescendantsOfKind(SyntaxKind.JsxSelfClosingElement)]) this.enterComponent(el);
    this.spreadAll(file);
  }

  private spreadAll(file: SourceFile): void {
    for (let pass = 0; pass < 6; pass++) {
      let changed = this.spread(file);
      for (const h of this.helpers) changed = this.spread(h) || changed;
      if (!changed) return;
    }
  }

  /** One pass of propagation under `root`; true when something new was tainted. */
  private spread(root: Node): boolean {
    const before = this.decls.size + this.thisProps.size;
    root.forEachDescendant((node) => {
      if (Node.isVariableDeclaration(node)) {
        const init = node.getInitializer();
        if (init && this.carries(init)) this.taintBinding(node);
      } else if (Node.isBinaryExpression(node)) {
        const op = node.getOperatorToken().getKind();
        if ((op === SyntaxKind.EqualsToken || op === SyntaxKind.PlusEqualsToken || op === SyntaxKind.QuestionQuestionEqualsToken) && this.carries(node.getRight())) this.taintTarget(node.getLeft());
      } else if (Node.isCallExpression(node)) {
        this.spreadCall(node);
      } else if (Node.isForOfStatement(node) || Node.isForInStatement(node)) {
        const init = node.getInitializer();
        if (Node.isVariableDeclarationList(init) && this.carries(node.getExpression())) for (const d of init.getDeclarations()) this.taintBinding(d);
      }
    });
    return this.decls.size + this.thisProps.size !== before;
  }

  private spreadCall(call: CallExpression): void {
    const callee = unwrap(call.getExpression());
    const args = call.getArguments();
    if (Node.isPropertyAccessExpression(callee)) {
      const method = callee.getName();
      if (MUTATORS.has(method) && args.some((a) => this.carries(a))) this.taintTarget(callee.getExpression());
      if (ITERATORS.has(method) && this.carries(callee.getExpression())) {
        const fn = args[0] ? resolveFunction(args[0]) : undefined;
        const param = fn?.getParameters()[0];
        if (param) this.taintBinding(param);
      }
    }
    // React: `setMessages((prev) => [...prev, data])` or `setHtml(data.html)` taints `messages` / `html`.
    const state = stateOfSetter(callee);
    if (state && args[0]) {
      const arg = unwrap(args[0]);
      const fn = isFunction(arg) ? (arg as FunctionLike) : undefined;
      const carries = fn ? returnsCarrying(fn, (e) => this.carries(e)) : this.carries(arg);
      if (carries) this.taintBinding(state);
    }
  }

  /** A call passing event data to a function the scan can read: its parameter holds the data too. */
  private enterHelper(call: CallExpression): void {
    const args = call.getArguments();
    if (!args.some((a) => this.carries(a))) return;
    const callee = unwrap(call.getExpression());
    if (Node.isPropertyAccessExpression(callee) && (MUTATORS.has(callee.getName()) || ITERATORS.has(callee.getName()))) return;
    const fn = functionOf(callee);
    if (!fn || this.helpers.has(fn)) return;
    let entered = false;
    fn.getParameters().forEach((param, i) => {
      if (args[i] && this.carries(args[i])) {
        this.taintBinding(param);
        entered = true;
      }
    });
    if (entered) this.helpers.add(fn);
  }

  /** `<Bubble html={m.body} />`: the child component's matching prop holds the data. */
  private enterComponent(el: Node): void {
    if (!Node.isJsxOpeningElement(el) && !Node.isJsxSelfClosingElement(el)) return;
    const carried = el
      .getAttributes()
      .filter((a) => Node.isJsxAttribute(a))
      .filter((a) => {
        const init = a.getInitializer();
        return Node.isJsxExpression(init) && init.getExpression() !== undefined && this.carries(init.getExpression()!);
      })
      .map((a) => a.getNameNode().getText());
    if (carried.length === 0) return;
    const fn = functionOf(el.getTagNameNode());
    const props = fn?.getParameters()[0];
    if (!fn || !props || this.helpers.has(fn)) return;
    const name = props.getNameNode();
    if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const key = element.getPropertyNameNode()?.getText() ?? element.getName();
        if (carried.includes(key)) this.taintBinding(element);
      }
    } else this.taintBinding(props);
    this.helpers.add(fn);
  }

  /** Whether an expression can carry the event's data. */
  carries(expr: Node): boolean {
    const n = unwrap(expr);
    if (Node.isIdentifier(n)) return this.typedAsData(n, declarationsOf(n).some((d) => this.decls.has(d)));
    if (n.getKind() === SyntaxKind.ThisKeyword) return false;
    if (Node.isPropertyAccessExpression(n)) {
      if (SAFE_PROPERTY.test(n.getName())) return false;
      if (n.getExpression().getKind() === SyntaxKind.ThisKeyword) return this.typedAsData(n, this.thisProps.has(n.getName()));
      return this.typedAsData(n, this.carries(n.getExpression()));
    }
    if (Node.isElementAccessExpression(n)) return this.carries(n.getExpression());
    if (Node.isCallExpression(n)) {
      if (this.clean.sanitizes(n) || this.clean.mapsToSanitized(n)) return false;
      // `data.text.trim()`, `marked.parse(data.body)`, `format(data)`: the result still holds the data.
      return this.carries(n.getExpression()) || n.getArguments().some((a) => this.carries(a));
    }
    if (Node.isNewExpression(n)) return false;
    if (Node.isPropertyAssignment(n)) return this.carries(n.getInitializer()!);
    if (Node.isShorthandPropertyAssignment(n)) return declarationsOf(n.getNameNode()).some((d) => this.decls.has(d));
    if (Node.isConditionalExpression(n)) return this.carries(n.getWhenTrue()) || this.carries(n.getWhenFalse());
    if (Node.isBinaryExpression(n)) {
      const op = n.getOperatorToken().getKind();
      if (op === SyntaxKind.PlusToken || op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.AmpersandAmpersandToken) {
        return (op !== SyntaxKind.AmpersandAmpersandToken && this.carries(n.getLeft())) || this.carries(n.getRight());
      }
      return false;
    }
    if (isFunction(n) || Node.isTypeOfExpression(n) || Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) return false;
    if (Node.isAwaitExpression(n) || Node.isSpreadElement(n) || Node.isSpreadAssignment(n)) return this.carries(n.getExpression());
    if (Node.isTemplateExpression(n)) return n.getTemplateSpans().some((s) => this.carries(s.getExpression()));
    if (Node.isArrayLiteralExpression(n)) return n.getElements().some((e) => this.carries(e));
    if (Node.isObjectLiteralExpression(n)) return n.getProperties().some((p) => this.carries(p));
    if (Node.isJsxExpression(n)) return n.getExpression() !== undefined && this.carries(n.getExpression()!);
    return false;
  }

  sanitizes(call: CallExpression): boolean {
    return this.clean.sanitizes(call);
  }

  sanitizingNames(file: SourceFile): Set<string> {
    return this.clean.sanitizingNames(file);
  }

  /** A value the compiler types as a number or boolean cannot hold markup. */
  private typedAsData(n: Node, tainted: boolean): boolean {
    if (!tainted) return false;
    try {
      const t = n.getType();
      if (t.isNumber() || t.isBoolean() || t.isNumberLiteral() || t.isBooleanLiteral()) return false;
    } catch {
      // No type information: keep the taint.
    }
    return true;
  }

  private taintBinding(decl: Node): void {
    const name = Node.isParameterDeclaration(decl) || Node.isVariableDeclaration(decl) || Node.isBindingElement(decl) ? decl.getNameNode() : undefined;
    if (name && (Node.isObjectBindingPattern(name) || Node.isArrayBindingPattern(name))) {
      for (const el of name.getDescendantsOfKind(SyntaxKind.BindingElement)) if (Node.isIdentifier(el.getNameNode())) this.decls.add(el);
      return;
    }
    this.decls.add(decl);
  }

  /** The variable (or `this.x`) an assignment or mutation writes the data into. */
  private taintTarget(target: Node): void {
    let n = unwrap(target);
    let lastName: string | undefined;
    while (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) {
      if (Node.isPropertyAccessExpression(n)) lastName = n.getName();
      n = unwrap(n.getExpression());
    }
    if (n.getKind() === SyntaxKind.ThisKeyword && lastName !== undefined) {
      // `this.messages.push(data)`: the outermost name after `this`.
      let cur = unwrap(target);
      let first = lastName;
      while (Node.isPropertyAccessExpression(cur) || Node.isElementAccessExpression(cur)) {
        if (Node.isPropertyAccessExpression(cur) && unwrap(cur.getExpression()).getKind() === SyntaxKind.ThisKeyword) first = cur.getName();
        cur = unwrap(cur.getExpression());
      }
      this.thisProps.add(first);
      return;
    }
    if (Node.isIdentifier(n)) for (const d of declarationsOf(n)) if (Node.isVariableDeclaration(d) || Node.isParameterDeclaration(d) || Node.isBindingElement(d)) this.decls.add(d);
  }

  /** Names declared at the top of a script (Vue `<script setup>`, Svelte) or `this.x` props that hold the data, for templates. */
  taintedTopLevelNames(file: SourceFile): Set<string> {
    const names = new Set(this.thisProps);
    for (const statement of file.getVariableStatements()) {
      for (const decl of statement.getDeclarations()) {
        if (this.decls.has(decl)) names.add(decl.getName());
        for (const el of decl.getNameNode().getDescendantsOfKind(SyntaxKind.BindingElement)) if (this.decls.has(el)) names.add(el.getName());
      }
    }
    return names;
  }

  /** Every sink in the file and the helpers that receives the data. */
  sinks(): Sink[] {
    const seen = new Set<Node>();
    const out: Sink[] = [];
    for (const root of [...(this.file ? [this.file] : []), ...this.helpers]) {
      root.forEachDescendant((node) => {
        if (seen.has(node)) return;
        seen.add(node);
        const sink = this.sinkAt(node);
        if (sink) out.push(sink);
      });
    }
    return out;
  }

  private sinkAt(node: Node): Sink | undefined {
    if (Node.isBinaryExpression(node)) {
      const op = node.getOperatorToken().getKind();
      const left = unwrap(node.getLeft());
      if ((op === SyntaxKind.EqualsToken || op === SyntaxKind.PlusEqualsToken) && Node.isPropertyAccessExpression(left) && /^(innerHTML|outerHTML)$/.test(left.getName()) && this.carries(node.getRight())) {
        return { node, kind: 'htmlSink', label: `${shortText(left, 40)} ${node.getOperatorToken().getText()}` };
      }
      return undefined;
    }
    if (Node.isJsxAttribute(node) && node.getNameNode().getText() === 'dangerouslySetInnerHTML') {
      const init = node.getInitializer();
      const value = Node.isJsxExpression(init) ? init.getExpression() : undefined;
      const html = value && Node.isObjectLiteralExpression(unwrap(value)) ? (unwrap(value) as import('ts-morph').ObjectLiteralExpression).getProperty('__html') : undefined;
      if (html && this.carries(html)) return { node, kind: 'htmlSink', label: 'dangerouslySetInnerHTML' };
      if (value && !html && this.carries(value)) return { node, kind: 'htmlSink', label: 'dangerouslySetInnerHTML' };
      return undefined;
    }
    if (Node.isNewExpression(node)) {
      if (unwrap(node.getExpression()).getText() === 'Function' && (node.getArguments() ?? []).some((a) => this.carries(a))) return { node, kind: 'codeSink', label: 'new Function' };
      return undefined;
    }
    if (!Node.isCallExpression(node)) return undefined;
    const callee = unwrap(node.getExpression());
    const args = node.getArguments();
    const text = calleeText(node);
    if (/^(window\.|globalThis\.)?(eval|Function)$/.test(text) && args.some((a) => this.carries(a))) return { node, kind: 'codeSink', label: text.replace(/^(window|globalThis)\./, '') };
    if (/^(window\.|globalThis\.)?(setTimeout|setInterval)$/.test(text) && args[0] && !isFunction(unwrap(args[0])) && this.carries(args[0])) return { node, kind: 'codeSink', label: `${text}(string)` };
    if (Node.isIdentifier(callee) && args[0] && importsHtmlParser(node.getSourceFile())) {
      const origin = originOf(callee);
      if (origin && 'module' in origin && HTML_PARSERS.has(origin.module) && this.carries(args[0])) return { node, kind: 'htmlSink', label: `${origin.module}'s ${text}()` };
    }
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.getName();
    if (method === 'insertAdjacentHTML' && args[1] && this.carries(args[1])) return { node, kind: 'htmlSink', label: 'insertAdjacentHTML' };
    if ((method === 'write' || method === 'writeln') && /^(window\.)?document$/.test(unwrap(callee.getExpression()).getText()) && args.some((a) => this.carries(a))) return { node, kind: 'htmlSink', label: `document.${method}` };
    if (method === 'createContextualFragment' && args[0] && this.carries(args[0])) return { node, kind: 'htmlSink', label: 'createContextualFragment' };
    if (JQUERY_HTML.has(method) && args[0] && isJQuery(callee.getExpression()) && this.carries(args[0]) && (method === 'html' || isMarkupString(args[0]))) return { node, kind: 'htmlSink', label: `$(…).${method}` };
    return undefined;
  }
}

/**
 * Libraries that turn an HTML string into React elements as written, `<a href="javascript:…">`,
 * `<iframe>` and `<form>` included (html-react-parser's README: "not XSS-safe").
 */
const HTML_PARSERS = new Set(['html-react-parser', 'react-html-parser']);
/** Their names in a file's text: only a file that mentions one has calls worth resolving. */
const HTML_PARSER_IMPORT = new RegExp(`['"](${[...HTML_PARSERS].join('|')})['"]`);
const parserFiles = new WeakMap<SourceFile, boolean>();

function importsHtmlParser(sf: SourceFile): boolean {
  let v = parserFiles.get(sf);
  if (v === undefined) parserFiles.set(sf, (v = HTML_PARSER_IMPORT.test(sf.getFullText())));
  return v;
}

/** The function a callback argument names: inline, a local or imported function, or `this.method`. */
export function resolveFunction(node: Node): FunctionLike | undefined {
  let n = unwrap(node);
  // `this.onMessage.bind(this)`
  if (Node.isCallExpression(n)) {
    const callee = unwrap(n.getExpression());
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'bind') n = unwrap(callee.getExpression());
  }
  if (Node.isArrowFunction(n) || Node.isFunctionExpression(n)) return n;
  if (Node.isIdentifier(n) || Node.isPropertyAccessExpression(n)) return functionOf(n);
  return undefined;
}

/** For a React state setter (`setX` of `const [x, setX] = useState(…)`), the binding of `x`. */
function stateOfSetter(callee: Node): Node | undefined {
  if (!Node.isIdentifier(callee)) return undefined;
  for (const decl of declarationsOf(callee)) {
    if (!Node.isBindingElement(decl)) continue;
    const pattern = decl.getParent();
    if (!Node.isArrayBindingPattern(pattern) || pattern.getElements().indexOf(decl) !== 1) continue;
    const holder = pattern.getParent();
    const init = Node.isVariableDeclaration(holder) ? holder.getInitializer() : undefined;
    if (!init || !Node.isCallExpression(unwrap(init)) || !/(^|\.)(useState|useReducer|createSignal|useSignal)$/.test(calleeText(unwrap(init) as CallExpression))) continue;
    const first = pattern.getElements()[0];
    if (first && Node.isBindingElement(first)) return first;
  }
  return undefined;
}

function returnsCarrying(fn: FunctionLike, carries: (e: Node) => boolean): boolean {
  const body = fn.getBody();
  if (!body) return false;
  if (!Node.isBlock(body)) return carries(body);
  return body
    .getDescendantsOfKind(SyntaxKind.ReturnStatement)
    .filter((r) => r.getFirstAncestor((a) => isFunction(a)) === fn)
    .some((r) => r.getExpression() !== undefined && carries(r.getExpression()!));
}

/** `$('#log')`, `jQuery(el)`, `$list` (a jQuery object by convention), or a chain on one. */
function isJQuery(receiver: Node): boolean {
  let n = unwrap(receiver);
  while (Node.isCallExpression(n) || Node.isPropertyAccessExpression(n)) {
    if (Node.isCallExpression(n)) {
      const callee = unwrap(n.getExpression());
      if (Node.isIdentifier(callee) && /^(\$|jQuery)$/.test(callee.getText())) return true;
      n = callee;
    } else n = unwrap(n.getExpression());
  }
  return Node.isIdentifier(n) && /^\$\w/.test(n.getText());
}

/** A template or concatenation: jQuery parses a string argument of append/prepend/… as HTML. */
function isMarkupString(arg: Node): boolean {
  const n = unwrap(arg);
  return Node.isTemplateExpression(n) || (Node.isBinaryExpression(n) && n.getOperatorToken().getKind() === SyntaxKind.PlusToken) || Node.isStringLiteral(n);
}
