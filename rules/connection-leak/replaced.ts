import { Node, SyntaxKind } from '../../src/morph.js';
import type { ClientInstance } from '../../src/inventory/types.js';
import { isFunction, unwrap } from '../../src/analysis/ast.js';
import { functionName } from '../../src/analysis/lifecycle.js';
import { escapeRegExp } from '../../src/core/regexp.js';
import { holderOf, isModuleOrGlobal, normalise } from './clients.js';
import type { LeakState } from './state.js';

/** A client assigned over the one a module variable (or `this.x`) already holds, without disconnecting that one. */

export function checkReplacedClients(state: LeakState): void {
  const clients = state.inventory.clients.filter((c) => !state.skipFile(c.location.file) && (c.library === 'pusher-js' || c.library === 'laravel-echo'));
  for (const client of clients) {
    const assign = client.node.getParent();
    if (!assign || !Node.isBinaryExpression(assign) || assign.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || assign.getRight() !== client.node) continue;
    const holder = holderOf(client.node);
    const fn = client.node.getFirstAncestor(isFunction);
    // Per-mount clients are judged against their mount's cleanup.
    if (!holder || !fn || state.mounts.of(client.node) || !(isModuleOrGlobal(holder, client.node) || holder.startsWith('this.'))) continue;
    const previous = clients.find((c) => c !== client && c.location.file === client.location.file && holderOf(c.node) === holder && !fn.containsRange(c.node.getPos(), c.node.getEnd()));
    if (!previous || state.disconnects(client, [fn], holder) || testsAbsence(client.node, fn, holder)) continue;
    state.ctx.forFile(client.location.file, () => {
      const exported = exportedByValue(client, holder);
      state.ctx.report({
        node: client.node,
        messageId: 'clientNotDisconnected',
        data: {
          name: holder,
          where: `again in \`${fnName(fn)}\`, over the client \`${holder}\` already holds (line ${previous.location.line})`,
          missing: ', and nothing disconnects the old one',
          unit: 'call',
          fix: `Call \`${holder}.connect()\` on the existing client instead, or \`${holder}.disconnect()\` before replacing it.${exported ? ` \`${exported}\` still holds the old client, so the modules that import it keep using it.` : ''}`,
        },
      });
    });
  }
}

/** `if (!pusher) pusher = new Pusher(…)`: nothing to replace on that path. */
function testsAbsence(node: Node, fn: Node, holder: string): boolean {
  const absent = new RegExp(`^(!${escapeRegExp(holder)}|${escapeRegExp(holder)}(===?|==)(null|undefined)|typeof${escapeRegExp(holder)}===?['"]undefined['"])$`);
  return node.getAncestors().some((a) => a !== fn && fn.containsRange(a.getPos(), a.getEnd()) && Node.isIfStatement(a) && absent.test(a.getExpression().getText().replace(/\s+/g, '')));
}

/** `module.exports = pusher` / `export default pusher` export the value at that moment, not the variable. */
function exportedByValue(client: ClientInstance, holder: string): string | undefined {
  const sf = client.node.getSourceFile();
  for (const b of sf.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (b.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || normalise(unwrap(b.getRight()).getText()) !== holder) continue;
    const left = normalise(b.getLeft().getText());
    if (/^(module\.)?exports(\.\w+)?$/.test(left)) return left;
  }
  if (sf.getExportAssignments().some((e) => !e.isExportEquals() && normalise(e.getExpression().getText()) === holder)) return 'export default';
  return undefined;
}

function fnName(fn: Node): string {
  const name = Node.isMethodDeclaration(fn) ? fn.getName() : functionName(fn);
  if (name) return `${name}()`;
  const outer = fn.getParent()?.getFirstAncestor(isFunction);
  return outer ? fnName(outer) : 'a callback';
}
