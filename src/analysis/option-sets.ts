import { Node, SyntaxKind } from '../morph.js';
import { objectLiteralOf, propertyName, unwrap } from './ast.js';

/**
 * The option objects a constructor can receive, one per path through the spreads that build it:
 * `{ appId, ...(host ? { host, port } : { cluster }) }` is two sets. A rule that must say what an
 * option is *missing* needs every set, because the property it looks for may sit in one branch
 * only. Undefined when any part cannot be followed (a spread of a call's result, a parameter):
 * the missing option may be in there, so nobody can say it is absent.
 */
export type OptionSet = ReadonlyMap<string, Node>;

const MAX_SETS = 16;
const MAX_DEPTH = 8;

export function optionSets(node: Node | undefined, depth = 0): OptionSet[] | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const u = unwrap(node);
  if (Node.isConditionalExpression(u)) return union(optionSets(u.getWhenTrue(), depth + 1), optionSets(u.getWhenFalse(), depth + 1));
  if (Node.isBinaryExpression(u)) {
    const op = u.getOperatorToken().getKind();
    // `...(isLocal && { host: 'localhost' })`: the object, or nothing.
    if (op === SyntaxKind.AmpersandAmpersandToken) return union(optionSets(u.getRight(), depth + 1), [new Map()]);
    if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) return union(optionSets(u.getLeft(), depth + 1), optionSets(u.getRight(), depth + 1));
    return undefined;
  }
  if (u.getKind() === SyntaxKind.FalseKeyword || u.getKind() === SyntaxKind.NullKeyword || u.getKind() === SyntaxKind.UndefinedKeyword) return [new Map()];
  if (Node.isIdentifier(u) && u.getText() === 'undefined') return [new Map()];
  const obj = objectLiteralOf(u);
  if (!obj) return undefined;
  let sets: Map<string, Node>[] = [new Map()];
  for (const prop of obj.getProperties()) {
    if (Node.isSpreadAssignment(prop)) {
      const spread = optionSets(prop.getExpression(), depth + 1);
      if (!spread) return undefined;
      // A spread's keys override earlier ones and yield to later ones, as at run time.
      sets = sets.flatMap((s) => spread.map((t) => new Map([...s, ...t])));
      if (sets.length > MAX_SETS) return undefined;
      continue;
    }
    const key = propertyName(prop);
    if (key === undefined) return undefined;
    const value = Node.isPropertyAssignment(prop) ? prop.getInitializer() : Node.isShorthandPropertyAssignment(prop) ? prop.getNameNode() : prop;
    if (!value) return undefined;
    for (const s of sets) s.set(key, value);
  }
  return sets;
}

function union(a: OptionSet[] | undefined, b: OptionSet[] | undefined): OptionSet[] | undefined {
  if (!a || !b || a.length + b.length > MAX_SETS) return undefined;
  return [...a, ...b];
}
