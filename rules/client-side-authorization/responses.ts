import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { shortText, unwrap } from '../../src/analysis/ast.js';
import type { Instance, ServerInstance } from '../../src/inventory/types.js';
import { unservedRoute } from '../../src/analysis/served.js';
import type { Ctx } from './index.js';

/**
 * The server SDK sent to whoever made a request. The SDK keeps its options as plain fields
 * (`JSON.stringify(new Pusher({…}))` is `{"config":{…,"token":{"key":…,"secret":…}}}`), so a
 * response that serialises the instance, whole, spread or as one field of an object, hands every
 * caller the app secret. Seen in a real app as a health-check route that answered
 * `res.send({ pusher: app.pusher, db: … })`.
 */

/** Methods that send their argument to the caller: Express/Fastify `res.json|send|jsonp`, Node's `res.end`, Next.js and Fetch `Response.json`. */
const SEND_METHODS = new Set(['json', 'send', 'jsonp', 'end']);
/** Functions that build a response from a value: SvelteKit's and Remix's `json()`. */
const SEND_FUNCTIONS = new Set(['json']);
/** Response constructors whose first argument is the body. */
const RESPONSE_CLASSES = new Set(['Response', 'NextResponse']);

/** Reports each server SDK instance serialised into a response body in server code. */
export function checkResponses(ctx: Ctx): void {
  if (ctx.model.inventory.servers.length === 0) return;
  for (const { file, environment } of ctx.model.inventory.files) {
    if (!ctx.appliesTo(file) || environment?.shipsToClient || unservedRoute(file, ctx.model) !== undefined) continue;
    ctx.forFile(file, () => {
      for (const script of ctx.model.project.ensure(file)) {
        for (const { expr, server, sink } of serversSentInResponses(script.sourceFile, (e) => ctx.model.instanceOf(e))) {
          ctx.report({ node: expr, messageId: 'serverSdkInResponse', data: { expr: shortText(expr), where: `${server.location.file}:${server.location.line}`, sink } });
        }
      }
    });
  }
}

interface SentServer {
  /** The expression that evaluates to the instance, inside the response. */
  expr: Node;
  server: ServerInstance;
  /** What sends it: `res.json(…)`, `new Response(…)`, `ctx.body = …`. */
  sink: string;
}

function serversSentInResponses(sf: SourceFile, instanceOf: (expr: Node) => Instance | undefined): SentServer[] {
  const text = sf.getFullText();
  if (!/\b(json|send|jsonp|end|body)\b|new\s+(Next)?Response\b/.test(text)) return [];
  const out: SentServer[] = [];
  const check = (body: Node | undefined, sink: string): void => {
    if (body === undefined) return;
    for (const expr of valuesIn(body)) {
      const instance = instanceOf(expr);
      if (instance?.side === 'server') out.push({ expr, server: instance, sink });
    }
  };
  sf.forEachDescendant((node) => {
    if (Node.isCallExpression(node)) {
      const callee = unwrap(node.getExpression());
      const sends = Node.isPropertyAccessExpression(callee) ? SEND_METHODS.has(callee.getName()) : Node.isIdentifier(callee) && SEND_FUNCTIONS.has(callee.getText());
      if (sends) check(node.getArguments()[0], `${shortText(callee, 40)}(…)`);
    } else if (Node.isNewExpression(node)) {
      const cls = unwrap(node.getExpression()).getText();
      if (RESPONSE_CLASSES.has(cls)) check(node.getArguments()?.[0], `new ${cls}(…)`);
    } else if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      // Koa: `ctx.body = value` is the response.
      const left = unwrap(node.getLeft());
      if (Node.isPropertyAccessExpression(left) && left.getName() === 'body' && /^(ctx|context)(\.response)?$/.test(unwrap(left.getExpression()).getText())) check(node.getRight(), `${shortText(left, 40)} = …`);
    }
  });
  return out;
}

/**
 * The expressions whose whole value a response body carries: the body itself, the fields and
 * spreads of object literals, array elements, both sides of `??` / `||` / `?:`, and what
 * `JSON.stringify` is given. Not member reads or other calls, whose results are other values.
 */
function valuesIn(body: Node, depth = 0): Node[] {
  if (depth > 6) return [];
  const node = unwrap(body);
  if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) return [node];
  if (Node.isAwaitExpression(node)) return valuesIn(node.getExpression(), depth + 1);
  if (Node.isConditionalExpression(node)) return [...valuesIn(node.getWhenTrue(), depth + 1), ...valuesIn(node.getWhenFalse(), depth + 1)];
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) return [...valuesIn(node.getLeft(), depth + 1), ...valuesIn(node.getRight(), depth + 1)];
    return [];
  }
  if (Node.isObjectLiteralExpression(node)) {
    const out: Node[] = [];
    for (const prop of node.getProperties()) {
      if (Node.isPropertyAssignment(prop)) {
        const init = prop.getInitializer();
        if (init) out.push(...valuesIn(init, depth + 1));
      } else if (Node.isShorthandPropertyAssignment(prop)) out.push(prop.getNameNode());
      else if (Node.isSpreadAssignment(prop)) out.push(...valuesIn(prop.getExpression(), depth + 1));
    }
    return out;
  }
  if (Node.isArrayLiteralExpression(node)) {
    return node.getElements().flatMap((e) => valuesIn(Node.isSpreadElement(e) ? e.getExpression() : e, depth + 1));
  }
  if (Node.isCallExpression(node) && unwrap(node.getExpression()).getText() === 'JSON.stringify') {
    const arg = node.getArguments()[0];
    return arg ? valuesIn(arg, depth + 1) : [];
  }
  return [];
}
