import type { CallExpression, PropertyAccessExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import { constInitializer, unwrap } from '../analysis/ast.js';

/**
 * What a name or expression is imported from: the module behind a constructor or a hook, or the
 * CDN global it reads. Instances are recognised by this, not by their variable names.
 */

/** `@harelpls/use-pusher` and its React Native entry point, `@harelpls/use-pusher/react-native`. */
export const USE_PUSHER = /^@harelpls\/use-pusher(\/react-native)?$/;

export type Origin = { module: string; name: string } | { global: string };

/** Where an expression's value comes from: an import/require of a module, or an undeclared global. */
export function originOf(expr: Node): Origin | undefined {
  const node = unwrap(expr);
  if (Node.isPropertyAccessExpression(node)) {
    const obj = unwrap(node.getExpression());
    if (/^(window|globalThis|self|global)$/.test(obj.getText())) return { global: node.getName() };
    // `PusherNS.default`, `require('pusher-js').default`, `Echo.default`
    const inner = originOf(obj);
    if (inner && 'module' in inner) return { module: inner.module, name: node.getName() === 'default' ? inner.name : node.getName() };
    return undefined;
  }
  if (Node.isCallExpression(node)) {
    const module = requiredModule(node);
    return module ? { module, name: 'default' } : undefined;
  }
  // `const { default: Pusher } = await import('pusher-js')`: loaded on demand, the same constructor.
  if (Node.isAwaitExpression(node)) {
    const call = unwrap(node.getExpression());
    return Node.isCallExpression(call) ? originOf(call) : undefined;
  }
  if (!Node.isIdentifier(node) && !Node.isJsxNamespacedName(node)) return undefined;
  const name = node.getText();
  let decls: Node[] = [];
  try {
    decls = node.getSymbol()?.getDeclarations() ?? [];
  } catch {
    return undefined;
  }
  // Scripts without imports share one global scope in the program (across apps in one scan), global
  // `.d.ts` typings declare the global itself, and TypeScript's JavaScript binder declares `Pusher` for
  // an expando such as `Pusher.logToConsole = true`. None of them makes `Pusher` less the CDN global:
  // only a declaration in this file (a variable, an import) does.
  const sourceFile = node.getSourceFile();
  decls = decls.filter(
    (d) =>
      // The expando's declaration is the bare identifier (or the access) on the assignment's left.
      !Node.isIdentifier(d) &&
      !Node.isPropertyAccessExpression(d) &&
      !Node.isBinaryExpression(d) &&
      !Node.isElementAccessExpression(d) &&
      // `declare const Pusher: any` (Angular with the CDN script) names the global, it is not a value.
      !(Node.isVariableDeclaration(d) && d.getVariableStatement()?.hasDeclareKeyword() === true) &&
      d.getSourceFile() === sourceFile,
  );
  if (decls.length === 0) return { global: name };
  for (const d of decls) {
    if (Node.isImportClause(d)) {
      const decl = d.getParent();
      if (Node.isImportDeclaration(decl)) return { module: decl.getModuleSpecifierValue(), name: 'default' };
    }
    if (Node.isImportSpecifier(d)) return { module: d.getImportDeclaration().getModuleSpecifierValue(), name: d.getName() };
    if (Node.isNamespaceImport(d)) {
      const decl = d.getParent()?.getParent();
      if (decl && Node.isImportDeclaration(decl)) return { module: decl.getModuleSpecifierValue(), name: '*' };
    }
    if (Node.isImportEqualsDeclaration(d)) {
      const ref = d.getModuleReference();
      const m = /require\(\s*['"]([^'"]+)['"]\s*\)/.exec(ref.getText());
      if (m) return { module: m[1]!, name: 'default' };
    }
    if (Node.isVariableDeclaration(d)) {
      const init = d.getInitializer();
      if (init) {
        const inner = originOf(init);
        if (inner && 'module' in inner) return inner;
      }
    }
    if (Node.isBindingElement(d)) {
      const holder = d.getParent()?.getParent();
      if (holder && Node.isVariableDeclaration(holder)) {
        const init = holder.getInitializer();
        const inner = init ? originOf(init) : undefined;
        if (inner && 'module' in inner) return { module: inner.module, name: d.getPropertyNameNode()?.getText() ?? d.getName() };
      }
    }
  }
  return undefined;
}

/** The module of `require('x')` or of a dynamic `import('x')`. */
function requiredModule(call: CallExpression): string | undefined {
  const callee = unwrap(call.getExpression());
  const dynamicImport = callee.getKind() === SyntaxKind.ImportKeyword;
  if (!dynamicImport && (!Node.isIdentifier(callee) || callee.getText() !== 'require')) return undefined;
  const arg = call.getArguments()[0];
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralText() : undefined;
}

export function isRequire(expr: Node): boolean {
  const node = unwrap(expr);
  if (Node.isCallExpression(node)) return requiredModule(node) !== undefined;
  if (Node.isPropertyAccessExpression(node)) return isRequire(node.getExpression());
  if (!Node.isIdentifier(node)) return false;
  const init = constInitializer(node);
  return init !== undefined && isRequire(init);
}

/** Whether a method call resolves to a method written in the scanned code rather than a library's. */
export function isAppMethod(callee: PropertyAccessExpression): boolean {
  let decls: Node[] = [];
  try {
    decls = callee.getNameNode().getSymbol()?.getDeclarations() ?? [];
  } catch {
    return false;
  }
  return decls.some((d) => !d.getSourceFile().isDeclarationFile() && (Node.isMethodDeclaration(d) || Node.isPropertyDeclaration(d) || Node.isPropertyAssignment(d)));
}

export function originOfName(sf: SourceFile, name: string): string | undefined {
  for (const imp of sf.getImportDeclarations()) {
    const clause = imp.getImportClause();
    if (!clause) continue;
    if (clause.getDefaultImport()?.getText() === name) return imp.getModuleSpecifierValue();
    if (clause.getNamedImports().some((n) => (n.getAliasNode() ?? n.getNameNode()).getText() === name)) return imp.getModuleSpecifierValue();
  }
  return undefined;
}
