import type { FunctionDeclaration } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import type { ClientInstance } from '../../src/inventory/types.js';
import { escapeRegExp } from '../../src/core/regexp.js';
import { isFunction, returnedExpression, unwrap, type FunctionLike } from '../../src/analysis/ast.js';
import { functionName } from '../../src/analysis/lifecycle.js';
import { holderOf } from './clients.js';
import type { LeakState } from './state.js';

/**
 * Clients made in an event handler of a component (`@click="selectUser(user)"`, `onClick={join}`):
 * every click opens another WebSocket, and one held only in a local of the handler can never be
 * disconnected. The handler is recognised by its name in the component's own markup (a Vue or
 * Svelte template, a JSX `on…` attribute); a client the handler keeps outside itself (a ref, a
 * module variable, `this.pusher`), returns, or disconnects is judged elsewhere or not at all.
 */
export function checkActionClients(state: LeakState): void {
  for (const client of state.inventory.clients) {
    if (client.library !== 'pusher-js' && client.library !== 'laravel-echo') continue;
    if (state.skipFile(client.location.file) || state.mounts.of(client.node)) continue;
    const handler = localHandler(client);
    if (!handler) continue;
    const trigger = markupTrigger(state, client.location.file, handler.name, handler.fn);
    if (!trigger) continue;
    state.ctx.forFile(client.location.file, () => {
      state.localClients.set(client.id, { disconnected: false, reported: true });
      state.ctx.report({
        node: client.node,
        messageId: 'clientNotDisconnected',
        data: {
          name: handler.holder,
          where: `in \`${handler.name}\`, which ${trigger} runs each time`,
          missing: ', and it is kept only in a local of that handler, so nothing can disconnect it',
          unit: 'call',
          fix: 'Create one client when the component mounts (or in a shared module) and only subscribe and unsubscribe in the handler.',
        },
      });
    });
  }
}

/** The named function a client is made in, held in one of its own locals and neither returned nor disconnected there. */
function localHandler(client: ClientInstance): { fn: FunctionLike; name: string; holder: string } | undefined {
  const fn = client.node.getFirstAncestor((a) => isFunction(a)) as FunctionLike | undefined;
  if (!fn || !(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return undefined;
  const name = functionName(fn);
  if (!name || /^use[A-Z]/.test(name)) return undefined;
  const holder = holderOf(client.node);
  if (!holder || holder.includes('.')) return undefined;
  const decl = client.node.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  if (!decl || decl.getName() !== holder || decl.getFirstAncestor((a) => isFunction(a)) !== fn) return undefined;
  const returned = returnedExpression(fn);
  if (returned && unwrap(returned).getText() === holder) return undefined;
  const body = (fn as FunctionDeclaration).getBody();
  // Handed on, it may be kept or disconnected there: `store.setClient(pusher)`, `clients.push(pusher)`.
  const uses = body?.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id.getText() === holder && id !== decl.getNameNode()) ?? [];
  const handledElsewhere = uses.some((id) => {
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id) return parent.getName() === 'disconnect';
    return true;
  });
  return handledElsewhere ? undefined : { fn, name, holder };
}

/** Which event of the component's markup runs `name`: `@click="name(…)"`, `on:click={name}`, `onClick={() => name(…)}`. */
function markupTrigger(state: LeakState, file: string, name: string, fn: FunctionLike): string | undefined {
  const call = `(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`;
  if (/\.(vue|svelte)$/.test(file)) {
    const text = state.ctx.model.fileByPath.get(file)?.text ?? '';
    const m = new RegExp(`((?:@|v-on:|on:)[\\w-]+)(?:\\.[\\w-]+)*\\s*=\\s*["'{][^"'}]*?${call}`).exec(text);
    return m ? `the template's \`${m[1]}\`` : undefined;
  }
  const calls = new RegExp(call);
  for (const attr of fn.getSourceFile().getDescendantsOfKind(SyntaxKind.JsxAttribute)) {
    const event = attr.getNameNode().getText();
    const init = attr.getInitializer();
    if (/^on[A-Z]/.test(event) && init && calls.test(init.getText())) return `an \`${event}\` handler`;
  }
  return undefined;
}
