import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import { isFunction } from './ast.js';

/**
 * The JSX half of "mounted with the app" (render-scopes.ts): whether a React component that an
 * app root imports is rendered there for as long as the root is, like `<Layout>` around every
 * page in `pages/_app.tsx`.
 */

/** The name `sf` gives what it imports from `specifier` (its default export, or one named import). */
export function importedLocal(sf: SourceFile, specifier: string): string | undefined {
  const decl = sf.getImportDeclarations().find((d) => d.getModuleSpecifierValue() === specifier);
  if (!decl || decl.isTypeOnly()) return undefined;
  const named = decl.getNamedImports().filter((n) => !n.isTypeOnly());
  const def = decl.getDefaultImport()?.getText();
  if (def !== undefined) return named.length === 0 ? def : undefined;
  return named.length === 1 ? (named[0]!.getAliasNode() ?? named[0]!.getNameNode()).getText() : undefined;
}

/**
 * Whether every mention of `local` in `sf` is a JSX tag inside the one tree its component
 * returns, with no `{…}`, condition, loop or early return around it. Such an element mounts and
 * unmounts with that component; anything else (`{user && <Layout>}`, `element={<Layout />}`, a
 * second `return`) is a mount of its own.
 */
export function rendersJsxUnconditionally(sf: SourceFile, local: string): boolean {
  const refs = sf.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id.getText() === local && !id.getFirstAncestorByKind(SyntaxKind.ImportDeclaration));
  return refs.length > 0 && refs.every((id) => unconditionalTag(id));
}

function unconditionalTag(id: Node): boolean {
  const tag = id.getParent();
  if (Node.isJsxClosingElement(tag)) return true;
  if (!(Node.isJsxOpeningElement(tag) || Node.isJsxSelfClosingElement(tag)) || tag.getTagNameNode() !== id) return false;
  let cur: Node = Node.isJsxOpeningElement(tag) ? tag.getParentOrThrow() : tag;
  let parent = cur.getParent();
  while (parent && (Node.isJsxElement(parent) || Node.isJsxFragment(parent) || Node.isParenthesizedExpression(parent))) {
    cur = parent;
    parent = cur.getParent();
  }
  if (!parent) return false;
  const fn = Node.isArrowFunction(parent) && parent.getBody() === cur ? parent : Node.isReturnStatement(parent) ? parent.getFirstAncestor(isFunction) : undefined;
  if (!fn) return false;
  const returns = fn.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor(isFunction) === fn);
  return Node.isArrowFunction(parent) ? returns.length === 0 : returns.length === 1;
}
