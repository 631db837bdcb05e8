import { Node, SyntaxKind } from '../morph.js';
import { declarationsOf, functionOf, isFunction, returnedExpression, unwrap } from './ast.js';

/**
 * Where a value in a server handler comes from: the request the caller sent (anything the
 * caller can choose) or the verified session. Followed through the handler's variables,
 * destructuring, awaits and string transforms, the way a reviewer reads an auth route.
 */

/** Parts of a request object whose content the caller chooses. */
const REQUEST_PARTS = new Set(['body', 'query', 'params', 'headers', 'cookies', 'payload', 'fields', 'rawBody']);
/** Names a handler's request object usually has (Express, Next.js, SvelteKit, Koa, h3, Hono). */
const REQUEST_NAME = /^(req|request|ctx|context|event|evt|e|c|r|ctx\.request|ctx\.req|c\.req|event\.request|context\.request|this\.request)$/;
/** Reading the body of a fetch-style Request. */
const BODY_READERS = new Set(['json', 'formData', 'text']);
const HONO_INPUT = /^(valid|param|query|queries|header|parseBody)$/;
/** h3 / Nuxt / Hono helpers that return request input. */
const INPUT_HELPERS = /^(readBody|readFormData|readValidatedBody|readRawBody|getQuery|getValidatedQuery|getRouterParam|getRouterParams|getHeader|getHeaders|getCookie|parseCookies)$/;
/** Functions and methods that keep the caller's value as it was (only its form changes): a sanitised name is still the name the caller chose. */
const PASS_THROUGH = /^(String|Number|parseInt|parseFloat|Boolean|decodeURIComponent|JSON\.parse|Object\.fromEntries|toString|trim|toLowerCase|toUpperCase|slice|substring|substr|replace|replaceAll|split|at|get|getAll|valueOf|normalize|padStart|padEnd|map|filter|find|flat|flatMap|join|concat|saniti[sz]e\w*|clean\w*|normali[sz]e\w+|escape\w*)$/;
/** Schema validation (zod, yup, valibot, joi) checks the caller's value's shape and returns it: still theirs. */
const VALIDATES = /^(parse|parseAsync|safeParse|safeParseAsync|validate|validateSync|validateAsync|cast)$/;
/** A lookup keyed by a caller-chosen value returns a record the caller chose. */
const LOOKUP = /^(find|get|fetch|load|lookup|query|select|read)\w*$/i;
/** ... unless the lookup is itself the verification. */
const VERIFIES = /verif|session|auth|token|jwt|decode|current|sign|cookie/i;
/** NestJS parameter decorators that bind request input. */
const INPUT_DECORATORS = new Set(['Body', 'Query', 'Param', 'Headers', 'Headers']);
const MAX_DEPTH = 10;

/** The node whose value the caller controls (e.g. `req.body.user_id`), when `expr` is request input. */
export function requestSource(expr: Node, depth = 0, seen = new Set<Node>()): Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(expr);
  if (seen.has(node)) return undefined;
  seen.add(node);
  const next = (n: Node | undefined) => (n ? requestSource(n, depth + 1, seen) : undefined);
  // The socket id is sent by the caller, but the signature binds to it: Pusher refuses a signature on
  // any other connection, so `user_id: \`anon-${socketId}\`` cannot be used to pose as someone else.
  if (isSocketId(node)) return undefined;

  if (Node.isAwaitExpression(node)) return next(node.getExpression());
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    if (isRequestPart(node)) return node;
    return next(node.getExpression()) ? node : undefined;
  }
  if (Node.isCallExpression(node)) return callSource(node, depth, seen);
  if (Node.isNewExpression(node)) {
    // `new URLSearchParams(await req.text())`, `new URL(request.url)` (whose searchParams are caught above).
    return node.getArguments().some((a) => next(a)) ? node : undefined;
  }
  if (Node.isTemplateExpression(node)) return node.getTemplateSpans().some((s) => next(s.getExpression())) ? node : undefined;
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (op === SyntaxKind.PlusToken || op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) {
      return next(node.getLeft()) ?? next(node.getRight()) ? node : undefined;
    }
    return undefined;
  }
  if (Node.isConditionalExpression(node)) return next(node.getWhenTrue()) ?? next(node.getWhenFalse()) ? node : undefined;
  if (Node.isObjectLiteralExpression(node)) {
    for (const prop of node.getProperties()) {
      if (Node.isPropertyAssignment(prop) && next(prop.getInitializer())) return node;
      if (Node.isShorthandPropertyAssignment(prop) && next(prop.getNameNode())) return node;
      if (Node.isSpreadAssignment(prop) && next(prop.getExpression())) return node;
    }
    return undefined;
  }
  if (Node.isIdentifier(node)) return identifierSource(node, depth, seen) ? node : undefined;
  return undefined;
}

const SOCKET_ID = /^socket_?id$/i;

/** `socketId`, `req.body.socket_id`, `form.get('socket_id')`, and names destructured from them. */
function isSocketId(node: Node): boolean {
  if (Node.isIdentifier(node)) {
    if (SOCKET_ID.test(node.getText())) return true;
    return declarationsOf(node).some((d) => Node.isBindingElement(d) && SOCKET_ID.test(d.getPropertyNameNode()?.getText() ?? d.getName()));
  }
  if (Node.isPropertyAccessExpression(node)) return SOCKET_ID.test(node.getName());
  if (Node.isElementAccessExpression(node) || Node.isCallExpression(node)) {
    const arg = Node.isElementAccessExpression(node) ? node.getArgumentExpression() : node.getArguments()[0];
    return arg !== undefined && Node.isStringLiteral(arg) && SOCKET_ID.test(arg.getLiteralText()) && (Node.isElementAccessExpression(node) || /\.get$/.test(node.getExpression().getText()));
  }
  return false;
}

function callSource(call: import('ts-morph').CallExpression, depth: number, seen: Set<Node>): Node | undefined {
  const callee = unwrap(call.getExpression());
  const args = call.getArguments();
  const next = (n: Node) => requestSource(n, depth + 1, seen);
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
  if (Node.isPropertyAccessExpression(callee)) {
    const receiver = unwrap(callee.getExpression());
    if (BODY_READERS.has(name) && isRequestObject(receiver)) return call;
    // Express `req.get('x-user-id')`, `req.header(…)`, `req.param(…)`.
    if ((name === 'get' || name === 'header' || name === 'param') && isRequestObject(receiver) && /^(req|request)$/.test(receiver.getText())) return call;
    // Hono: `c.req.valid('json')` (what a validator middleware passed), `c.req.param('id')`, `c.req.query('q')`.
    if (HONO_INPUT.test(name) && /\.req$/.test(receiver.getText()) && isRequestObject(receiver)) return call;
    if (PASS_THROUGH.test(name) && next(receiver)) return call;
    if (VALIDATES.test(name) && args.some(next)) return call;
  }
  if (INPUT_HELPERS.test(name)) return call;
  if (PASS_THROUGH.test(callee.getText()) && args.some(next)) return call;
  if (LOOKUP.test(name) && !VERIFIES.test(callee.getText()) && args.some(next)) return call;
  if (namesFromArgument(call).some((i) => args[i] !== undefined && next(args[i]!))) return call;
  return undefined;
}

/**
 * The arguments a local helper builds its returned name from: `gameChannel(roomName)` with
 * `const gameChannel = (room: string) => \`room-${room}-game\``. The name is the caller's as
 * much as the argument was.
 */
function namesFromArgument(call: import('ts-morph').CallExpression): number[] {
  const fn = functionOf(unwrap(call.getExpression()));
  const returned = fn ? returnedExpression(fn) : undefined;
  const built = returned ? unwrap(returned) : undefined;
  if (!fn || !built || !(Node.isTemplateExpression(built) || (Node.isBinaryExpression(built) && built.getOperatorToken().getKind() === SyntaxKind.PlusToken))) return [];
  const params = fn.getParameters();
  return [...new Set(built.getDescendantsOfKind(SyntaxKind.Identifier).flatMap((id) => declarationsOf(id).flatMap((d) => (Node.isParameterDeclaration(d) ? [params.indexOf(d)] : [])).filter((i) => i >= 0)))];
}

function identifierSource(id: Node, depth: number, seen: Set<Node>): boolean {
  for (const decl of declarationsOf(id)) {
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (init && requestSource(init, depth + 1, seen)) return true;
    } else if (Node.isBindingElement(decl)) {
      if (bindingSource(decl, depth, seen)) return true;
    } else if (Node.isParameterDeclaration(decl)) {
      if (decl.getDecorators().some((d) => INPUT_DECORATORS.has(d.getName()))) return true;
      if (isCallerArgument(decl)) return true;
    }
  }
  return false;
}

/** `const { user_id } = req.body`, `const { body } = req`, `({ url }) => url.searchParams…`. */
function bindingSource(el: import('ts-morph').BindingElement, depth: number, seen: Set<Node>): boolean {
  // `({ input: { roomName } })`, `const { body: { user_id } } = req`: the outermost key says where it came from.
  let top = el;
  let holder: Node | undefined = el.getParent()?.getParent();
  while (holder && Node.isBindingElement(holder)) {
    top = holder;
    holder = holder.getParent()?.getParent();
  }
  const key = top.getPropertyNameNode()?.getText() ?? top.getName();
  if (holder && Node.isVariableDeclaration(holder)) {
    const init = holder.getInitializer();
    if (!init) return false;
    if (requestSource(init, depth + 1, seen)) return true;
    return REQUEST_PARTS.has(key) && isRequestObject(unwrap(init));
  }
  if (holder && Node.isParameterDeclaration(holder)) {
    if (holder.getDecorators().some((d) => INPUT_DECORATORS.has(d.getName()))) return true;
    // SvelteKit / h3 handlers destructure the event: `url` and `params` come from the address bar.
    if (key === 'params' || key === 'url' || key === 'query' || key === 'body') return true;
    // tRPC: `.mutation(({ input, ctx }) => …)`; the rest of a procedure's options are the server's.
    if (key === 'input' && isProcedureResolver(holder.getParent())) return true;
    return isCallerArgument(holder);
  }
  return false;
}

/**
 * Parameters whose values the caller sends as they are: a Next.js server action's arguments (its
 * module or body says `'use server'`; the browser calls it with whatever it likes) and a socket
 * handler's message (`socket.on('send', (msg) => …)`).
 */
function isCallerArgument(param: import('ts-morph').ParameterDeclaration): boolean {
  const fn = param.getParent();
  if (!fn || !isFunction(fn)) return false;
  if (isServerAction(fn)) return true;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(fn as never)) return false;
  const callee = unwrap(call.getExpression());
  return Node.isPropertyAccessExpression(callee) && callee.getName() === 'on' && /^(socket|client|ws|conn|connection)$/i.test(unwrap(callee.getExpression()).getText());
}

/** A function a `'use server'` directive exposes to the browser: every function of such a module, or one whose body starts with it. */
export function isServerAction(fn: Node): boolean {
  const directive = (statements: readonly Node[]) => statements.length > 0 && /^(['"])use server\1/.test(statements[0]!.getText());
  const body = (fn as import('ts-morph').FunctionDeclaration).getBody?.();
  if (body && Node.isBlock(body) && directive(body.getStatements())) return true;
  if (fn.getFirstAncestor((a) => isFunction(a)) !== undefined) return false;
  return directive(fn.getSourceFile().getStatements());
}

/** The resolver of a tRPC procedure: the function passed to `.mutation(…)`, `.query(…)` or `.subscription(…)`. */
function isProcedureResolver(fn: Node | undefined): boolean {
  const call = fn?.getParent();
  if (!fn || !Node.isCallExpression(call)) return false;
  const callee = unwrap(call.getExpression());
  return Node.isPropertyAccessExpression(callee) && /^(mutation|query|subscription)$/.test(callee.getName()) && /\binput\s*\(|[Pp]rocedure\b/.test(callee.getExpression().getText());
}

/** `req.body`, `request.headers`, `ctx.query`, `url.searchParams` … */
function isRequestPart(node: import('ts-morph').PropertyAccessExpression | import('ts-morph').ElementAccessExpression): boolean {
  const name = Node.isPropertyAccessExpression(node) ? node.getName() : undefined;
  if (name === 'searchParams') return true;
  // tRPC `.mutation(async (opts) => opts.input.channel)`
  if (name === 'input') {
    const obj = unwrap(node.getExpression());
    return Node.isIdentifier(obj) && declarationsOf(obj).some((d) => Node.isParameterDeclaration(d) && isProcedureResolver(d.getParent()));
  }
  if (!name || !REQUEST_PARTS.has(name)) return false;
  return isRequestObject(unwrap(node.getExpression()));
}

/** Whether an expression is the handler's request object. */
export function isRequestObject(node: Node): boolean {
  const text = node.getText().replace(/\s+/g, '');
  if (REQUEST_NAME.test(text)) return true;
  if (!Node.isIdentifier(node)) return false;
  return declarationsOf(node).some(
    (d) =>
      Node.isParameterDeclaration(d) &&
      (d.getDecorators().some((dec) => dec.getName() === 'Req' || dec.getName() === 'Request') || /\b(Request|NextApiRequest|NextRequest|IncomingMessage|H3Event|RequestEvent)\b/.test(d.getTypeNode()?.getText() ?? '')),
  );
}

// ---- The verified identity ----

/** Properties a framework or auth middleware sets after verifying the caller. */
const SESSION_PARTS = /^(user|session|auth|account|currentUser|principal|claims|token)$/;
/** Calls that return the verified session or user (NextAuth, Auth.js, Clerk, Lucia, Supabase, iron-session, JWT libraries). */
const SESSION_CALLS =
  /^(getServerSession|getServerAuthSession|unstable_getServerSession|auth|getSession|requireUserSession|getUserSession|validateSessionToken|getAuth|currentUser|getCurrentUser|requireUser|requireAuth|requireSession|requireLogin|getUserFromSession|getSessionUser|verifySession|validateSession|validateRequest|getKindeServerSession|getIronSession|getToken|safeGetSession|isAuthenticated|verify|jwtVerify|verifyIdToken|verifyToken|verifyJwt|verifyAccessToken|decodeJwt)$/;
const SESSION_HOLDERS = /^(locals|event\.locals|ctx\.state|context\.state|event\.context|c\.var)$/;

/** Whether a node reads the verified identity: `req.user`, `locals.user`, `await getServerSession()`, `jwt.verify(…)`. */
export function isSessionRead(node: Node, viaHelper = true): boolean {
  if (Node.isPropertyAccessExpression(node)) {
    const obj = unwrap(node.getExpression());
    const objText = obj.getText().replace(/\s+/g, '');
    if (SESSION_HOLDERS.test(objText)) return true;
    return SESSION_PARTS.test(node.getName()) && isRequestObject(obj);
  }
  if (Node.isCallExpression(node)) {
    const callee = unwrap(node.getExpression());
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
    // A lookup of the id the caller sent is not a verification.
    if (node.getArguments().some((a) => requestSource(a) && !/token|authorization|cookie|session/i.test(a.getText()))) return false;
    return SESSION_CALLS.test(name) || honoVariable(node) || (viaHelper && verifiesInside(node));
  }
  if (Node.isParameterDeclaration(node)) {
    return node.getDecorators().some((d) => /^(User|CurrentUser|AuthUser|Session|Auth|GetUser|ReqUser)$/.test(d.getName()));
  }
  return false;
}

/** Hono's `c.get('user')` or `c.get('jwtPayload')`: what an auth middleware set on the context after verifying the caller. */
function honoVariable(call: import('ts-morph').CallExpression): boolean {
  const callee = unwrap(call.getExpression());
  const arg = call.getArguments()[0];
  return (
    Node.isPropertyAccessExpression(callee) && callee.getName() === 'get' && /^(c|ctx|context)$/.test(callee.getExpression().getText()) &&
    arg !== undefined && Node.isStringLiteral(arg) && (SESSION_PARTS.test(arg.getLiteralText()) || arg.getLiteralText() === 'jwtPayload')
  );
}

/**
 * `this.extractTokenData(token)` or `getUserFromCookie(req)` whose own body reads the session
 * (`jwt.verify(token, secret)`): the check, one helper deep, as if written inline.
 */
function verifiesInside(call: import('ts-morph').CallExpression): boolean {
  const fn = functionOf(call.getExpression());
  const body = fn?.getBody();
  if (!fn || !body || (fn.getPos() <= call.getPos() && call.getEnd() <= fn.getEnd())) return false;
  return body.getDescendants().some((d) => isSessionRead(d, false));
}

// ---- Handlers ----

/**
 * The request handler an SDK call belongs to: the innermost enclosing function that takes a
 * request (or NestJS-bound input), else the outermost function.
 */
export function handlerOf(node: Node): Node | undefined {
  let outermost: Node | undefined;
  for (const a of node.getAncestors()) {
    if (!isFunction(a)) continue;
    outermost = a;
    if (takesRequest(a)) return a;
  }
  return outermost;
}

export function takesRequest(fn: Node): boolean {
  if (!('getParameters' in fn)) return false;
  const params = (fn as import('ts-morph').FunctionDeclaration).getParameters();
  return params.some((p) => {
    if (p.getDecorators().length > 0) return true;
    const name = p.getNameNode();
    if (Node.isIdentifier(name)) return isRequestObject(name);
    if (Node.isObjectBindingPattern(name)) return name.getElements().some((el) => /^(request|locals|url|params|cookies|req)$/.test(el.getPropertyNameNode()?.getText() ?? el.getName()));
    return false;
  });
}
