import { Node, SyntaxKind } from '../morph.js';
import { unwrap } from './ast.js';

/**
 * Whether code only runs (or a value is only true) in development: the checks bundlers and
 * frameworks turn into constants at build time (`process.env.NODE_ENV`, `import.meta.env.DEV`,
 * Nuxt's `import.meta.dev`, SvelteKit's `dev`, React Native's `__DEV__`, Angular's
 * `environment.production`) and the usual flags named after them (`isDev`, `DEBUG`).
 */

/** Names whose truth means "not production". */
const DEV_NAME = /^(__DEV__|dev|isDev|isDevelopment|isDevMode|devMode|isLocal|isDebug|debug|DEBUG|IS_DEV|DEV|isTest)$/;
/** Names whose truth means "production". */
const PROD_NAME = /^(isProd|isProduction|prod|production|PROD|IS_PROD|IS_PRODUCTION)$/;
const DEV_VALUES = new Set(['development', 'dev', 'test', 'local', 'debug']);
const PROD_VALUES = new Set(['production', 'prod']);

type Meaning = 'dev' | 'prod' | undefined;

/** What an expression being true says about the environment. */
export function conditionMeaning(expr: Node, extraDevNames: ReadonlySet<string> = new Set()): Meaning {
  const node = unwrap(expr);
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) return flip(conditionMeaning(node.getOperand(), extraDevNames));
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (op === SyntaxKind.AmpersandAmpersandToken) {
      // `dev && verbose`: true only in development. `prod && x` true only in production.
      const l = conditionMeaning(node.getLeft(), extraDevNames);
      const r = conditionMeaning(node.getRight(), extraDevNames);
      return l ?? r;
    }
    const equal = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken;
    const notEqual = op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    if (!equal && !notEqual) return undefined;
    const sides = [node.getLeft(), node.getRight()].map(unwrap);
    // `process.env.FEATURE_DEBUG === 'true'`: environment flags are strings, so truth is spelled out.
    const truth = sides.map(truthOf);
    const flag = truth[0] === undefined ? (truth[1] === undefined ? undefined : 0) : 1;
    if (flag !== undefined) {
      const meaning = conditionMeaning(sides[flag]!, extraDevNames);
      return truth[1 - flag] === notEqual ? flip(meaning) : meaning;
    }
    const literal = sides.find((n) => Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n));
    if (!literal || !(Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal))) return undefined;
    const value = literal.getLiteralText().toLowerCase();
    const meaning: Meaning = DEV_VALUES.has(value) ? 'dev' : PROD_VALUES.has(value) ? 'prod' : value === 'localhost' || value === '127.0.0.1' ? 'dev' : undefined;
    return notEqual ? flip(meaning) : meaning;
  }
  const text = node.getText().replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!/g, '');
  if (text === 'import.meta.env.DEV' || text === 'import.meta.dev' || text === 'process.dev' || text === 'isDevMode()') return 'dev';
  if (text === 'import.meta.env.PROD' || text === 'import.meta.prod' || /(^|\.)environment\.production$/.test(text)) return 'prod';
  const name = Node.isPropertyAccessExpression(node) ? node.getName() : Node.isIdentifier(node) ? node.getText() : Node.isCallExpression(node) ? unwrap(node.getExpression()).getText().split('.').pop() ?? '' : '';
  if (DEV_NAME.test(name) || listed(text, extraDevNames)) return 'dev';
  if (PROD_NAME.test(name)) return 'prod';
  return undefined;
}

/** `true`, `'true'`, `'1'` → true; `false`, `'false'`, `'0'` → false; anything else undefined. */
function truthOf(n: Node): boolean | undefined {
  const kind = n.getKind();
  if (kind === SyntaxKind.TrueKeyword || kind === SyntaxKind.FalseKeyword) return kind === SyntaxKind.TrueKeyword;
  const text = Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n) || Node.isNumericLiteral(n) ? n.getLiteralText().toLowerCase() : undefined;
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
}

/**
 * A name the user listed: the whole expression (`FEATURE_DEBUG`, `config.verbose`), or the end of a
 * longer chain at a dot (`this.config.verbose`, `window.config.verbose`), read or called.
 */
function listed(text: string, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const chain = text.replace(/\(\)$/, '');
  for (const name of names) if (chain === name || chain.endsWith(`.${name}`)) return true;
  return false;
}

function flip(m: Meaning): Meaning {
  return m === 'dev' ? 'prod' : m === 'prod' ? 'dev' : undefined;
}

/**
 * Whether `node` only runs in development: inside the matching branch of an `if`, a `?:` or an
 * `&&`, or after an early `return` / `throw` in production, up to the enclosing function's body
 * (and on through enclosing functions, since a dev-only function body guards what it defines).
 */
export function onlyInDevelopment(node: Node, extraDevNames: ReadonlySet<string> = new Set()): boolean {
  let child: Node = node;
  for (let parent = node.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent) && child !== parent.getExpression()) {
      const meaning = conditionMeaning(parent.getExpression(), extraDevNames);
      if ((child === parent.getThenStatement() && meaning === 'dev') || (child === parent.getElseStatement() && meaning === 'prod')) return true;
    } else if (Node.isConditionalExpression(parent) && child !== parent.getCondition()) {
      const meaning = conditionMeaning(parent.getCondition(), extraDevNames);
      if ((child === parent.getWhenTrue() && meaning === 'dev') || (child === parent.getWhenFalse() && meaning === 'prod')) return true;
    } else if (Node.isBinaryExpression(parent) && child === parent.getRight()) {
      const op = parent.getOperatorToken().getKind();
      const meaning = conditionMeaning(parent.getLeft(), extraDevNames);
      if ((op === SyntaxKind.AmpersandAmpersandToken && meaning === 'dev') || (op === SyntaxKind.BarBarToken && meaning === 'prod')) return true;
    } else if (Node.isBlock(parent) || Node.isSourceFile(parent)) {
      if (exitsInProductionBefore(parent, child, extraDevNames)) return true;
    }
  }
  return false;
}

/** `if (import.meta.env.PROD) return;` before `child` in the same block. */
function exitsInProductionBefore(block: Node, child: Node, extraDevNames: ReadonlySet<string>): boolean {
  const statements = Node.isBlock(block) || Node.isSourceFile(block) ? block.getStatements() : [];
  for (const st of statements) {
    if (st === child) return false;
    if (!Node.isIfStatement(st) || st.getElseStatement()) continue;
    const then = st.getThenStatement();
    const exits = (s: Node): boolean => Node.isReturnStatement(s) || Node.isThrowStatement(s) || (Node.isBlock(s) && s.getStatements().some(exits));
    if (exits(then) && conditionMeaning(st.getExpression(), extraDevNames) === 'prod') return true;
  }
  return false;
}
