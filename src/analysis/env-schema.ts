import type { CallExpression } from 'ts-morph';
import { Node } from '../morph.js';
import { objectProperties, unwrap } from './ast.js';
import { calleeName } from './callee.js';

/** t3-env's packages: one `createEnv({ server, client, runtimeEnv })` per framework. */
const T3_ENV = /^@t3-oss\/env-(core|nextjs|nuxt)$/;

/**
 * Whether `name`, read at `node`, is a variable the enclosing t3-env `createEnv` call declares in
 * its `server` schema. Such a module is usually imported by client code for its public keys, but
 * its server half never reaches the browser: Next.js and Vite inline only their public prefixes,
 * and t3-env throws when client code reads a server variable.
 */
export function serverSchemaVariable(node: Node, name: string): boolean {
  const call = node.getFirstAncestor((a): a is CallExpression => Node.isCallExpression(a) && isCreateEnv(a));
  if (!call) return false;
  const server = objectProperties(call.getArguments()[0]).get('server');
  return server !== undefined && objectProperties(unwrap(server)).has(name);
}

/** `createEnv(…)` under whatever local name the file imports it from t3-env. */
function isCreateEnv(call: CallExpression): boolean {
  const local = calleeName(call.getExpression());
  return call
    .getSourceFile()
    .getImportDeclarations()
    .some((d) => T3_ENV.test(d.getModuleSpecifierValue()) && d.getNamedImports().some((i) => i.getName() === 'createEnv' && (i.getAliasNode() ?? i.getNameNode()).getText() === local));
}
