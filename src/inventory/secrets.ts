import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../morph.js';
import type { DiscoveredFile } from '../discovery/types.js';
import { secretPreview } from '../core/redact.js';
import type { ServerInstance } from './types.js';
import { redact, stringParts, valueOf } from './values.js';
import { unwrap } from '../analysis/ast.js';

/**
 * Secret harvesting: every credential-looking value the scan sees (secret-named literals, URL
 * passwords, `.env` / JSON / YAML values under secret-like keys) goes into one set, so every
 * output format scrubs it wherever it appears.
 */

/** String literals under secret-named properties anywhere in analysed code, so every output scrubs them. */
export function collectSecretLiterals(sf: SourceFile, secrets: Set<string>): void {
  for (const prop of sf.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
    if (!/secret|master_?key/i.test(prop.getName())) continue;
    const init = prop.getInitializer();
    if (!init) continue;
    const v = unwrap(init);
    if (Node.isStringLiteral(v) || Node.isNoSubstitutionTemplateLiteral(v)) addSecret(secrets, v.getLiteralText());
    if (Node.isBinaryExpression(v)) {
      const right = unwrap(v.getRight());
      if (Node.isStringLiteral(right)) addSecret(secrets, right.getLiteralText());
    }
  }
  for (const decl of sf.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    if (!/secret|master_?key/i.test(decl.getName())) continue;
    const init = decl.getInitializer();
    const v = init ? unwrap(init) : undefined;
    if (v && (Node.isStringLiteral(v) || Node.isNoSubstitutionTemplateLiteral(v))) addSecret(secrets, v.getLiteralText());
  }
  // `const PUSHER_URL = 'https://key:secret@api-eu.pusher.com/apps/1'`, whatever it is called.
  for (const lit of sf.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
    for (const m of lit.getLiteralText().matchAll(URL_CREDENTIALS)) addSecret(secrets, m[2] ?? '');
  }
}

/** `.env`, JSON and YAML values under secret-like keys. */
export function collectConfigSecrets(files: readonly DiscoveredFile[], secrets: Set<string>): void {
  for (const f of files) {
    if (f.kind !== 'env' && f.kind !== 'json' && f.kind !== 'yaml') continue;
    const re = f.kind === 'env' ? /^\s*(?:export\s+)?([\w.]*(?:SECRET|MASTER_KEY)[\w.]*)\s*=\s*["']?([^"'\s#]+)/gim : /["']?([\w.-]*(?:secret|master_?key)[\w.-]*)["']?\s*[:=]\s*["']?([^"'\s,}#]+)/gi;
    for (const m of f.text.matchAll(re)) addSecret(secrets, m[2] ?? '');
    for (const m of f.text.matchAll(URL_CREDENTIALS)) addSecret(secrets, m[2] ?? '');
  }
}

/** The password of a `scheme://user:password@host` URL (group 2). */
export const URL_CREDENTIALS = /:\/\/([^\s:@/'"`]+):([^\s@/'"`]+)@/g;

export function addSecret(set: Set<string>, value: string): void {
  // Placeholders, env var names (node-config's `secret: PUSHER_SECRET`) and short values are not
  // worth scrubbing and would mangle ordinary text such as the variable's own name in messages.
  if (value.length >= 8 && !/^(your|change|xxx|<|\$\{|process\.env)/i.test(value) && !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)) set.add(value);
}

/** A URL with its `user:password@` password cut to a preview, the password recorded as a secret. */
export function redactUrl(url: string, secrets: Set<string>): string {
  return url.replace(URL_CREDENTIALS, (_whole, user: string, password: string) => {
    addSecret(secrets, password);
    return `://${user}:${secretPreview(password)}@`;
  });
}

/** `Pusher.forURL('https://key:secret@api-eu.pusher.com/apps/123')`: credentials in the URL. */
export function applyUrl(server: ServerInstance, urlNode: Node, secrets: Set<string>): void {
  const parts = stringParts(urlNode);
  const text = parts.every((p) => 'static' in p) ? parts.map((p) => (p as { static: string }).static).join('') : undefined;
  if (text === undefined) {
    // `process.env.PUSHER_URL || 'https://key:secret@…'`: the default's credentials are as secret as a literal's.
    const value = valueOf(urlNode);
    if (value.kind === 'env' && value.fallback?.kind === 'literal' && typeof value.fallback.value === 'string') {
      value.fallback = { kind: 'literal', value: redactUrl(value.fallback.value, secrets) };
    }
    server.options.url = value;
    return;
  }
  const m = /^(\w+):\/\/([^:@/]*):([^@/]*)@([^/]+)(\/apps\/(\w+))?/.exec(text);
  if (!m) {
    server.options.url = { kind: 'literal', value: text };
    return;
  }
  const [, scheme, key, secret, host, , appId] = m;
  if (secret) secrets.add(secret);
  server.options.url = { kind: 'literal', value: `${scheme}://${key}:${secret ? secretPreview(secret) : ''}@${host}${appId ? `/apps/${appId}` : ''}` };
  if (key) server.options.key = { kind: 'literal', value: key };
  if (secret) server.options.secret = redact(secret);
  if (appId) server.options.appId = { kind: 'literal', value: appId };
  server.options.useTLS = { kind: 'literal', value: scheme === 'https' };
}
