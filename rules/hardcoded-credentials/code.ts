import type { ConditionalExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import { secretPreview } from '../../src/core/redact.js';
import type { ReportDescriptor, ScanModel } from '../../src/engine/rule.js';
import { SDK_SECRET_OPTIONS } from '../../src/pusher/secrets.js';
import type { MessageIds } from './index.js';
import type { ClientInstance, ServerInstance, ValueRef } from '../../src/inventory/types.js';
import { envVarName, stringParts, targetsLoopback } from '../../src/inventory/values.js';
import { constInitializer, objectProperties, propertyInitializer, propertyName, returnedExpression, shortText, unwrap } from '../../src/analysis/ast.js';
import {
  APP_ID_NAME,
  CREDENTIAL_TEXT,
  KEY_NAME,
  PUSHER_CREDENTIAL_SHAPE,
  PUSHER_NAME,
  SECRET_NAME,
  isPlaceholder,
  isPusherSecret,
  isPusherUrl,
  secretImpact,
  secretWhat,
  repeatsItsIds,
  urlCredentials,
} from './values.js';

/**
 * Credentials in code: secrets and master keys of server instances and secret-named variables or
 * properties (as literals or literal fallbacks), credentialed Pusher URLs, and literal app keys of
 * client and server instances.
 */

type Report = (descriptor: ReportDescriptor<MessageIds>) => void;

/** A string literal an expression can evaluate to, and the env read it stands in for when it is a default. */
interface LiteralSource {
  node: Node;
  value: string;
  fallbackFor?: string;
}

const MAX_DEPTH = 8;

/** The string literals an expression may evaluate to, through consts, defaults and conditionals. */
export function literalSources(input: Node, fallbackFor?: string, depth = 0): LiteralSource[] {
  if (depth > MAX_DEPTH) return [];
  const node = unwrap(input);
  const withFallback = (s: Omit<LiteralSource, 'fallbackFor'>): LiteralSource => (fallbackFor === undefined ? s : { ...s, fallbackFor });
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return [withFallback({ node, value: node.getLiteralText() })];
  if (Node.isTemplateExpression(node)) {
    const parts = stringParts(node);
    return parts.every((p) => 'static' in p) ? [withFallback({ node, value: parts.map((p) => ('static' in p ? p.static : '')).join('') })] : [];
  }
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) {
      const left = node.getLeft();
      return [...literalSources(left, fallbackFor, depth + 1), ...literalSources(node.getRight(), fallbackFor ?? describe(left), depth + 1)];
    }
    return [];
  }
  if (Node.isConditionalExpression(node)) {
    const t = node.getWhenTrue();
    const f = node.getWhenFalse();
    if (saysWhetherSet(node)) return [];
    return [...literalSources(t, fallbackFor ?? envRead(f), depth + 1), ...literalSources(f, fallbackFor ?? envRead(t), depth + 1)];
  }
  if (Node.isCallExpression(node)) {
    // `env('PUSHER_APP_SECRET', 'default')`, `config.get('pusher.secret', 'default')`
    const name = envVarName(node);
    const fallback = node.getArguments()[1];
    return name !== undefined && fallback ? literalSources(fallback, name, depth + 1) : [];
  }
  if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    if (envVarName(node) !== undefined) return [];
    const init = Node.isIdentifier(node) ? constInitializer(node) : propertyInitializer(node);
    return init && init !== node ? literalSources(init, fallbackFor, depth + 1) : [];
  }
  return [];
}

/**
 * `secret ? 'set' : 'missing'` reports whether a secret is configured (a log line, a health check):
 * its literals describe the value the condition tests, they are not it. When a branch is that value
 * (`env.SECRET ? env.SECRET : 'dev…'`), the other branch is its default and stays a literal source.
 */
function saysWhetherSet(node: ConditionalExpression): boolean {
  const tested = secretReads(node.getCondition());
  if (tested.size === 0) return false;
  return ![node.getWhenTrue(), node.getWhenFalse()].some((branch) => [...secretReads(branch)].some((r) => tested.has(r)));
}

/** The secret-named values an expression reads (`process.env.PUSHER_SECRET`, `config.pusher.secret`), by text. */
function secretReads(node: Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: Node): void => {
    const u = unwrap(n);
    if (Node.isIdentifier(u) || Node.isPropertyAccessExpression(u) || Node.isElementAccessExpression(u)) {
      const name = envVarName(u) ?? (Node.isIdentifier(u) ? u.getText() : Node.isPropertyAccessExpression(u) ? u.getName() : undefined);
      if (name !== undefined && SECRET_NAME.test(name)) {
        out.add(u.getText().replace(/\?\./g, '.'));
        return;
      }
    }
    u.forEachChild(visit);
  };
  visit(node);
  return out;
}

function envRead(node: Node): string | undefined {
  const u = unwrap(node);
  if (envVarName(u) !== undefined) return envVarName(u);
  if (Node.isBinaryExpression(u)) return envRead(u.getLeft());
  return undefined;
}

function describe(node: Node): string {
  return envRead(node) ?? shortText(node, 40);
}

/** Which of the rule's checks already reported a literal: the inventory pass is more specific than the sweep. */
class Seen {
  private readonly keys = new Set<string>();
  add(node: Node): boolean {
    const key = `${node.getSourceFile().getFilePath()}:${node.getStart()}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
}

export class CodeCheck {
  private readonly seen = new Seen();

  constructor(
    private readonly model: ScanModel,
    private readonly report: Report,
    private readonly forFile: (file: string, fn: () => void) => void,
    private readonly appliesTo: (file: string) => boolean,
  ) {}

  private inTest(file: string): boolean {
    return !this.appliesTo(file);
  }

  private fileOf(node: Node): string | undefined {
    return this.model.project.locate(node)?.file;
  }

  run(): void {
    for (const server of this.model.inventory.servers) {
      if (!this.inTest(server.location.file)) this.forFile(server.location.file, () => this.server(server));
    }
    for (const client of this.model.inventory.clients) {
      if (!this.inTest(client.location.file)) this.forFile(client.location.file, () => this.client(client));
    }
    // Only files that could hold a credential are parsed beyond what the inventory needed: the sweep
    // reports a secret-named value or a credentialed URL only next to a Pusher name, an app id
    // (`{ appId, key, secret }`) or an `/apps/<id>` URL path.
    for (const file of this.model.matching(CREDENTIAL_TEXT)) {
      // The text test first: a file's environment can cost lexing the whole tree on first use.
      if (file.blocks.length === 0 || (!PUSHER_NAME.test(file.text) && !/app[_-]?id|\/apps\//i.test(file.text))) continue;
      if (this.inTest(file.path)) continue;
      this.forFile(file.path, () => {
        for (const script of this.model.project.ensure(file.path)) this.sweep(script.sourceFile, /pusher|soketi/i.test(file.text));
      });
    }
  }

  // ---- Server instances ----

  private server(server: ServerInstance): void {
    if (server.construction === 'forURL' && Node.isCallExpression(server.node)) {
      const url = server.node.getArguments()[0];
      if (url) for (const source of literalSources(url)) this.url(source, '`Pusher.forURL`');
    }
    for (const options of serverOptionObjects(server)) {
      const props = objectProperties(options);
      const ids = ['key', 'appId'].flatMap((name) => {
        const node = props.get(name);
        return node ? literalSources(node).map((s) => s.value) : [];
      });
      // A local server's secret is its own config's (soketi's app list), unless it has Pusher's shape.
      const local = targetsLoopback(server.options);
      let reported = false;
      let madeUp = false;
      for (const name of SDK_SECRET_OPTIONS) {
        const node = props.get(name);
        if (!node) continue;
        for (const source of literalSources(node)) {
          if (isPlaceholder(source.value)) continue;
          const repeats = repeatsItsIds(source.value, ids);
          if (repeats || (local && !PUSHER_CREDENTIAL_SHAPE.test(source.value))) {
            // Judged here: the sweep of secret-named properties must not report it after all.
            this.seen.add(source.node);
            madeUp ||= repeats;
            continue;
          }
          this.secret(source, `the \`${name}\` option of ${instanceName(server)}`, name);
          reported = true;
        }
      }
      // A made-up app's key and id are as made up as its secret.
      if (server.construction === 'forURL' || madeUp) continue;
      const key = props.get('key');
      if (key !== undefined) reported = this.keys(key, instanceName(server), server.options) || reported;
      const appId = props.get('appId');
      if (appId && !reported && !targetsLoopback(server.options)) this.appId(appId, instanceName(server));
    }
  }

  // ---- Client instances ----

  private client(client: ClientInstance): void {
    const keyNode = clientKeyNode(client);
    if (keyNode) this.keys(keyNode, instanceName(client), client.options);
    if (client.library === '@pusher/pusher-websocket-react-native') {
      // The singleton gets its key later: `pusher.init({ apiKey, cluster })`.
      for (const call of client.node.getSourceFile().getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = unwrap(call.getExpression());
        if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'init') continue;
        const apiKey = objectProperties(call.getArguments()[0]).get('apiKey');
        if (apiKey) this.keys(apiKey, '`Pusher.getInstance().init()`', {});
      }
    }
  }

  /** Reports the literal keys of one instance; returns whether it reported any. */
  private keys(node: Node, where: string, options: Record<string, ValueRef>): boolean {
    // soketi and pusher-fake run on localhost with made-up keys: nothing to mix up there.
    if (targetsLoopback(options)) return false;
    let reported = false;
    // A public key is worth a note only where the client is built with it inline. A key another
    // module supplies (a config helper, an exported settings object) is that app's configuration
    // point, the one place to change per environment: normal for a public key, not a finding.
    const instanceFile = node.getSourceFile().getFilePath();
    for (const source of literalSources(node)) {
      if (source.node.getSourceFile().getFilePath() !== instanceFile) continue;
      const file = this.fileOf(source.node);
      if (isPlaceholder(source.value) || file === undefined || this.inTest(file)) continue;
      reported = true;
      if (!this.seen.add(source.node)) continue;
      this.report({
        node: source.node,
        messageId: 'literalKey',
        data: { preview: secretPreview(source.value), where, how: source.fallbackFor ? ` as the default for \`${source.fallbackFor}\`` : '' },
      });
    }
    return reported;
  }

  /**
   * A literal app id in a server instance nothing else was reported on (one note per instance): the
   * id names one Pusher app just as the key does, so every deployment publishes to that app. A
   * default for an env read (`env.PUSHER_APP_ID ?? '…'`) is overridden per deployment: not reported.
   */
  private appId(node: Node, where: string): void {
    const instanceFile = node.getSourceFile().getFilePath();
    for (const source of literalSources(node)) {
      if (source.node.getSourceFile().getFilePath() !== instanceFile) continue;
      if (source.fallbackFor !== undefined || isPlaceholder(source.value) || !/^\d+$/.test(source.value)) continue;
      if (!this.seen.add(source.node)) continue;
      this.report({ node: source.node, messageId: 'literalAppId', data: { value: source.value, where } });
    }
  }

  // ---- Sweep of secret-named code ----

  private sweep(sf: SourceFile, pusherFile: boolean): void {
    sf.forEachDescendant((node) => {
      if (Node.isVariableDeclaration(node) || Node.isPropertyAssignment(node)) {
        const name = Node.isVariableDeclaration(node) ? node.getName() : propertyName(node);
        const init = node.getInitializer();
        if (name === undefined || !init || !SECRET_NAME.test(name)) return;
        const context = { pusherNamed: PUSHER_NAME.test(name) || pusherAncestor(node), paired: Node.isPropertyAssignment(node) && isPaired(node), pusherFile };
        for (const source of literalSources(init)) {
          if (isPusherSecret(source.value, name, context)) this.secret(source, `\`${name}\``, name);
        }
      } else if (Node.isBinaryExpression(node)) {
        // A default for a secret env var wherever it is read: `process.env.PUSHER_SECRET ?? '…'`.
        const op = node.getOperatorToken().getKind();
        if (op !== SyntaxKind.BarBarToken && op !== SyntaxKind.QuestionQuestionToken) return;
        const env = envVarName(node.getLeft());
        if (env === undefined || !SECRET_NAME.test(env)) return;
        for (const source of literalSources(node.getRight(), env)) {
          if (isPusherSecret(source.value, env, { pusherNamed: PUSHER_NAME.test(env), paired: false, pusherFile })) this.secret(source, `\`${env}\``, env);
        }
      } else if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
        const value = node.getLiteralText();
        if (urlCredentials(value) && isPusherUrl(value)) this.url({ node, value }, 'The Pusher URL');
      }
    });
  }

  // ---- Reports ----

  private secret(source: LiteralSource, where: string, name: string): void {
    if (!this.seen.add(source.node)) return;
    // A literal in a const used elsewhere: name the const, where the finding points, then its use.
    const holder = holderName(source.node);
    const at = holder !== undefined && !where.includes(`\`${holder}\``) ? `\`${holder}\` (used as ${where})` : where;
    const data = { what: secretWhat(name), where: at, impact: secretImpact(name), preview: secretPreview(source.value) };
    if (source.fallbackFor !== undefined) {
      this.report({ node: source.node, messageId: 'secretFallback', data: { ...data, where, env: source.fallbackFor }, secrets: [source.value] });
    } else {
      this.report({ node: source.node, messageId: 'secretLiteral', data, secrets: [source.value] });
    }
  }

  private url(source: { node: Node; value: string }, where: string): void {
    const creds = urlCredentials(source.value);
    if (!creds || !this.seen.add(source.node)) return;
    this.report({
      node: source.node,
      messageId: 'urlCredentials',
      data: { where, host: creds.host, preview: secretPreview(creds.secret) },
      secrets: [creds.secret],
    });
  }
}

/** The variable or property a literal is the value of. */
function holderName(literal: Node): string | undefined {
  const holder = literal.getFirstAncestor((a) => Node.isVariableDeclaration(a) || Node.isPropertyAssignment(a) || Node.isStatement(a));
  if (!holder || Node.isStatement(holder)) return undefined;
  return Node.isVariableDeclaration(holder) ? holder.getName() : propertyName(holder);
}

function instanceName(instance: ClientInstance | ServerInstance): string {
  if (instance.side === 'server') {
    if (instance.library === 'nestjs-pusher') return '`PusherModule.forRoot()`';
    return instance.construction === 'new' ? '`new Pusher()`' : `\`Pusher.${instance.construction}()\``;
  }
  if (instance.library === 'laravel-echo') return '`new Echo()`';
  if (instance.library === '@harelpls/use-pusher') return '`<PusherProvider>`';
  if (instance.library === 'vue-pusher') return '`Vue.use(VuePusher)`';
  return '`new Pusher()`';
}

/** The options objects of a server: `forRootAsync({ useFactory })` returns them from a factory. */
function serverOptionObjects(server: ServerInstance): Node[] {
  if (!server.optionsNode) return [];
  const factory = objectProperties(server.optionsNode).get('useFactory');
  const fn = factory ? unwrap(factory) : undefined;
  if (fn && (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) {
    const returned = returnedExpression(fn);
    return returned ? [returned] : [];
  }
  return [server.optionsNode];
}

function clientKeyNode(client: ClientInstance): Node | undefined {
  const node = client.node;
  if (client.library === 'pusher-js' && Node.isNewExpression(node)) return node.getArguments()[0];
  if (client.library === 'laravel-echo') return objectProperties(client.optionsNode).get('key');
  if (client.library === 'vue-pusher' && Node.isCallExpression(node)) return objectProperties(node.getArguments()[1]).get('api_key');
  if (client.library === '@harelpls/use-pusher' && (Node.isJsxOpeningElement(node) || Node.isJsxSelfClosingElement(node))) {
    for (const attr of node.getAttributes()) {
      if (Node.isJsxAttribute(attr) && attr.getNameNode().getText() === 'clientKey') {
        const init = attr.getInitializer();
        return init && Node.isJsxExpression(init) ? init.getExpression() : init;
      }
      if (Node.isJsxSpreadAttribute(attr)) {
        const spread = objectProperties(attr.getExpression()).get('clientKey');
        if (spread) return spread;
      }
    }
  }
  return undefined;
}

/** `pusher: { secret: … }`, `const pusherConfig = { secret: … }`: an enclosing name says Pusher. */
function pusherAncestor(node: Node): boolean {
  let cur: Node | undefined = node.getParent();
  for (let i = 0; cur && i < 8; i++, cur = cur.getParent()) {
    if (Node.isPropertyAssignment(cur) || Node.isVariableDeclaration(cur)) {
      const name = Node.isVariableDeclaration(cur) ? cur.getName() : propertyName(cur);
      if (name !== undefined && PUSHER_NAME.test(name)) return true;
    }
    if (Node.isNewExpression(cur) || Node.isCallExpression(cur)) {
      if (PUSHER_NAME.test(cur.getExpression().getText())) return true;
    }
    if (Node.isSourceFile(cur) || Node.isBlock(cur)) return false;
  }
  return false;
}

/** The app id + key + secret triple in one object: the credential set, whatever the names around it. */
function isPaired(prop: Node): boolean {
  const obj = prop.getParent();
  if (!obj || !Node.isObjectLiteralExpression(obj)) return false;
  const names = obj.getProperties().map((p) => propertyName(p) ?? '');
  return names.some((n) => APP_ID_NAME.test(n)) && names.some((n) => KEY_NAME.test(n));
}
