import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { functionOf, isFunction, objectProperties, unwrap } from '../../src/analysis/ast.js';
import type { ClientInstance, Operation } from '../../src/inventory/types.js';

/**
 * Signatures computed in the browser: the auth hooks of a pusher-js or Laravel Echo client
 * (`channelAuthorization.customHandler`, `userAuthentication.customHandler`, the legacy
 * `authorizer`) followed into the functions they call, looking for an HMAC or a server-SDK
 * signing call instead of a request to the server.
 */

export interface SigningCall {
  /** The call that computes the signature. */
  node: CallExpression;
  /** What signs, for the message: `CryptoJS.HmacSHA256`, `crypto.subtle.sign`, `pusher.authorizeChannel`. */
  what: string;
  /** Which hook of the client it sits in. */
  hook: string;
}

const HMAC_CALLEE = /(^|\.)(Hmac(SHA|MD5|RIPEMD)\w*|hmacSHA\w*|hmac|HMAC|createHmac)$/;
const SDK_SIGNING = new Set(['authorizeChannel', 'authenticate', 'authenticateUser']);
/** How far calls out of a hook are followed into helper functions. */
const FOLLOW_DEPTH = 2;

/** The auth hooks of a client instance, by the option path a reader would recognise. */
export function authHooks(client: ClientInstance): Array<{ hook: string; node: Node }> {
  const out: Array<{ hook: string; node: Node }> = [];
  const top = objectProperties(client.optionsNode);
  for (const group of ['channelAuthorization', 'userAuthentication']) {
    const handler = objectProperties(top.get(group)).get('customHandler');
    if (handler) out.push({ hook: `${group}.customHandler`, node: handler });
  }
  // pusher-js's legacy `authorizer`, Laravel Echo's `authorizer`, the React Native SDK's `onAuthorizer`.
  for (const hook of ['authorizer', 'onAuthorizer']) {
    const node = top.get(hook);
    if (node) out.push({ hook, node });
  }
  return out;
}

/** The function a hook option points at: inline, a named function in the file, or an imported one. */
function hookFunction(node: Node): Node | undefined {
  const n = unwrap(node);
  if (isFunction(n)) return n;
  if (Node.isIdentifier(n) || Node.isPropertyAccessExpression(n)) return functionOf(n);
  // `customHandler: makeHandler(secret)`: the factory builds the handler, so its body is what runs.
  if (Node.isCallExpression(n)) return functionOf(n.getExpression());
  return undefined;
}

export function signingCalls(client: ClientInstance, sdkOps: ReadonlyMap<Node, Operation>): SigningCall[] {
  const out: SigningCall[] = [];
  for (const { hook, node } of authHooks(client)) {
    const fn = hookFunction(node);
    if (fn) collect(fn, hook, sdkOps, out, new Set(), 0);
  }
  return out;
}

function collect(fn: Node, hook: string, sdkOps: ReadonlyMap<Node, Operation>, out: SigningCall[], seen: Set<Node>, depth: number): void {
  if (seen.has(fn)) return;
  seen.add(fn);
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const what = signingCallee(call, sdkOps);
    if (what) {
      out.push({ node: call, what, hook });
      continue;
    }
    if (depth < FOLLOW_DEPTH) {
      const callee = functionOf(unwrap(call.getExpression()));
      if (callee) collect(callee, hook, sdkOps, out, seen, depth + 1);
    }
  }
}

function signingCallee(call: import('ts-morph').CallExpression, sdkOps: ReadonlyMap<Node, Operation>): string | undefined {
  const callee = unwrap(call.getExpression());
  const text = callee.getText().replace(/\s+/g, '');
  if (HMAC_CALLEE.test(text)) return text;
  if (/(^|\.)subtle\.sign$/.test(text)) return text;
  // jsSHA: `new jsSHA('SHA-256', 'TEXT', { hmacKey })` then `getHMAC('HEX')`, or `setHMACKey` on older versions.
  if (/\.getHMAC$/.test(text)) return text;
  if (Node.isPropertyAccessExpression(callee) && SDK_SIGNING.has(callee.getName())) {
    const op = sdkOps.get(call);
    if (op?.side === 'server' || /pusher/i.test(callee.getExpression().getText())) return text;
  }
  return undefined;
}
