import { Node } from '../morph.js';
import { declarationsOf, isPropertyName, objectLiteralOf, shortText, unwrap } from './ast.js';
import { isSessionRead, requestSource } from './request.js';

/**
 * What the caller of an auth endpoint claims about itself in the data it sends: presence or user
 * fields whose values come from the request, and how such a source reads in a message.
 */

const INFO_IDENTITY = /^(id|user_?id|userId|uid|name|display_?name|displayName|full_?name|fullName|user_?name|username|nick(name)?|handle|email|e_?mail|role|roles|is_?admin|isAdmin|admin|user_?admin|moderator|is_?moderator|staff|is_?staff|permissions?|scopes?|verified|is_?verified|avatar|avatar_?url|avatarUrl|picture|image)$/i;
/** Fields of the presence data that show a privilege to other members (`role`, `is_admin`), rather than who someone is. */
export const PRIVILEGE_FIELD = /(^|\.)(role|roles|is_?admin|admin|user_?admin|moderator|is_?moderator|staff|is_?staff|permissions?|scopes?|verified|is_?verified)$/i;

export interface ClientClaim {
  /** The property (or expression) to report. */
  node: Node;
  /** The field a reader knows it by: `user_id`, `user_info.name`. */
  field: string;
  /** Where the value comes from, e.g. `req.body.user_id`. */
  source: string;
}

/** Fields of the presence / user data whose values the caller chose. */
export function presenceClaims(data: Node, path = ''): ClientClaim[] {
  const u = unwrap(data);
  // `channel.startsWith('presence-') ? presence : undefined`
  if (Node.isConditionalExpression(u)) return [...presenceClaims(u.getWhenTrue(), path), ...presenceClaims(u.getWhenFalse(), path)];
  const obj = objectLiteralOf(data);
  if (!obj) {
    const source = requestSource(data);
    return source ? [{ node: data, field: path || 'presence data', source: describe(source) }] : [];
  }
  const out: ClientClaim[] = [];
  for (const prop of obj.getProperties()) {
    if (Node.isPropertyAssignment(prop)) {
      const key = prop.getNameNode().getText().replace(/^['"]|['"]$/g, '');
      const init = prop.getInitializer();
      if (!init) continue;
      const field = path ? `${path}.${key}` : key;
      if (objectLiteralOf(init)) {
        out.push(...presenceClaims(init, field));
        continue;
      }
      const source = requestSource(init);
      if (source && claimsIdentity(path, key)) out.push({ node: prop, field, source: describe(source) });
    } else if (Node.isShorthandPropertyAssignment(prop)) {
      const source = requestSource(prop.getNameNode());
      const field = path ? `${path}.${prop.getName()}` : prop.getName();
      if (source && claimsIdentity(path, prop.getName())) out.push({ node: prop, field, source: describe(prop.getNameNode()) });
    } else if (Node.isSpreadAssignment(prop)) {
      const source = requestSource(prop.getExpression());
      if (source) out.push({ node: prop, field: path ? `${path} (spread)` : 'spread', source: describe(source) });
    }
  }
  return out;
}

/**
 * Top-level presence fields (`user_id`, the whole `user_info`) are identity; inside `user_info` only
 * fields that tell others who someone is or what they may do are (a vehicle or a colour is app data).
 */
function claimsIdentity(path: string, key: string): boolean {
  return path === '' || INFO_IDENTITY.test(key);
}

/** Where a variable's value comes from, with the destructured key: `req.body` and `user_id` for `const { user_id: userId } = req.body`. */
function declarationOf(id: Node): { node: Node; key?: string } | undefined {
  const decl = declarationsOf(id)[0];
  if (decl && Node.isBindingElement(decl)) {
    let holder: Node | undefined = decl.getParent()?.getParent();
    while (holder && Node.isBindingElement(holder)) holder = holder.getParent()?.getParent();
    const init = holder && Node.isVariableDeclaration(holder) ? holder.getInitializer() : undefined;
    if (init) return { node: init, key: decl.getPropertyNameNode()?.getText() ?? decl.getName() };
  }
  const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  return init ? { node: init } : undefined;
}


/** How a source reads in a message: `req.body.user_id` for `const { user_id: userId } = req.body`, through awaits and variables. */
export function describe(node: Node, depth = 0): string {
  const n = unwrap(node);
  if (Node.isAwaitExpression(n)) return describe(n.getExpression(), depth + 1);
  if (Node.isIdentifier(n) && depth < 6) {
    const from = declarationOf(n);
    if (from && from.node !== n) {
      const base = describe(from.node, depth + 1);
      if (!from.key) return base;
      return /^[\w$.]+$/.test(base) ? `${base}.${from.key}` : from.key;
    }
  }
  return shortText(n, 60);
}

/** The name a value is read under: `body.userId` → `userId`, `headers['x-api-key']` → `x-api-key`. */
export function leafName(node: Node): string | undefined {
  if (Node.isPropertyAccessExpression(node)) return node.getName();
  if (Node.isElementAccessExpression(node)) {
    const arg = node.getArgumentExpression();
    return arg && Node.isStringLiteral(arg) ? arg.getLiteralText() : undefined;
  }
  if (Node.isIdentifier(node)) return node.getText();
  return undefined;
}

/** Request values that prove something (a password, a token, a signature), unlike a name anyone can send. */
const PROOF = /token|signature|^sig$|signed|password|passw|passcode|secret|otp|^pin$|code$|nonce|proof|jwt|hmac|credential|api[-_]?key|authori[sz]ation|cookie|^sid$|session/i;
/** Calls that check a proof: `verifySignature(address, sig)`, `jwt.verify(token)`, `bcrypt.compare(…)`. */
const PROVES = /verif|decode|compare|recover|validateSig/i;
const CLAIM_DEPTH = 4;

/**
 * The identity value the caller sends (an id, an address, a public key) that alone decides a
 * condition, with no session and no proof, following the handler's own variables:
 * `const isHolder = holders.some((h) => h.address === publicKey)` lets in whoever names a holder,
 * and holder addresses are public.
 */
export function decidedByClaims(condition: Node, handler: Node): Node | undefined {
  let claim: Node | undefined;
  let proof = false;
  const seen = new Set<Node>();
  const visit = (n: Node, depth: number): void => {
    if (proof || depth > CLAIM_DEPTH || seen.has(n) || (Node.isIdentifier(n) && isPropertyName(n))) return;
    seen.add(n);
    if (isSessionRead(n)) proof = true;
    else if (Node.isCallExpression(n) && PROVES.test(unwrap(n.getExpression()).getText()) && n.getArguments().some((a) => requestSource(a))) proof = true;
    else if ((Node.isIdentifier(n) || Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) && requestSource(n)) {
      if (PROOF.test(leafName(n) ?? '')) proof = true;
      else claim ??= n;
    } else if (Node.isIdentifier(n)) {
      for (const decl of declarationsOf(n)) {
        // What the handler is handed (`(req, res, userId) => …`) may be who the caller is, checked elsewhere.
        if (Node.isParameterDeclaration(decl) && decl.getParent() === handler) proof = true;
        const init = Node.isVariableDeclaration(decl) && handler.containsRange(decl.getPos(), decl.getEnd()) ? decl.getInitializer() : undefined;
        if (init) visit(init, depth + 1);
      }
    } else n.forEachChild((c) => void visit(c, depth));
  };
  visit(condition, 0);
  return proof ? undefined : claim;
}
