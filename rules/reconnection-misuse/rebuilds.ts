import type { Node } from 'ts-morph';
import { Node as N } from '../../src/morph.js';
import { evaluate, UNKNOWN } from '../../src/analysis/constant-eval.js';
import { pathGuards, type Guard } from '../../src/analysis/path-guards.js';
import { isFunction, unwrap } from '../../src/analysis/ast.js';
import { clientName, NOTED_LIBRARIES, siteText } from './handlers.js';
import type { Scan } from './index.js';

/** A new client built because an old one's connection is down, wherever that check runs (app resume, `online`, a click). */

/** `pusher.connection.state`, `Echo.connector.pusher.connection.state`. */
function isStateRef(input: Node): boolean {
  const node = unwrap(input);
  return N.isPropertyAccessExpression(node) && node.getName() === 'state' && /(^|\.)connection$/.test(unwrap(node.getExpression()).getText().replace(/\?/g, ''));
}

function readsState(node: Node): boolean {
  return [node, ...node.getDescendants()].some(isStateRef);
}

/**
 * Whether the guards let the rebuild run while the connection is `unavailable`, the state in which pusher-js is
 * still retrying by itself: at least one guard reads the state and holds for it, and no guard rules it out.
 */
function runsWhileUnavailable(guards: Guard[]): boolean {
  const symbol = { matches: isStateRef, value: 'unavailable' };
  let decided = false;
  for (const g of guards) {
    const cond = 'cond' in g ? g.cond : g.caseOf;
    if (!readsState(cond)) continue;
    if ('cond' in g) {
      const v = evaluate(g.cond, symbol);
      if (v === UNKNOWN) return false;
      if (Boolean(v) !== g.holds) return false;
    } else {
      const values = g.labels.map((l) => evaluate(l, symbol));
      if (values.some((v) => v === UNKNOWN)) return false;
      if (values.includes('unavailable') === g.isDefault) return false;
    }
    decided = true;
  }
  return decided;
}

export function checkRebuilds(scan: Scan): void {
  const { ctx, reported } = scan;
  for (const client of ctx.model.inventory.clients) {
    if (!NOTED_LIBRARIES.has(client.library) || client.via === 'singleton' || reported.has(client.node) || !ctx.appliesTo(client.location.file)) continue;
    if (!runsWhileUnavailable(pathGuards(client.node, client.node.getSourceFile()))) continue;
    ctx.forFile(client.location.file, () => {
      reported.add(client.node);
      const name = clientName(client.node);
      const old = disconnectsFirst(client.node, name) ? '' : 'the old one keeps retrying beside the new one (nothing disconnects it), and ';
      ctx.report({ node: client.node, messageId: 'rebuildsClient', data: { call: siteText(client.node), name, old } });
    });
  }
}

/** `pusher.disconnect()` in a function around the rebuild: the old client is closed, not left retrying. */
function disconnectsFirst(site: Node, name: string): boolean {
  return site.getAncestors().some(
    (a) => isFunction(a) && a.getDescendants().some((d) => N.isPropertyAccessExpression(d) && d.getName() === 'disconnect' && unwrap(d.getExpression()).getText().replace(/\?/g, '') === name),
  );
}
