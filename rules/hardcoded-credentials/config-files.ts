import type { DiscoveredFile } from '../../src/discovery/types.js';
import { effectiveEnvAssignments } from '../../src/analysis/dotenv.js';
import { secretPreview } from '../../src/core/redact.js';
import type { ReportDescriptor, ScanModel } from '../../src/engine/rule.js';
import type { MessageIds } from './index.js';
import type { ValueRef } from '../../src/inventory/types.js';
import {
  APP_ID_NAME,
  GENERIC_SECRET_NAME,
  KEY_NAME,
  PUSHER_NAME,
  SECRET_NAME,
  isPlaceholder,
  isPusherUrl,
  isTestPath,
  repeatsItsIds,
  secretImpact,
  secretWhat,
  urlCredentials,
} from './values.js';

/**
 * Credentials committed in `.env` files and JSON/YAML configuration, read line by line so each
 * finding points at its `NAME=value` or `name: value` line, plus app keys shared between files
 * of different deployment environments.
 */

type Report = (descriptor: ReportDescriptor<MessageIds>) => void;

interface Entry {
  file: DiscoveredFile;
  line: number;
  /** 1-based column where the line's text starts and its length, for the reported range. */
  column: number;
  endColumn: number;
  name: string;
  value: string;
}

/** A key value seen in a file that belongs to one deployment environment. */
interface KeyUse extends Entry {
  environment: string;
}

/** Files that are templates by name: `.env.example`, `config.sample.json`, `pusher.dist.yml`. */
const TEMPLATE = /(?:^|[.-])(?:example|examples|sample|template|tmpl|dist|defaults?-example)(?:[.-]|$)/i;
/** JSON files that never hold app credentials but are big and everywhere. */
const NOT_CONFIG = /(?:^|\/)(?:package(?:-lock)?|composer|tsconfig[\w.-]*|jsconfig|\.eslintrc|\.babelrc|\.prettierrc|turbo|lerna|vercel|renovate|manifest)\.json$/i;

const ENVIRONMENT_ALIASES: Record<string, string> = {
  production: 'production',
  prod: 'production',
  live: 'production',
  staging: 'staging',
  stage: 'staging',
  preview: 'preview',
  uat: 'uat',
  qa: 'qa',
  development: 'development',
  dev: 'development',
  local: 'development',
};

/** The deployment environment a file is for, from its name or folder (`.env.production.local`, `config/staging.json`). */
export function environmentOf(path: string): string | undefined {
  const segments = path.toLowerCase().split('/');
  const base = segments.pop() ?? '';
  for (const token of [...base.split('.'), ...segments.reverse()]) {
    const env = ENVIRONMENT_ALIASES[token.replace(/^docker-compose-?/, '')];
    if (env) return env;
  }
  return undefined;
}

function isTestConfig(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return isTestPath(path) || /(?:^|\.)(?:test|testing|ci|e2e)(?:\.|$)/.test(base.replace(/\.(?:json|ya?ml)$/, ''));
}

function unquote(raw: string): string {
  const v = raw.trim();
  const q = v[0];
  if ((q === '"' || q === "'" || q === '`') && v.length > 1) {
    const end = v.indexOf(q, 1);
    return end > 0 ? v.slice(1, end) : v.slice(1);
  }
  // Unquoted values end at an inline comment.
  return v.replace(/\s+#.*$/, '').replace(/,\s*$/, '').trim();
}

function lineEntries(file: DiscoveredFile): Entry[] {
  if (file.kind === 'env') {
    return effectiveEnvAssignments(file.text).flatMap((a) => {
      const value = unquote(a.raw);
      return value === '' ? [] : [{ file, line: a.line, column: a.column, endColumn: a.endColumn, name: a.name, value }];
    });
  }
  const out: Entry[] = [];
  const pattern =
    file.kind === 'json'
        ? /^(\s*)"([^"]+)"\s*:\s*("(?:[^"\\]|\\.)*")/
        : /^(\s*)(?:-\s+)?["']?([\w.-]+)["']?\s*(?::(?=\s|$)|=)\s*(.*)$/;
  file.text.split(/\r\n|\r|\n/).forEach((text, i) => {
    const m = pattern.exec(text);
    if (!m) return;
    const value = file.kind === 'json' ? safeJsonString(m[3]!) : unquote(m[3]!);
    if (value === undefined || value === '') return;
    out.push({ file, line: i + 1, column: m[1]!.length + 1, endColumn: text.trimEnd().length + 1, name: m[2]!, value });
  });
  return out;
}

function safeJsonString(raw: string): string | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the lines around an entry are about Pusher: the file is named for it, a nearby line
 * says so, or the entry sits in an app id + key + secret triple. gitleaks' "within N lines" idea,
 * because line-based JSON/YAML reading has no tree.
 */
function pusherContext(entry: Entry, entries: readonly Entry[], lines: readonly string[]): boolean {
  if (PUSHER_NAME.test(entry.file.path)) return true;
  const window = lines.slice(Math.max(0, entry.line - 9), entry.line + 8);
  if (window.some((l) => PUSHER_NAME.test(l))) return true;
  const near = entries.filter((e) => Math.abs(e.line - entry.line) <= 5).map((e) => e.name);
  return near.some((n) => APP_ID_NAME.test(n)) && near.some((n) => KEY_NAME.test(n)) && near.some((n) => SECRET_NAME.test(n));
}

/** The app ids and keys written within a few lines of an entry: the rest of its app's settings. */
function idsNear(entry: Entry, entries: readonly Entry[]): string[] {
  const isId = (name: string) => /(?:^|[_.-])(?:app[_-]?)?(?:id|key)$/i.test(name) && !SECRET_NAME.test(name);
  return entries.filter((e) => e !== entry && Math.abs(e.line - entry.line) <= 5 && isId(e.name)).map((e) => e.value);
}

export class ConfigCheck {
  private readonly keyUses: KeyUse[] = [];
  /** Env var names the code reads for a server's secret or a client's key, whatever they are called. */
  private readonly secretVars = new Set<string>();
  private readonly keyVars = new Set<string>();

  constructor(
    private readonly model: ScanModel,
    private readonly report: Report,
    private readonly forFile: (file: string, fn: () => void) => void,
  ) {
    const envNames = (v: ValueRef | undefined, into: Set<string>) => {
      if (v?.kind === 'env') into.add(v.name);
    };
    for (const s of model.inventory.servers) {
      envNames(s.options.secret, this.secretVars);
      envNames(s.options.encryptionMasterKeyBase64, this.secretVars);
      envNames(s.options.key, this.keyVars);
    }
    for (const c of model.inventory.clients) envNames(c.key, this.keyVars);
  }

  run(): void {
    for (const file of this.model.files) {
      if (file.kind !== 'env' && file.kind !== 'json' && file.kind !== 'yaml') continue;
      const base = file.path.slice(file.path.lastIndexOf('/') + 1);
      if (TEMPLATE.test(file.kind === 'env' ? base.replace(/^\.env/, '') : base) || NOT_CONFIG.test(file.path) || isTestConfig(file.path)) continue;
      if (file.kind === 'env' && /^\.env\.(?:test|testing|ci|e2e)(?:\.|$)/i.test(base)) continue;
      this.forFile(file.path, () => this.file(file));
    }
    this.sharedKeys();
  }

  private file(file: DiscoveredFile): void {
    const entries = lineEntries(file);
    const lines = file.text.split(/\r\n|\r|\n/);
    const environment = environmentOf(file.path);
    for (const entry of entries) {
      const creds = urlCredentials(entry.value);
      const context = (): boolean => PUSHER_NAME.test(entry.name) || pusherContext(entry, entries, lines);
      if (creds && (isPusherUrl(entry.value) || (PUSHER_NAME.test(entry.name) && /url/i.test(entry.name)))) {
        this.at(entry, 'urlCredentials', { where: `\`${entry.name}\` in ${file.path}`, host: creds.host, preview: secretPreview(creds.secret) }, creds.secret);
      } else if (this.isSecretName(entry.name, file) && !isPlaceholder(entry.value) && (this.secretVars.has(entry.name) || context()) && !repeatsItsIds(entry.value, idsNear(entry, entries))) {
        const messageId = file.kind === 'env' ? 'envFileSecret' : 'configFileSecret';
        this.at(entry, messageId, { name: entry.name, file: file.path, what: secretWhat(entry.name), impact: secretImpact(entry.name), preview: secretPreview(entry.value) }, entry.value);
      } else if (environment !== undefined && this.isKeyName(entry.name) && !isPlaceholder(entry.value) && (this.keyVars.has(entry.name) || context())) {
        this.keyUses.push({ ...entry, environment });
      }
    }
  }

  private isSecretName(name: string, file: DiscoveredFile): boolean {
    if (this.secretVars.has(name)) return true;
    if (!SECRET_NAME.test(name)) return false;
    // `SECRET` alone in an env file is anyone's; in JSON/YAML `secret:` next to Pusher settings is the app secret.
    return PUSHER_NAME.test(name) || (file.kind !== 'env' && GENERIC_SECRET_NAME.test(name.replace(/^.*\./, '')));
  }

  private isKeyName(name: string): boolean {
    if (this.keyVars.has(name)) return true;
    if (SECRET_NAME.test(name)) return false;
    const last = name.replace(/^.*\./, '');
    return (PUSHER_NAME.test(name) && /key/i.test(name)) || KEY_NAME.test(last);
  }

  private at(entry: Entry, messageId: MessageIds, data: Record<string, string>, secret?: string): void {
    this.report({
      file: entry.file.path,
      range: { line: entry.line, column: entry.column, endLine: entry.line, endColumn: Math.max(entry.endColumn, entry.column + 1) },
      messageId,
      data,
      ...(secret !== undefined ? { secrets: [secret] } : {}),
      // The value itself is not identity: rotating a leaked secret must not make it a new finding.
      fingerprintText: `${entry.name}=`,
    });
  }

  /** The same key committed for two deployment environments: reported on the later file, naming the first. */
  private sharedKeys(): void {
    const byValue = new Map<string, KeyUse[]>();
    for (const use of this.keyUses) byValue.set(use.value, [...(byValue.get(use.value) ?? []), use]);
    for (const uses of byValue.values()) {
      uses.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.line - b.line));
      const first = uses[0]!;
      for (const use of uses.slice(1)) {
        if (use.environment === first.environment) continue;
        this.at(use, 'sharedKeyAcrossEnvironments', {
          name: use.name,
          file: use.file.path,
          otherFile: first.file.path,
          environment: use.environment,
          otherEnvironment: first.environment,
          preview: secretPreview(use.value),
        });
      }
    }
  }
}
