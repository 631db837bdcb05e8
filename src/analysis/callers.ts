import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import type { ScanModel } from '../engine/rule.js';
import { declarationsOf, unwrap } from './ast.js';

/**
 * One level of wrapper: `function notify(channel, data) { return pusher.trigger(channel, 'x', data) }`
 * names its channel and payload at its callers. Rules that judge what a trigger publishes, or
 * where, follow a parameter to those calls.
 */

/** The function and position of the parameter an expression names, when it names one. */
export function parameterIndex(expr: Node): { fn: Node; index: number } | undefined {
  const node = unwrap(expr);
  if (!Node.isIdentifier(node)) return undefined;
  for (const decl of declarationsOf(node)) {
    if (!Node.isParameterDeclaration(decl) || !Node.isIdentifier(decl.getNameNode())) continue;
    const fn = decl.getParent();
    if (fn && (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn))) {
      return { fn, index: fn.getParameters().indexOf(decl) };
    }
  }
  return undefined;
}

/** What finding callers needs of the model: the parsed files and who imports whom. */
export interface CallerTree {
  project: ScanModel['project'];
  graph: { importers: ReadonlyMap<string, ReadonlyArray<{ from: string; typeOnly?: boolean }>> };
}

/**
 * Direct calls of a named function, method or `const f = () => …`, across the parsed files: the
 * compiler's references, plus calls by the same name in files that import the wrapper's file,
 * which the compiler does not link through CommonJS (`const { triggerEvent } = require('../socket')`).
 */
export function callersOf(model: CallerTree, fn: Node): CallExpression[] {
  const holder = Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) ? fn.getParent() : fn;
  const name = holder && (Node.isFunctionDeclaration(holder) || Node.isMethodDeclaration(holder) || Node.isVariableDeclaration(holder)) ? holder.getNameNode() : undefined;
  if (!name || !Node.isIdentifier(name)) return [];
  const out = new Set<CallExpression>();
  let refs: Node[] = [];
  try {
    refs = name.findReferencesAsNodes();
  } catch {
    refs = [];
  }
  for (const ref of refs) {
    const access = ref.getParent();
    const callee = access && Node.isPropertyAccessExpression(access) && access.getNameNode() === ref ? access : ref;
    const call = callee.getParent();
    if (call && Node.isCallExpression(call) && call.getExpression() === callee) out.add(call);
  }
  const file = model.project.scriptOf(fn)?.file.path;
  const text = name.getText();
  const method = Node.isMethodDeclaration(holder);
  for (const edge of file ? (model.graph.importers.get(file) ?? []) : []) {
    if (edge.typeOnly) continue;
    // A service's importers may hold no Pusher code, so nothing parsed them yet (`this.pusherService.notify(order)`).
    for (const script of method ? model.project.ensure(edge.from) : model.project.scriptsOf(edge.from)) {
      if (!script.sourceFile.getFullText().includes(text)) continue;
      for (const call of script.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = unwrap(call.getExpression());
        const called = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
        if (called?.getText() !== text) continue;
        // A method is matched by what the compiler resolves the receiver to, never by its name alone.
        if (method ? declarationsOf(called).includes(holder) : requiredFrom(called, holder)) out.add(call);
      }
    }
  }
  return [...out];
}

/** Whether a called name resolves to the wrapper, or is bound by a `require()` or import (not a local function of the same name). */
function requiredFrom(id: Node, wrapper: Node): boolean {
  if (declarationsOf(id).includes(wrapper)) return true;
  const target = Node.isIdentifier(id) && Node.isPropertyAccessExpression(id.getParent()) ? unwrap((id.getParent() as import('ts-morph').PropertyAccessExpression).getExpression()) : id;
  return declarationsOf(target).some((d) => {
    if (Node.isImportSpecifier(d) || Node.isImportClause(d) || Node.isNamespaceImport(d)) return true;
    const holder = Node.isBindingElement(d) ? d.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : Node.isVariableDeclaration(d) ? d : undefined;
    const init = holder?.getInitializer();
    return init !== undefined && /^(await\s+)?require\(/.test(unwrap(init).getText());
  });
}
