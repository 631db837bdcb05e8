import { Node, SyntaxKind } from '../morph.js';
import { secretPreview } from '../core/redact.js';
import type { ValueRef } from './types.js';
import { MAX_DEPTH, unwrap, declarationsOf, constInitializer, propertyInitializer, inlineCall, shortText, propertyName, stringLiteral, type Bindings } from '../analysis/ast.js';

/**
 * Static evaluation of the expressions Pusher code passes around: channel names, option values,
 * credentials. It follows what a reader can follow without running anything (literals, templates,
 * concatenation, consts, imported consts, object properties, one-expression helper functions,
 * environment reads) and stops there: what it cannot resolve is reported as unknown, never guessed.
 */

export type StringPart = { static: string } | { dynamic: string };

/** A string expression as static and dynamic parts; a fully unresolvable string is one dynamic part. */
export function stringParts(node: Node, bindings: Bindings = new Map(), depth = 0): StringPart[] {
  const resolved = tryStringParts(node, bindings, depth);
  return resolved ?? [{ dynamic: shortText(node) }];
}

function tryStringParts(input: Node, bindings: Bindings, depth: number): StringPart[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(input);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return [{ static: node.getLiteralText() }];
  if (Node.isNumericLiteral(node)) return [{ static: String(node.getLiteralValue()) }];
  if (Node.isTemplateExpression(node)) {
    const parts: StringPart[] = [{ static: node.getHead().getLiteralText() }];
    for (const span of node.getTemplateSpans()) {
      parts.push(...stringParts(span.getExpression(), bindings, depth + 1));
      parts.push({ static: span.getLiteral().getLiteralText() });
    }
    return merge(parts);
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = tryStringParts(node.getLeft(), bindings, depth + 1);
    const right = tryStringParts(node.getRight(), bindings, depth + 1);
    if (!left && !right) return undefined;
    return merge([...(left ?? [{ dynamic: shortText(node.getLeft()) }]), ...(right ?? [{ dynamic: shortText(node.getRight()) }])]);
  }
  if (Node.isIdentifier(node)) {
    const bound = bindings.get(node.getText());
    if (bound) return tryStringParts(bound, new Map(), depth + 1);
    const init = constInitializer(node);
    return init ? tryStringParts(init, new Map(), depth + 1) : undefined;
  }
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const init = propertyInitializer(node);
    return init ? tryStringParts(init, new Map(), depth + 1) : undefined;
  }
  if (Node.isCallExpression(node)) {
    const call = inlineCall(node);
    if (call) return tryStringParts(call.body, call.bindings, depth + 1);
    // `['private', 'user', id].join('-')`; `[a, b].sort().join('_')` names the pair whatever the order.
    const callee = node.getExpression();
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'join') {
      const array = unsorted(unwrap(callee.getExpression()));
      const sepArg = node.getArguments()[0];
      const sep = sepArg === undefined ? ',' : Node.isStringLiteral(sepArg) ? sepArg.getLiteralText() : undefined;
      if (Node.isArrayLiteralExpression(array) && sep !== undefined) {
        const parts: StringPart[] = [];
        array.getElements().forEach((el, i) => {
          if (i > 0) parts.push({ static: sep });
          parts.push(...stringParts(el, bindings, depth + 1));
        });
        return merge(parts);
      }
    }
  }
  return undefined;
}

/** The array a `.sort()` / `.reverse()` call reorders, else the node itself. */
function unsorted(node: Node): Node {
  if (!Node.isCallExpression(node)) return node;
  const callee = node.getExpression();
  return Node.isPropertyAccessExpression(callee) && (callee.getName() === 'sort' || callee.getName() === 'reverse') && node.getArguments().length === 0 ? unwrap(callee.getExpression()) : node;
}

function merge(parts: StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ('static' in p && p.static === '') continue;
    if (last && 'static' in last && 'static' in p) out[out.length - 1] = { static: last.static + p.static };
    else out.push(p);
  }
  return out.length === 0 ? [{ static: '' }] : out;
}

// ---- Option values ----

/**
 * `process.env` or `import.meta.env`: the objects Next.js, Vite, CRA and Vue CLI fill in the browser
 * bundle with their public-prefixed names only (react-native-config and `@env` ship every name).
 */
export function isBundlerEnv(node: Node): boolean {
  return /^(process\.env|import\.meta\.env)$/.test(unwrap(node).getText().replace(/\s+/g, ''));
}

/** The environment variable an expression reads, if any: process.env.X, import.meta.env.X, $env imports, Deno.env.get, env('X'). */
export function envVarName(input: Node): string | undefined {
  const node = unwrap(input);
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const obj = unwrap(node.getExpression()).getText().replace(/\s+/g, '');
    const name = Node.isPropertyAccessExpression(node) ? node.getName() : stringLiteral(node.getArgumentExpression());
    // `env.X` covers `$env/dynamic/private`'s `env` and the common `const env = process.env`.
    if (name && /^(process\.env|import\.meta\.env|Bun\.env|env)$/.test(obj)) return name;
    // React Native: `Config.PUSHER_KEY` with `import Config from 'react-native-config'`.
    const base = unwrap(node.getExpression());
    if (name && Node.isIdentifier(base) && declarationsOfAlias(base).some((d) => Node.isImportClause(d) && d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue() === 'react-native-config')) return name;
  }
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression().getText();
    const arg = node.getArguments()[0];
    if (/^(Deno\.env\.get|env|getEnv|requireEnv|configService\.get|this\.configService\.get|config\.get|this\.config\.get)$/.test(callee) && arg) {
      const key = stringLiteral(arg);
      if (key) return key;
    }
  }
  if (Node.isIdentifier(node)) {
    // SvelteKit: import { PUSHER_SECRET } from '$env/static/private'
    for (const decl of declarationsOfAlias(node)) {
      if (Node.isImportSpecifier(decl)) {
        const from = decl.getImportDeclaration().getModuleSpecifierValue();
        // React Native: react-native-dotenv's `import { PUSHER_KEY } from '@env'` (its default module name).
        if (from.startsWith('$env/') || from === '@env' || from === 'react-native-dotenv') return decl.getName();
      }
    }
  }
  return undefined;
}

function declarationsOfAlias(node: Node): Node[] {
  try {
    return node.getSymbol()?.getDeclarations() ?? [];
  } catch {
    return [];
  }
}

/** Hosts where traffic never crosses a network: local Soketi, pusher-fake, dev servers. */
export function isLoopbackHost(host: string, allow: ReadonlySet<string> = new Set()): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || allow.has(h);
}

/** An instance talks to Pusher unless `wsHost`/`httpHost`/`host` points it at a local server. */
export function targetsLoopback(options: Record<string, ValueRef>, allow: ReadonlySet<string> = new Set()): boolean {
  return ['wsHost', 'httpHost', 'host'].some((name) => {
    const v = options[name];
    return v?.kind === 'literal' && typeof v.value === 'string' && isLoopbackHost(v.value, allow);
  });
}

export interface ValueOptions {
  /** Option names whose literal values are secrets: redacted in the result and added to `secrets`. */
  secretNames?: ReadonlySet<string>;
  secrets?: Set<string>;
}

/** A value as the inventory reports it. Secret literals come back redacted and go into `options.secrets`. */
export function valueOf(input: Node, opts: ValueOptions = {}, name = '', depth = 0): ValueRef {
  const node = unwrap(input);
  if (depth > 6) return { kind: 'unknown', text: shortText(node) };
  const secret = opts.secretNames?.has(name) ?? false;
  const literal = (value: string | number | boolean | null): ValueRef => {
    if (secret && typeof value === 'string' && value.length > 0) {
      opts.secrets?.add(value);
      return redact(value);
    }
    return { kind: 'literal', value };
  };
  const env = envVarName(node);
  if (env) return { kind: 'env', name: env };
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return literal(node.getLiteralText());
  if (Node.isNumericLiteral(node)) return literal(node.getLiteralValue());
  if (node.getKind() === SyntaxKind.TrueKeyword) return literal(true);
  if (node.getKind() === SyntaxKind.FalseKeyword) return literal(false);
  if (node.getKind() === SyntaxKind.NullKeyword) return literal(null);
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) {
      const left = valueOf(node.getLeft(), opts, name, depth + 1);
      const right = valueOf(node.getRight(), opts, name, depth + 1);
      if (left.kind === 'env') return { kind: 'env', name: left.name, fallback: right };
      return left.kind === 'unknown' ? right : left;
    }
  }
  if (Node.isTemplateExpression(node) || Node.isBinaryExpression(node)) {
    const parts = tryStringParts(node, new Map(), depth + 1);
    if (parts && parts.every((p) => 'static' in p)) return literal(parts.map((p) => (p as { static: string }).static).join(''));
    return { kind: 'unknown', text: shortText(node) };
  }
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return { kind: 'function' };
  if (Node.isObjectLiteralExpression(node)) {
    const properties: Record<string, ValueRef> = {};
    for (const prop of node.getProperties()) {
      if (Node.isPropertyAssignment(prop)) {
        const key = propertyName(prop);
        if (key !== undefined) properties[key] = valueOf(prop.getInitializer()!, opts, key, depth + 1);
      } else if (Node.isShorthandPropertyAssignment(prop)) {
        properties[prop.getName()] = valueOf(prop.getNameNode(), opts, prop.getName(), depth + 1);
      } else if (Node.isMethodDeclaration(prop)) {
        properties[prop.getName()] = { kind: 'function' };
      }
    }
    return { kind: 'object', properties };
  }
  if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const init = Node.isIdentifier(node) ? constInitializer(node) : propertyInitializer(node);
    if (init && init !== node) return valueOf(init, opts, name, depth + 1);
    if (Node.isIdentifier(node)) {
      for (const decl of declarationsOf(node)) {
        if (Node.isFunctionDeclaration(decl)) return { kind: 'function' };
      }
    }
  }
  return { kind: 'unknown', text: shortText(node) };
}

/** Secrets never leave the engine in full: the first 4 characters and the length. */
export function redact(value: string): ValueRef {
  return { kind: 'redacted', preview: secretPreview(value), length: value.length };
}
