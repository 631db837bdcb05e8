import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { assignedValues, constInitializer, declarationsOf, functionOf, isFunction, propertyInitializer, propertyName, returnedExpression, shortText, unwrap } from '../../src/analysis/ast.js';
import { guaranteedTruthy } from '../../src/analysis/path-guards.js';
import { calleeName } from '../../src/analysis/callee.js';
import { parameterIndex } from '../../src/analysis/callers.js';
import { sensitiveKind, signsUrl, type SensitiveKind } from './names.js';

/**
 * Finds what a payload expression carries, within the function that publishes it: sensitive
 * fields by name (of the property or of the value read into it), and whole database records or
 * session users passed as-is. Local variables, spreads, shorthand properties, nested objects,
 * arrays, `.map` callbacks and `payload.x = …` assignments are followed; what cannot be seen
 * statically (a parameter, `req.body`) is not guessed at.
 */

export type Hit =
  | { kind: 'field'; node: Node; field: string; sensitive: SensitiveKind }
  | { kind: 'record'; node: Node; record: string; source: string; prisma?: PrismaQuery };

/** The Prisma query a record came from: its model accessor (`conversation`) and the `include` value, if any. */
export interface PrismaQuery {
  model: string;
  include?: Node;
}

/** What `recordSource` learns on the way, for the rule to weigh. */
interface RecordFacts {
  prisma?: PrismaQuery;
}

const MAX_DEPTH = 8;

const PRISMA_READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany']);
const PRISMA_WRITES = new Set(['create', 'update', 'upsert', 'delete', 'createManyAndReturn', 'updateManyAndReturn']);
const MODEL_METHODS = new Set([
  'findById', 'findOne', 'find', 'findByIdAndUpdate', 'findOneAndUpdate', 'findByIdAndDelete', 'findOneAndDelete', 'findByPk', 'findAll',
  'create', 'findOrCreate',
]);
const REPO_METHODS = new Set(['findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'find', 'findBy', 'save', 'findByIds', 'preload']);
const PASS_THROUGH = new Set(['lean', 'exec', 'populate', 'orFail', 'toJSON', 'toObject', 'get', 'reload', 'then']);
const BUILTINS = new Set(['Array', 'Object', 'Promise', 'JSON', 'Math', 'Date', 'Number', 'String', 'Reflect', 'Map', 'Set', 'Intl', 'Buffer', 'URL', 'Pusher', 'Echo']);
/** Holders of the signed-in user: Express/Passport, Koa, NestJS, SvelteKit, Next-auth sessions. */
const USER_HOLDER = /^(req|request|ctx\.state|context\.state|ctx\.session|req\.session|request\.session|session|locals|event\.locals|res\.locals|this\.request|c\.var|authSession|serverSession)$/;
const SESSION_CALL = /^(getServerSession|auth|getSession|getAuthSession|getServerAuthSession)$/;
const USER_DECORATOR = /^(CurrentUser|User|AuthUser|ReqUser|GetUser|SessionUser)$/;

export class PayloadScanner {
  private readonly seen = new Set<Node>();
  readonly hits: Hit[] = [];
  /** Parameters the payload carries (`{ body, at }` in `const notify = (body) => …`): what they hold is at the callers. */
  readonly params: Node[] = [];

  constructor(private readonly ignore: ReadonlySet<string>) {}

  /** `at`: where a finding about this very expression points (the property that holds it), else the expression. */
  scan(expr: Node, at: Node = expr, depth = 0): void {
    const node = unwrap(expr);
    if (depth > MAX_DEPTH || this.seen.has(node)) return;
    this.seen.add(node);
    if (this.recordHit(node, at, fieldLabel(at, expr))) return;
    if (Node.isAwaitExpression(node)) return this.scan(node.getExpression(), at, depth + 1);
    if (Node.isConditionalExpression(node)) {
      this.scan(node.getWhenTrue(), at, depth + 1);
      this.scan(node.getWhenFalse(), at, depth + 1);
      return;
    }
    if (Node.isBinaryExpression(node)) {
      const op = node.getOperatorToken().getKind();
      if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.AmpersandAmpersandToken) {
        // `name || email` after `if (!name) return …`: the fallback is never what goes out.
        const fn = node.getFirstAncestor((a) => isFunction(a));
        const neverFallsBack = op !== SyntaxKind.AmpersandAmpersandToken && fn !== undefined && guaranteedTruthy(unwrap(node.getLeft()), node, fn);
        if (!neverFallsBack) this.scan(node.getRight(), at, depth + 1);
        if (op !== SyntaxKind.AmpersandAmpersandToken) this.scan(node.getLeft(), at, depth + 1);
      }
      return;
    }
    if (Node.isObjectLiteralExpression(node)) return this.scanObject(node, depth);
    if (Node.isArrayLiteralExpression(node)) {
      for (const el of node.getElements()) this.scan(Node.isSpreadElement(el) ? el.getExpression() : el, el, depth + 1);
      return;
    }
    if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) {
      const name = Node.isIdentifier(node) ? node.getText() : node.getName();
      const kind = sensitiveKind(name, this.ignore);
      if (kind && isData(node)) {
        this.hits.push({ kind: 'field', node: at, field: fieldLabel(at, node), sensitive: kind });
        return;
      }
      const init = Node.isIdentifier(node) ? constInitializer(node) : propertyInitializer(node);
      if (init && init !== node) this.scan(init, at === expr ? init : at, depth + 1);
      else if (Node.isIdentifier(node) && parameterIndex(node)) this.params.push(node);
      if (Node.isIdentifier(node)) this.scanMemberAssignments(node, depth);
      return;
    }
    if (Node.isCallExpression(node)) {
      const callee = unwrap(node.getExpression());
      const text = callee.getText().replace(/\s+/g, '');
      const args = node.getArguments();
      if (signsUrl(calleeName(callee))) {
        this.hits.push({ kind: 'field', node: at, field: Node.isPropertyAccessExpression(at) ? at.getName() : fieldLabel(at, node), sensitive: 'signed URL' });
        return;
      }
      if ((text === 'JSON.stringify' || text === 'structuredClone') && args[0]) return this.scan(args[0], at, depth + 1);
      if (text === 'Object.assign') {
        for (const a of args) this.scan(a, a, depth + 1);
        return;
      }
      if (Node.isPropertyAccessExpression(callee) && (callee.getName() === 'map' || callee.getName() === 'flatMap') && args[0]) {
        const fn = unwrap(args[0]);
        if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
          const ret = returnedExpression(fn);
          if (ret) this.scan(ret, ret, depth + 1);
        }
        return;
      }
      // A serializer of the app's own (`toEvent(order)`) builds the payload: read what it returns,
      // and report the field where the helper puts it, which is the line to change.
      const helper = functionOf(callee);
      const ret = helper ? returnedExpression(helper) : undefined;
      if (ret) this.scan(ret, ret, depth + 1);
    }
  }

  private scanObject(obj: import('ts-morph').ObjectLiteralExpression, depth: number): void {
    for (const prop of obj.getProperties()) {
      if (Node.isPropertyAssignment(prop)) {
        const init = prop.getInitializer();
        const name = propertyName(prop);
        if (!init) continue;
        if (this.recordHit(init, prop, fieldLabel(prop, init))) continue;
        // A field the user named in ignoreFields is public on purpose, whatever its value is read from
        // (`publicEmail: user.email`); a whole record under it is still more than that field.
        if (name !== undefined && this.ignore.has(name)) continue;
        const kind = name !== undefined ? sensitiveKind(name, this.ignore) : undefined;
        if (kind && isData(init)) {
          this.hits.push({ kind: 'field', node: prop, field: name!, sensitive: kind });
          continue;
        }
        this.scan(init, prop, depth + 1);
      } else if (Node.isShorthandPropertyAssignment(prop)) {
        if (!this.ignore.has(prop.getName())) this.scan(prop.getNameNode(), prop, depth + 1);
      } else if (Node.isSpreadAssignment(prop)) {
        this.scan(prop.getExpression(), prop, depth + 1);
      }
    }
  }

  /** Records `expr` as a whole record found at `at`, when it is one. */
  private recordHit(expr: Node, at: Node, label: string): boolean {
    const facts: RecordFacts = {};
    const source = recordSource(unwrap(expr), 0, facts);
    if (!source) return false;
    this.hits.push({ kind: 'record', node: at, record: label, source, ...(facts.prisma ? { prisma: facts.prisma } : {}) });
    return true;
  }

  /** `payload.email = user.email` after `const payload = { … }`. */
  private scanMemberAssignments(id: Node, depth: number): void {
    const decl = declarationsOf(id).find((d) => Node.isVariableDeclaration(d));
    if (!decl || !Node.isVariableDeclaration(decl)) return;
    const scope = decl.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a)) ?? decl.getSourceFile();
    const name = id.getText();
    for (const bin of scope.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
      if (bin.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const left = unwrap(bin.getLeft());
      if (!Node.isPropertyAccessExpression(left) || unwrap(left.getExpression()).getText() !== name) continue;
      const right = bin.getRight();
      if (this.recordHit(right, left, left.getName())) continue;
      if (this.ignore.has(left.getName())) continue;
      const kind = sensitiveKind(left.getName(), this.ignore);
      if (kind && isData(right)) this.hits.push({ kind: 'field', node: left, field: left.getName(), sensitive: kind });
      else this.scan(right, left, depth + 1);
    }
  }
}

function fieldLabel(at: Node, value: Node): string {
  const valueText = shortText(value, 40);
  if (Node.isPropertyAssignment(at)) {
    const key = propertyName(at) ?? shortText(at.getNameNode(), 30);
    return key === valueText ? key : `${key}: ${valueText}`;
  }
  return valueText;
}

/**
 * Whether a value can hold the data its name suggests: literals written in the code (a support
 * address, a placeholder), booleans, comparisons, lengths and masked or hashed values cannot.
 */
export function isData(expr: Node, depth = 0): boolean {
  const node = unwrap(expr);
  if (depth > 4) return true;
  const k = node.getKind();
  if (
    Node.isStringLiteral(node) ||
    Node.isNoSubstitutionTemplateLiteral(node) ||
    Node.isNumericLiteral(node) ||
    k === SyntaxKind.TrueKeyword ||
    k === SyntaxKind.FalseKeyword ||
    k === SyntaxKind.NullKeyword ||
    Node.isTypeOfExpression(node)
  ) {
    return false;
  }
  if (Node.isIdentifier(node) && node.getText() === 'undefined') return false;
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) return false;
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (
      [
        SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken,
        SyntaxKind.LessThanToken, SyntaxKind.GreaterThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanEqualsToken,
        SyntaxKind.InstanceOfKeyword, SyntaxKind.InKeyword,
      ].includes(op)
    ) {
      return false;
    }
  }
  if (Node.isConditionalExpression(node)) return isData(node.getWhenTrue(), depth + 1) || isData(node.getWhenFalse(), depth + 1);
  if (Node.isPropertyAccessExpression(node) && /^(length|size)$/.test(node.getName())) return false;
  if (Node.isCallExpression(node)) {
    const callee = unwrap(node.getExpression());
    const name = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : '';
    if (/^(Boolean|Number|isNaN)$/.test(name) || /^(is|has|can|includes|startsWith|endsWith|test|some|every|count)/.test(name)) return false;
    if (/mask|redact|hash|obfuscat|anonymi|censor|encrypt|digest|last4|truncate/i.test(callee.getText())) return false;
  }
  if (Node.isIdentifier(node)) {
    const init = constInitializer(node);
    if (init && init !== node) return isData(init, depth + 1);
  }
  return true;
}

/** Describes where a whole record comes from, or undefined when the expression is not one. */
export function recordSource(input: Node, depth = 0, facts: RecordFacts = {}): string | undefined {
  const node = unwrap(input);
  if (depth > MAX_DEPTH) return undefined;
  if (Node.isAwaitExpression(node)) return recordSource(node.getExpression(), depth + 1, facts);
  if (Node.isPropertyAccessExpression(node)) {
    const name = node.getName();
    if (name === 'user' || name === 'currentUser' || name === 'authUser') {
      const holder = unwrap(node.getExpression());
      const text = holder.getText().replace(/[\s?!]/g, '');
      if (USER_HOLDER.test(text) || isSessionValue(holder, depth + 1)) return 'the signed-in user object';
    }
    return undefined;
  }
  if (Node.isIdentifier(node)) {
    for (const decl of declarationsOf(node)) {
      if (Node.isParameterDeclaration(decl) && decl.getDecorators().some((d) => USER_DECORATOR.test(d.getName()))) {
        return `the signed-in user injected with \`@${decl.getDecorators()[0]!.getName()}()\``;
      }
      if (Node.isBindingElement(decl) && /^(user|currentUser|authUser)$/.test(decl.getPropertyNameNode()?.getText() ?? decl.getName())) {
        const holder = decl.getParent()?.getParent();
        const init = holder && Node.isVariableDeclaration(holder) ? holder.getInitializer() : undefined;
        if (init && (USER_HOLDER.test(unwrap(init).getText().replace(/[\s?!]/g, '')) || isSessionValue(init, depth + 1))) {
          return `the signed-in user destructured from \`${shortText(init, 40)}\``;
        }
      }
      if (Node.isVariableDeclaration(decl)) {
        const init = decl.getInitializer();
        const u = init ? unwrap(init) : undefined;
        if (u && Node.isNewExpression(u) && savedLater(node.getText(), decl)) return `a \`${u.getExpression().getText()}\` document saved to the database`;
      }
      if (Node.isParameterDeclaration(decl)) {
        const query = callbackQuery(decl);
        if (query) return recordSource(query, depth + 1, facts);
      }
    }
    const init = constInitializer(node);
    if (init && init !== node) return recordSource(init, depth + 1, facts);
    // `let conversation; if (…) conversation = await db.conversation.create(…) else …`: each value it is given.
    for (const value of assignedValues(node)) {
      const found = recordSource(value, depth + 1, facts);
      if (found) return found;
    }
    return undefined;
  }
  if (Node.isCallExpression(node)) return callRecord(node, depth, facts);
  return undefined;
}

/**
 * The query whose result a callback parameter receives: `doc` in `User.findById(id).then((doc) => …)`
 * or in the callback style `User.findById(id).exec((err, doc) => …)` (Mongoose before 7).
 */
function callbackQuery(param: import('ts-morph').ParameterDeclaration): Node | undefined {
  const fn = param.getParent();
  const call = fn?.getParent();
  if (!fn || !call || !Node.isCallExpression(call) || !call.getArguments().includes(fn as Node)) return undefined;
  const callee = unwrap(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || !('getParameters' in fn)) return undefined;
  const index = (fn as import('ts-morph').ArrowFunction).getParameters().indexOf(param);
  const method = callee.getName();
  if ((method === 'then' && index === 0) || (method === 'exec' && index === 1)) return callee.getExpression();
  return undefined;
}

function callRecord(call: CallExpression, depth: number, facts: RecordFacts): string | undefined {
  const callee = unwrap(call.getExpression());
  const args = call.getArguments();
  if (Node.isIdentifier(callee) && callee.getText() === 'currentUser') return 'the Clerk `currentUser()` record';
  if (!Node.isPropertyAccessExpression(callee)) return helperRecord(callee, depth, facts);
  const method = callee.getName();
  const receiver = unwrap(callee.getExpression());
  if (method === 'select') return undefined;
  if (PASS_THROUGH.has(method)) return recordSource(receiver, depth + 1, facts);
  if (method === 'save' && Node.isNewExpression(receiver)) return `a \`${receiver.getExpression().getText()}\` document saved to the database`;
  // A spread (`...validator.base`, a Prisma.validator or shared query options) may carry the
  // projection, so it counts as one: reporting the record as whole would be a guess.
  const picks = (key: string) =>
    args.some((a) => {
      const u = unwrap(a);
      return Node.isObjectLiteralExpression(u) && (u.getProperty(key) !== undefined || u.getProperties().some((p) => Node.isSpreadAssignment(p)));
    });

  // Prisma: prisma.user.findUnique(…), this.prisma.order.create(…), tx.user.update(…)
  if (Node.isPropertyAccessExpression(receiver) && (PRISMA_READS.has(method) || PRISMA_WRITES.has(method))) {
    const root = unwrap(receiver.getExpression()).getText();
    if (PRISMA_READS.has(method) || /prisma|(^|\.)(db|tx|client)$/i.test(root)) {
      // Prisma takes one options object; one built elsewhere (`findUnique(query)`) may select.
      if (picks('select') || args.some((a) => !Node.isObjectLiteralExpression(unwrap(a)))) return undefined;
      const included = picks('include') ? ' with its included relations' : '';
      const options = args[0] !== undefined ? unwrap(args[0]) : undefined;
      const prop = options && Node.isObjectLiteralExpression(options) ? options.getProperty('include') : undefined;
      // A shorthand or computed `include` is kept as the property: unreadable, so weighed as including anything.
      const include = prop && Node.isPropertyAssignment(prop) ? prop.getInitializer() ?? prop : prop;
      facts.prisma = { model: receiver.getName(), ...(include ? { include } : {}) };
      return `the Prisma \`${receiver.getName()}.${method}\` result${included}`;
    }
  }
  const receiverText = receiver.getText().replace(/\s+/g, '');
  // TypeORM: userRepository.findOne(…), getRepository(User).findOneBy(…), this.repo.save(…)
  const isRepo =
    /(repo|repository|Repository|manager)$/.test(receiverText) ||
    (Node.isCallExpression(receiver) && /getRepository$/.test(unwrap(receiver.getExpression()).getText())) ||
    // `@InjectRepository(Job) private readonly jobs: Repository<Job>`: the name says nothing, the type does.
    /^(Repository|MongoRepository|TreeRepository)<|^EntityManager$/.test(declaredType(receiver));
  if (isRepo && REPO_METHODS.has(method)) {
    if (picks('select')) return undefined;
    return `the TypeORM \`${shortText(receiver, 30)}.${method}\` result`;
  }
  // Mongoose and Sequelize models: User.findById(…), Order.findByPk(…), this.userModel.findOne(…)
  const modelName = Node.isIdentifier(receiver) ? receiver.getText() : Node.isPropertyAccessExpression(receiver) ? receiver.getName() : '';
  const isModel = (Node.isIdentifier(receiver) && /^[A-Z]/.test(modelName) && !BUILTINS.has(modelName)) || (Node.isPropertyAccessExpression(receiver) && /Model$/.test(modelName));
  if (isModel && MODEL_METHODS.has(method)) {
    if (picks('attributes')) return undefined;
    // Mongoose's projection argument: findById(id, 'name avatar'), findOne(filter, { name: 1 })
    if ((method === 'findById' || method === 'findOne' || method === 'find') && args.length >= 2) return undefined;
    return `the \`${modelName}.${method}\` database result`;
  }
  return helperRecord(callee, depth, facts);
}

/** The type annotation of the variable, parameter or property an expression reads, or ''. */
function declaredType(node: Node): string {
  const target = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  if (!Node.isIdentifier(target)) return '';
  for (const decl of declarationsOf(target)) {
    if (Node.isParameterDeclaration(decl) || Node.isPropertyDeclaration(decl) || Node.isVariableDeclaration(decl)) {
      const type = decl.getTypeNode();
      if (type) return type.getText().replace(/\s+/g, '');
    }
  }
  return '';
}

/** A helper or service method whose one return is a record: `usersService.findOne(id)` → `prisma.user.findUnique(…)`. */
function helperRecord(callee: Node, depth: number, facts: RecordFacts): string | undefined {
  const fn = functionOf(callee);
  const ret = fn ? returnedExpression(fn) : undefined;
  return ret ? recordSource(ret, depth + 1, facts) : undefined;
}

function isSessionValue(node: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = unwrap(node);
  if (Node.isAwaitExpression(n)) return isSessionValue(n.getExpression(), depth + 1);
  if (Node.isCallExpression(n)) {
    const callee = unwrap(n.getExpression());
    return Node.isIdentifier(callee) && SESSION_CALL.test(callee.getText());
  }
  if (Node.isIdentifier(n)) {
    const init = constInitializer(n);
    return init !== undefined && init !== n && isSessionValue(init, depth + 1);
  }
  return false;
}

function savedLater(name: string, decl: Node): boolean {
  const scope = decl.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a)) ?? decl.getSourceFile();
  return scope.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => unwrap(c.getExpression()).getText().replace(/\s+/g, '') === `${name}.save`);
}
