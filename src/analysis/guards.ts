import { Node, SyntaxKind } from '../morph.js';
import { boundIdentifiers, isFunction, isPropertyName, textBefore, unwrap } from './ast.js';
import { isLookup, mentionsSession, sessionNames } from './lookups.js';
import { procedureGuarded } from './trpc.js';
import { decidedByClaims, describe, leafName, type ClientClaim } from './claims.js';
import { reachedAround } from './path-guards.js';
import { isSessionRead, requestSource } from './request.js';
import { publicPrefix } from './public-env.js';
import { envVarName } from '../inventory/values.js';

/**
 * What an auth endpoint checks before it signs: who the caller is (a session read, a guard, an
 * early 401/403) and whether this caller may join the requested channel (a condition or guard
 * call that depends on the channel name beyond its type prefix).
 */

/** Route middleware, wrappers and guards that require a logged-in caller. */
const AUTH_GUARD = /auth|passport\.authenticate|jwt|login|logged|clerk|protect|guard|ensure|require(User|Login|Session|d)|verify|isAuthenticated|currentUser/i;
/** Middleware that only loads a session, without requiring one. */
const SESSION_LOADER = /^(session|expressSession|cookieSession|passport\.(initialize|session))\(/;
const REFUSAL = /\b(401|403)\b|Unauthori[sz]ed|Forbidden|UNAUTHORIZED|FORBIDDEN|redirect\(\s*['"`]\/(login|signin|sign-in|auth)/;
/** A helper that decides access to the channel and throws or returns false. */
const CHANNEL_GUARD = /can|may|allow|authori[sz]|check|assert|ensure|verify|permi|member|access|guard|valid|belong|owns|policy|join/i;
const TYPE_PREFIXES = new Set(['private-', 'presence-', 'private-encrypted-', 'private-cache-', 'presence-cache-', 'private-encrypted-cache-', 'cache-']);
/** Names of request fields that claim an identity or a privilege. */
const IDENTITY_CLAIM = /^(is_?[a-z]\w*|is[A-Z]\w*|has[A-Z]\w*|can[A-Z]\w*|admin|role|roles|owner|member|moderator|staff|permissions?|perms|scopes?|allowed|authori[sz]ed|authenticated|verified|premium|plan|tier|user_?id|userId|uid)$/;

/** Every node of the handler that runs before the signing call ends (the call's own arguments included). */
function before(handler: Node, call: Node): Node[] {
  const end = call.getEnd();
  return handler.getDescendants().filter((d) => d.getStart() < end);
}

export function hasIdentityCheck(handler: Node, call: Node, channelArg?: Node): boolean {
  const nodes = before(handler, call);
  if (nodes.some((n) => isSessionRead(n) && !isFallback(n))) return true;
  if ('getParameters' in handler && (handler as import('ts-morph').FunctionDeclaration).getParameters().some((p) => isSessionRead(p))) return true;
  if (refusesCallers(handler, call, nodes, channelArg)) return true;
  return guardedFromOutside(handler);
}

/**
 * An early 401/403 (or a redirect to the login page) before signing, taken as a sign that the
 * caller was checked, unless the condition that leads to it is about the requested channel:
 * `if (!ALLOWED.has(channel)) return 403` refuses channels, not strangers.
 */
function refusesCallers(handler: Node, call: Node, nodes: readonly Node[], channelArg: Node | undefined): boolean {
  const text = textBefore(handler, call);
  if (!REFUSAL.test(text)) return false;
  if (publicKeyRefusal(handler, call, nodes) !== undefined) return false;
  if (channelArg === undefined) return true;
  const { names, texts } = channelCarriers(handler, call, channelArg);
  // `if (!holders.some((h) => h.address === publicKey)) return 403` lets in whoever names a holder.
  return refusalConditions(handler, nodes).some((condition) => condition === undefined || (aboutCaller(condition, names, texts) && !decidedByClaims(condition, handler)));
}

/**
 * Whether a refusal's condition is about who is asking: not about the requested channel
 * (`if (!ALLOWED.has(channel))`), and not only about whether values were sent
 * (`if (!req.query.publicKey) return 403` refuses callers who send nothing, not strangers).
 */
function aboutCaller(condition: Node, names: ReadonlySet<string>, texts: ReadonlySet<string>): boolean {
  return !mentions(condition, names, texts) && !requestPresenceOnly(condition);
}

/** The condition of each early 401/403 before the signing call; undefined for one no `if` leads to. */
function refusalConditions(handler: Node, nodes: readonly Node[]): Array<Node | undefined> {
  return refusalsIn(nodes).map((refusal) => {
    const branch = refusal.getFirstAncestor((a) => a === handler || Node.isIfStatement(a));
    return branch !== undefined && Node.isIfStatement(branch) ? branch.getExpression() : undefined;
  });
}

function refusalsIn(nodes: readonly Node[]): Node[] {
  return nodes.filter((n) => (Node.isReturnStatement(n) || Node.isThrowStatement(n) || Node.isExpressionStatement(n)) && REFUSAL.test(n.getText()));
}

/**
 * The browser-exposed variable every early 401/403 before `call` is decided with, when each is:
 * its condition (or, for a 403 in a `catch`, the `try` it catches) reads environment variables,
 * all under a prefix the framework inlines into the bundle (`decipher(signature,
 * process.env.NEXT_PUBLIC_API_SIGNATURE_KEY)`). Anyone can make what it accepts, so it checks no one.
 */
export function publicKeyRefusal(handler: Node, call: Node, nodes: readonly Node[] = before(handler, call)): string | undefined {
  const keys = refusalsIn(nodes).map((r) => publicKeyOf(r, handler));
  return keys.length > 0 && keys.every((k) => k !== undefined) ? keys[0] : undefined;
}

function publicKeyOf(refusal: Node, handler: Node): string | undefined {
  const branch = refusal.getFirstAncestor((a) => a === handler || Node.isIfStatement(a) || Node.isCatchClause(a));
  const region = branch === undefined || branch === handler ? undefined : Node.isIfStatement(branch) ? branch.getExpression() : branch.getParentIfKind(SyntaxKind.TryStatement)?.getTryBlock();
  if (region === undefined) return undefined;
  const names = region
    .getDescendants()
    .filter((d) => Node.isPropertyAccessExpression(d) || Node.isElementAccessExpression(d) || Node.isCallExpression(d))
    .map((d) => envVarName(d))
    .filter((n) => n !== undefined);
  return names.length > 0 && names.every((n) => publicPrefix(n) !== undefined) ? names[0] : undefined;
}

/** The caller-sent value an early 401/403 of strangers before `call` turns on alone (see {@link decidedByClaims}), for the finding to name. */
export function gateOnClaims(handler: Node, call: Node, channelArg: Node): Node | undefined {
  if (!REFUSAL.test(textBefore(handler, call))) return undefined;
  const { names, texts } = channelCarriers(handler, call, channelArg);
  for (const condition of refusalConditions(handler, before(handler, call))) {
    const claim = condition && aboutCaller(condition, names, texts) ? decidedByClaims(condition, handler) : undefined;
    if (claim) return claim;
  }
  return undefined;
}

/** A condition that only asks whether request values were sent: `!a`, `!a || !b`, `a == null`. */
function requestPresenceOnly(condition: Node): boolean {
  const leaves: Node[] = [];
  const walk = (n: Node): void => {
    const operands = presenceOperands(n);
    if (operands) operands.forEach(walk);
    else leaves.push(n);
  };
  walk(condition);
  return leaves.length > 0 && leaves.every((leaf) => requestSource(leaf) !== undefined);
}

function isFallback(n: Node): boolean {
  let child = n;
  for (const a of n.getAncestors()) {
    if (Node.isStatement(a) || isFunction(a)) return false;
    if (Node.isBinaryExpression(a) && a.getRight() === child) {
      const op = a.getOperatorToken().getKind();
      if ((op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) && requestSource(a.getLeft())) return true;
    }
    child = a;
  }
  return false;
}

/** Guards that run before the handler: NestJS `@UseGuards`, route middleware, auth wrappers, `app.use(requireAuth)`. */
function guardedFromOutside(handler: Node): boolean {
  for (const a of [handler, ...handler.getAncestors()]) {
    if (Node.isMethodDeclaration(a) || Node.isClassDeclaration(a)) {
      if (a.getDecorators().some((d) => /^(UseGuards|Authorized|Auth|Roles|UseMiddleware)$/.test(d.getName()))) return true;
    }
    if (Node.isCallExpression(a)) {
      const callee = unwrap(a.getExpression()).getText();
      // `withAuth(handler)`, `withApiAuthRequired(…)`, `requireAuth(async (req, res) => …)`
      if (AUTH_GUARD.test(callee) && !/\.(get|post|put|patch|delete|all|use|route)$/.test(callee)) return true;
      if (procedureGuarded(a, (fn) => REFUSAL.test(fn.getText()))) return true;
      // `app.post('/pusher/auth', requireAuth, handler)`
      const others = a.getArguments().filter((arg) => arg !== handler && !handler.getAncestors().includes(arg) && !Node.isStringLiteral(arg));
      if (others.some((arg) => isAuthMiddleware(arg))) return true;
    }
  }
  return authUsedBefore(handler);
}

/** `app.use(requireAuth)` earlier in the file than `node`: every route registered after it is guarded. */
export function authUsedBefore(node: Node): boolean {
  for (const call of node.getSourceFile().getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getStart() > node.getStart()) break;
    const callee = unwrap(call.getExpression());
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'use' && call.getArguments().some((arg) => isAuthMiddleware(arg))) return true;
  }
  return false;
}

export function isAuthMiddleware(arg: Node): boolean {
  if (SESSION_LOADER.test(arg.getText().replace(/\s+/g, ''))) return false;
  // A call is judged by what it calls: `zValidator('form', authForm)` validates, whatever its arguments are named.
  const named = Node.isCallExpression(arg) ? unwrap(arg.getExpression()) : arg;
  return (Node.isIdentifier(arg) || Node.isCallExpression(arg) || Node.isPropertyAccessExpression(arg)) && AUTH_GUARD.test(named.getText().replace(/\s+/g, ''));
}

/** Names and expressions in the handler that carry the requested channel name. */
function channelCarriers(handler: Node, call: Node, channelArg: Node): { names: Set<string>; texts: Set<string>; lookups: Set<string> } {
  const names = new Set<string>();
  const texts = new Set<string>();
  const lookups = new Set<string>();
  const arg = unwrap(channelArg);
  if (Node.isIdentifier(arg)) names.add(arg.getText());
  else texts.add(norm(arg.getText()));
  const decls = before(handler, call).filter((n): n is import('ts-morph').VariableDeclaration => Node.isVariableDeclaration(n));
  const session = sessionNames(decls);
  for (let changed = true; changed; ) {
    changed = false;
    for (const decl of decls) {
      const init = decl.getInitializer();
      if (!init || !mentions(init, names, texts)) continue;
      const lookup = isLookup(init) && !mentionsSession(init, session);
      for (const id of boundIdentifiers(decl)) {
        if (!names.has(id.getText())) {
          names.add(id.getText());
          if (lookup) lookups.add(id.getText());
          changed = true;
        }
      }
      // `const channel = req.body.channel_name` makes `req.body.channel_name` a carrier too.
      if (names.has(decl.getName())) texts.add(norm(init.getText()));
    }
  }
  return { names, texts, lookups };
}

function norm(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Whether `node` depends on the channel. With `signed` (the expression the SDK signs), tests of its
 * type prefix and of whether it was sent at all do not count, nor whether a record looked up by it
 * alone exists (`lookups`); another value derived from it (`const match = RE.exec(channel); if (!match)`) does.
 */
const NONE: ReadonlySet<string> = new Set();

function mentions(node: Node, names: ReadonlySet<string>, texts: ReadonlySet<string>, signed?: string, lookups: ReadonlySet<string> = NONE): boolean {
  const ignored = (n: Node) => signed !== undefined && (isTypeTest(n) || ((norm(n.getText()) === signed || lookups.has(n.getText())) && isPresenceTest(n)));
  const text = norm(node.getText());
  for (const t of texts) if (text.includes(t) && !(signed !== undefined && onlyIgnored(node, t, ignored))) return true;
  const ids = Node.isIdentifier(node) ? [node] : node.getDescendantsOfKind(SyntaxKind.Identifier);
  return ids.some((id) => names.has(id.getText()) && !isPropertyName(id) && !ignored(id));
}

/**
 * `channel.startsWith('private-')` or `/^presence-/.test(channel)`: the channel's type, not who may
 * join it. (Like `if (!channel) return 400`, which only asks whether one was sent: see isPresenceTest.)
 */
function isTypeTest(mention: Node): boolean {
  const parent = mention.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === mention && parent.getName() === 'startsWith') {
    const call = parent.getParent();
    const arg = Node.isCallExpression(call) ? call.getArguments()[0] : undefined;
    return arg !== undefined && Node.isStringLiteral(arg) && TYPE_PREFIXES.has(arg.getLiteralText());
  }
  if (Node.isCallExpression(parent)) {
    const callee = unwrap(parent.getExpression());
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'test' && Node.isRegularExpressionLiteral(unwrap(callee.getExpression()))) {
      return /^\/\^\(?(private|presence|cache)[-|(\w)]*\/\w*$/.test(unwrap(callee.getExpression()).getText());
    }
  }
  return false;
}

function onlyIgnored(node: Node, text: string, ignored: (n: Node) => boolean): boolean {
  const hits = [node, ...node.getDescendants()].filter((d) => norm(d.getText()) === text);
  return hits.length > 0 && hits.every(ignored);
}

/**
 * Whether a condition or guard call before the signing call depends on the requested channel
 * beyond its type prefix: `full` when the call cannot be reached around every such check,
 * `partial` when each is reached around (it checks one family of names; the rest are signed).
 */
export function channelCheckOf(handler: Node, call: Node, channelArg: Node): 'full' | 'partial' | 'none' {
  const { names, texts, lookups } = channelCarriers(handler, call, channelArg);
  const signed = norm(unwrap(channelArg).getText());
  let partial = false;
  for (const n of before(handler, call)) {
    if (n.getStart() >= call.getStart()) continue;
    const condition = conditionOf(n);
    let checks = condition !== undefined && !answersSuccess(n, call) && mentions(condition, names, texts, signed, lookups);
    if (!checks && Node.isCallExpression(n) && n !== call) {
      const callee = unwrap(n.getExpression());
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
      checks = CHANNEL_GUARD.test(name) && !/^(authorizeChannel|authenticate|authenticateUser)$/.test(name) && n.getArguments().some((a) => mentions(a, names, texts, signed));
    }
    if (!checks) continue;
    if (!reachedAround(n, call, handler, sendsRefusal)) return 'full';
    partial = true;
  }
  return partial ? 'partial' : 'none';
}

export function hasChannelCheck(handler: Node, call: Node, channelArg: Node): boolean {
  return channelCheckOf(handler, call, channelArg) === 'full';
}

/**
 * `if (!lastMessage) return NextResponse.json(conversation)`: an early answer that the request
 * went well skips the work when there is nothing to do; it refuses no one, so it checks nothing.
 */
const SUCCESS_ANSWER = /\b(json|send|end|Response)\s*\(/;
const FAILURE_WORDS = /\b[45]\d\d\b|\bthrow\b|error|unauthori[sz]ed|forbidden|denied|invalid|not[\s_-]?found|not[\s_-]?allowed|missing/i;

function answersSuccess(n: Node, call: Node): boolean {
  if (!Node.isIfStatement(n)) return false;
  const branch = n.getThenStatement();
  // The branch that holds the call is where it runs, not an exit around it.
  if (branch.containsRange(call.getPos(), call.getEnd())) return false;
  const then = branch.getText();
  return /\breturn\b/.test(then) && SUCCESS_ANSWER.test(then) && !FAILURE_WORDS.test(then);
}

/** `res.status(403).send()` without a `return`: the caller is answered, so what follows cannot sign for it. */
const sendsRefusal = (stmt: Node): boolean => Node.isExpressionStatement(stmt) && REFUSAL.test(stmt.getText());

function conditionOf(n: Node): Node | undefined {
  if (Node.isIfStatement(n) || Node.isSwitchStatement(n) || Node.isWhileStatement(n)) return n.getExpression();
  if (Node.isConditionalExpression(n)) return n.getCondition();
  if (Node.isBinaryExpression(n)) {
    const op = n.getOperatorToken().getKind();
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) return n.getLeft();
  }
  return undefined;
}

// ---- Identity taken from the request ----

/** Request-derived values an access decision before the signing call relies on: `if (req.body.isAdmin)`. */
export function requestDecisions(handler: Node, call: Node): ClientClaim[] {
  const out: ClientClaim[] = [];
  const nodes = before(handler, call);
  const session = sessionNames(nodes.filter((n): n is import('ts-morph').VariableDeclaration => Node.isVariableDeclaration(n)));
  for (const n of nodes) {
    if (n.getStart() >= call.getStart()) continue;
    const condition = conditionOf(n);
    // `a || b` inside an `if` is judged with that `if`, which knows what the test leads to.
    if (!condition || (Node.isBinaryExpression(n) && partOfCondition(n))) continue;
    // `if (!userId) return 401` lets in whoever sends an id; `if (!userId) return 400` only validates.
    const validationOnly = Node.isIfStatement(n) && !REFUSAL.test(n.getThenStatement().getText());
    // One decision per value: `!id || typeof id !== 'string'` tests one id, not two.
    const seen = new Set<string>();
    const visit = (node: Node): void => {
      const leaf = leafName(node);
      if (leaf && IDENTITY_CLAIM.test(leaf) && !isPropertyName(node) && !(validationOnly && ID_CLAIM.test(leaf) && isPresenceTest(node)) && !matchedToSession(node, session)) {
        const source = requestSource(node);
        if (source) {
          const claim = { node, field: leaf, source: describe(node) };
          if (!seen.has(claim.source)) out.push(claim);
          seen.add(claim.source);
          return;
        }
      }
      node.forEachChild(visit);
    };
    visit(condition);
  }
  return out;
}

/** `owner !== user.id`: the request's value is held against the verified identity, which is the check, not a claim. */
function matchedToSession(node: Node, session: ReadonlySet<string>): boolean {
  const parent = node.getParent();
  if (!parent || !Node.isBinaryExpression(parent) || !isEquality(parent.getOperatorToken().getKind())) return false;
  const other = parent.getLeft() === node ? parent.getRight() : parent.getLeft();
  return mentionsSession(other, session);
}

/** Whether a logical expression sits, through parentheses, `!` and other `&&`/`||`, in the condition of an `if`, `?:` or loop. */
function partOfCondition(n: Node): boolean {
  let child = n;
  let parent = n.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || (Node.isPrefixUnaryExpression(parent) && parent.getOperatorToken() === SyntaxKind.ExclamationToken) || (Node.isBinaryExpression(parent) && conditionOf(parent) !== undefined))) {
    child = parent;
    parent = parent.getParent();
  }
  return parent !== undefined && conditionOf(parent) === child;
}

const ID_CLAIM = /^(user_?id|userId|uid)$/;

// Built on first use: SyntaxKind is ts-morph's, loaded only once something is parsed (src/morph.ts).
let equality: Set<SyntaxKind> | undefined;
const isEquality = (op: SyntaxKind): boolean =>
  (equality ??= new Set([SyntaxKind.EqualsEqualsToken, SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken])).has(op);
const EMPTY = /^(null|undefined|''|""|``)$/;

/**
 * The operands of an expression that only combines tests of whether values were sent, or of what kind: parentheses,
 * `!x`, `a && b`, `a || b`, `x == null` (or `''`, `undefined`). Undefined for anything else.
 */
function presenceOperands(n: Node): Node[] | undefined {
  if (Node.isParenthesizedExpression(n)) return [n.getExpression()];
  if (Node.isPrefixUnaryExpression(n)) return n.getOperatorToken() === SyntaxKind.ExclamationToken ? [n.getOperand()] : undefined;
  // What kind of value was sent is input validation too: `typeof id !== 'string'`, `Array.isArray(id)`.
  if (Node.isTypeOfExpression(n)) return [n.getExpression()];
  if (Node.isCallExpression(n) && n.getExpression().getText() === 'Array.isArray' && n.getArguments().length === 1) return [n.getArguments()[0]!];
  if (!Node.isBinaryExpression(n)) return undefined;
  const op = n.getOperatorToken().getKind();
  if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) return [n.getLeft(), n.getRight()];
  if (!isEquality(op)) return undefined;
  if (EMPTY.test(n.getRight().getText()) || (Node.isTypeOfExpression(n.getLeft()) && Node.isStringLiteral(n.getRight()))) return [n.getLeft()];
  if (EMPTY.test(n.getLeft().getText()) || (Node.isTypeOfExpression(n.getRight()) && Node.isStringLiteral(n.getLeft()))) return [n.getRight()];
  return undefined;
}

/**
 * Whether a mention only asks if the value was sent (`!userId`, `channel == null`, `if (!a || !b)`):
 * a check for missing input, not a decision about it.
 */
function isPresenceTest(mention: Node): boolean {
  let child = mention;
  let parent = mention.getParent();
  while (parent && presenceOperands(parent)?.includes(child)) {
    child = parent;
    parent = parent.getParent();
  }
  if (parent && Node.isIfStatement(parent)) return parent.getExpression() === child;
  if (parent && Node.isConditionalExpression(parent)) return parent.getCondition() === child;
  return false;
}
