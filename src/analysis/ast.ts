import type { Symbol as MorphSymbol } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';

/**
 * Syntax helpers every analysis and rule needs: unwrapping casts and parentheses, following a
 * name to its declarations and a const to its initializer (through imports), reading object
 * literals, and finding the function a callee names and what it returns.
 */

export const MAX_DEPTH = 12;

/** Parameter name → argument node, when evaluating a helper function's body for one call. */
export type Bindings = ReadonlyMap<string, Node>;

/** Unwraps `(x)`, `x as T`, `x!`, `x satisfies T`, `<T>x`. */
export function unwrap(node: Node): Node {
  let cur = node;
  for (;;) {
    if (
      Node.isParenthesizedExpression(cur) ||
      Node.isAsExpression(cur) ||
      Node.isNonNullExpression(cur) ||
      Node.isSatisfiesExpression(cur) ||
      Node.isTypeAssertion(cur)
    ) {
      cur = cur.getExpression();
    } else {
      return cur;
    }
  }
}

/** What an `await` waits for, unwrapped (`await (x as T)` → `x`); any other expression, unwrapped. */
export function unawaited(node: Node): Node {
  const n = unwrap(node);
  return Node.isAwaitExpression(n) ? unwrap(n.getExpression()) : n;
}

/** The identifiers a variable declaration binds: its name, or every identifier of its destructuring pattern. */
export function boundIdentifiers(decl: import('ts-morph').VariableDeclaration): Node[] {
  const name = decl.getNameNode();
  return [name, ...name.getDescendantsOfKind(SyntaxKind.Identifier)].filter((id) => Node.isIdentifier(id));
}

/** The declarations a name refers to, looking through import/export aliases. */
export function declarationsOf(node: Node): Node[] {
  let symbol: MorphSymbol | undefined;
  try {
    // The name of a shorthand property `{ key }` is also a read of the variable `key`; its own symbol is the property's.
    const parent = node.getParent();
    symbol = parent && Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === node ? parent.getValueSymbol() : node.getSymbol();
    if (symbol && symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  } catch {
    return [];
  }
  return symbol?.getDeclarations() ?? [];
}

/** The text of a string literal (`'x'`, `` `x` `` without substitutions), after unwrapping. */
export function stringLiteral(node: Node | undefined): string | undefined {
  const u = node ? unwrap(node) : undefined;
  return u && (Node.isStringLiteral(u) || Node.isNoSubstitutionTemplateLiteral(u)) ? u.getLiteralText() : undefined;
}

/** The values assigned to a `let` (declared without a value, or reassigned) in the function that declares it. */
export function assignedValues(id: Node): Node[] {
  const decl = declarationsOf(id).find((d): d is import('ts-morph').VariableDeclaration => Node.isVariableDeclaration(d));
  if (!decl || decl.getVariableStatement()?.getDeclarationKind() === 'const') return [];
  const scope = decl.getFirstAncestor((a) => isFunction(a)) ?? decl.getSourceFile();
  const name = decl.getName();
  return scope.getDescendantsOfKind(SyntaxKind.BinaryExpression).flatMap((b) => {
    const left = unwrap(b.getLeft());
    return b.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isIdentifier(left) && left.getText() === name && declarationsOf(left).includes(decl) ? [b.getRight()] : [];
  });
}

/** The initializer of a `const` (or a never-reassigned `let`) a name refers to. */
export function constInitializer(node: Node): Node | undefined {
  for (const decl of declarationsOf(node)) {
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (!init) continue;
      const list = decl.getVariableStatement()?.getDeclarationKind();
      if (list === 'const' || !isReassigned(decl)) return init;
    }
    if (Node.isEnumMember(decl)) return decl.getInitializer();
    if (Node.isPropertyAssignment(decl)) return decl.getInitializer();
    if (Node.isShorthandPropertyAssignment(decl)) return decl.getNameNode();
    if (Node.isPropertyDeclaration(decl) && decl.isReadonly()) return decl.getInitializer();
    if (Node.isExportAssignment(decl)) return decl.getExpression();
  }
  return undefined;
}

function isReassigned(decl: Node): boolean {
  if (!Node.isVariableDeclaration(decl)) return true;
  const name = decl.getNameNode();
  if (!Node.isIdentifier(name)) return true;
  try {
    return name.findReferencesAsNodes().some((ref) => {
      const parent = ref.getParent();
      return (
        Node.isBinaryExpression(parent) &&
        parent.getLeft() === ref &&
        parent.getOperatorToken().getKind() >= SyntaxKind.FirstAssignment &&
        parent.getOperatorToken().getKind() <= SyntaxKind.LastAssignment
      );
    });
  } catch {
    return true;
  }
}

/** `obj.prop` / `obj['prop']` where `obj` is a const object literal (possibly imported). */
export function propertyInitializer(node: Node): Node | undefined {
  for (const decl of declarationsOf(node)) {
    if (Node.isPropertyAssignment(decl)) return decl.getInitializer();
    if (Node.isEnumMember(decl)) return decl.getInitializer();
    if (Node.isPropertyDeclaration(decl) && (decl.isReadonly() || decl.isStatic())) return decl.getInitializer();
  }
  if (Node.isElementAccessExpression(node)) {
    const arg = node.getArgumentExpression();
    const obj = objectLiteralOf(node.getExpression());
    if (arg && obj && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) {
      const prop = obj.getProperty(arg.getLiteralText());
      if (prop && Node.isPropertyAssignment(prop)) return prop.getInitializer();
    }
  }
  return undefined;
}

/** The object literal an expression evaluates to, through consts and imports. */
export function objectLiteralOf(node: Node, depth = 0): import('ts-morph').ObjectLiteralExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  if (Node.isObjectLiteralExpression(n)) return n;
  if (Node.isIdentifier(n) || Node.isPropertyAccessExpression(n)) {
    const init = Node.isIdentifier(n) ? constInitializer(n) : propertyInitializer(n);
    return init ? objectLiteralOf(init, depth + 1) : undefined;
  }
  return undefined;
}

/** A call to a local helper whose body is one returned expression: `channelFor(id)`. */
export function inlineCall(call: Node): { body: Node; bindings: Bindings } | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const fn = functionOf(call.getExpression());
  if (!fn) return undefined;
  const body = returnedExpression(fn);
  if (!body) return undefined;
  const bindings = new Map<string, Node>();
  const args = call.getArguments();
  fn.getParameters().forEach((p, i) => {
    const arg = args[i];
    if (arg) bindings.set(p.getName(), arg);
  });
  return { body, bindings };
}

export type FunctionLike =
  | import('ts-morph').FunctionDeclaration
  | import('ts-morph').ArrowFunction
  | import('ts-morph').FunctionExpression
  | import('ts-morph').MethodDeclaration;

export function functionOf(callee: Node, depth = 0): FunctionLike | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const decl of declarationsOf(callee)) {
    if (Node.isFunctionDeclaration(decl) || Node.isMethodDeclaration(decl)) return decl;
    if (Node.isVariableDeclaration(decl) || Node.isPropertyAssignment(decl)) {
      const init = decl.getInitializer();
      const u = init ? unwrap(init) : undefined;
      if (u && (Node.isArrowFunction(u) || Node.isFunctionExpression(u))) return u;
    }
  }
  return undefined;
}

/** A function given as a value: written inline, or an identifier naming one (`return unsubscribe`, `useCallback(cleanup)`). */
export function functionValue(expr: Node): FunctionLike | undefined {
  const e = unwrap(expr);
  if (Node.isArrowFunction(e) || Node.isFunctionExpression(e) || Node.isFunctionDeclaration(e) || Node.isMethodDeclaration(e)) return e;
  return Node.isIdentifier(e) ? functionOf(e) : undefined;
}

/** The expression a function returns, when it has exactly one return (or is an expression-bodied arrow). */
export function returnedExpression(fn: FunctionLike): Node | undefined {
  if (Node.isArrowFunction(fn)) {
    const body = fn.getBody();
    if (!Node.isBlock(body)) return body;
  }
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) return undefined;
  const returns = body.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor((a) => isFunction(a)) === fn);
  if (returns.length !== 1) return undefined;
  return returns[0]!.getExpression();
}

export function isFunction(node: Node): boolean {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isArrowFunction(node) ||
    Node.isFunctionExpression(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

export function shortText(node: Node, max = 60): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function propertyName(prop: Node): string | undefined {
  if (!Node.isPropertyAssignment(prop) && !Node.isShorthandPropertyAssignment(prop) && !Node.isMethodDeclaration(prop)) return undefined;
  const nameNode = prop.getNameNode();
  if (Node.isIdentifier(nameNode)) return nameNode.getText();
  if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.getLiteralText();
  if (Node.isNumericLiteral(nameNode)) return nameNode.getText();
  return undefined;
}

/** Option name → value expression node for an options object (through consts), including spreads of const objects. */
export function objectProperties(node: Node | undefined): Map<string, Node> {
  const out = new Map<string, Node>();
  if (!node) return out;
  const obj = objectLiteralOf(node);
  if (!obj) return out;
  for (const prop of obj.getProperties()) {
    if (Node.isPropertyAssignment(prop)) {
      const key = propertyName(prop);
      const init = prop.getInitializer();
      if (key !== undefined && init) out.set(key, init);
    } else if (Node.isShorthandPropertyAssignment(prop)) {
      out.set(prop.getName(), prop.getNameNode());
    } else if (Node.isMethodDeclaration(prop)) {
      out.set(prop.getName(), prop);
    } else if (Node.isSpreadAssignment(prop)) {
      for (const [k, v] of objectProperties(prop.getExpression())) if (!out.has(k)) out.set(k, v);
    }
  }
  return out;
}

/** An identifier that names a property (`a.id`, `{ id: … }`), not a value in scope. */
export function isPropertyName(id: Node): boolean {
  const parent = id.getParent();
  return (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) || (Node.isPropertyAssignment(parent) && parent.getNameNode() === id);
}

/** Where a finding about a call points: a chained call (`Echo.private(x)\n  .listen(…)`) starts where the chain starts, so the method's name. */
export function callAnchor(call: Node): Node {
  const callee = Node.isCallExpression(call) ? unwrap(call.getExpression()) : call;
  return Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : call;
}

/** The text of `fn` up to where `site` starts: what runs, or is written, before it. */
export function textBefore(fn: Node, site: Node): string {
  return fn.getText().slice(0, site.getStart() - fn.getStart());
}
