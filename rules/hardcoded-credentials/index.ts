import * as z from 'zod';
import { defineRule, NOT_TESTS, type ReportDescriptor, type RuleMessage } from '../../src/engine/rule.js';
import { CodeCheck } from './code.js';
import { CommentCheck } from './comments.js';
import { ConfigCheck } from './config-files.js';
import { CREDENTIAL_TEXT } from './values.js';

export const optionsSchema = z.object({});
export type Options = z.infer<typeof optionsSchema>;
export type MessageIds =
  | 'secretLiteral'
  | 'secretFallback'
  | 'urlCredentials'
  | 'envFileSecret'
  | 'configFileSecret'
  | 'literalKey'
  | 'literalAppId'
  | 'sharedKeyAcrossEnvironments';

// Every message shows a preview (first 4 characters) of a credential, never the value: the engine
// also scrubs the full value from snippets through `secrets`.
// A public key is a configuration smell, a shared key an operational risk; everything else is a leaked secret.
const messages: Record<MessageIds, RuleMessage> = {
  secretLiteral: {
    text:
      'The Pusher {{what}} is hard-coded in {{where}} ({{preview}}): anyone who can read this code, its git history or its build output can {{impact}}. Rotate it in the Pusher dashboard and read it from an environment variable or secret store (e.g. `process.env.PUSHER_SECRET`).',
  },
  secretFallback: {
    text:
      'A hard-coded Pusher {{what}} ({{preview}}) is the fallback for {{where}} when `{{env}}` is unset: the value is committed with the code, so anyone who reads it can {{impact}}, and it is used silently wherever the variable is missing. Rotate it, drop the fallback and fail at startup when `{{env}}` is not set.',
  },
  urlCredentials: {
    text:
      '{{where}} embeds the Pusher app key and secret ({{preview}}) for {{host}}: anyone who can read it can sign authorizations and publish events as your app. Rotate the secret and build the client from `appId`/`key`/`secret` read from environment variables, or keep the whole URL in a `PUSHER_URL` secret outside the repository.',
  },
  envFileSecret: {
    text:
      '`{{name}}` in the committed env file {{file}} holds the Pusher {{what}} ({{preview}}): everyone with access to the repository and its history can {{impact}}. Rotate it, remove {{file}} from git (and add it to .gitignore), and commit a `.env.example` with a placeholder instead.',
  },
  configFileSecret: {
    text:
      '`{{name}}` in {{file}} holds the Pusher {{what}} ({{preview}}) in committed configuration: everyone with access to the repository can {{impact}}. Rotate it and reference an environment variable or secret store instead (`${PUSHER_APP_SECRET}`, Docker or Kubernetes secrets).',
  },
  literalKey: {
    text:
      'The Pusher app key {{preview}} is a literal for {{where}}{{how}}. The key is public, but a literal ties every build to one Pusher app, so staging and production traffic (and quotas) can mix. Read it from per-environment configuration (e.g. `process.env.NEXT_PUBLIC_PUSHER_KEY`).',
    severity: 'low',
  },
  literalAppId: {
    text:
      'The Pusher app id `{{value}}` is a literal for {{where}}. The id is not a secret, but a literal ties every deployment to one Pusher app, so staging and production publish to the same channels and share its quota. Read it from per-environment configuration (e.g. `process.env.PUSHER_APP_ID`).',
    severity: 'low',
  },
  sharedKeyAcrossEnvironments: {
    text:
      '`{{name}}` in {{file}} ({{environment}}) has the same Pusher app key ({{preview}}) as {{otherFile}} ({{otherEnvironment}}): both environments share one Pusher app, so their events, channels, webhooks and connection quota mix. Create a separate Pusher app per environment and use its key here.',
    severity: 'medium',
  },
};

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'hardcoded-credentials',
    title: 'Pusher credentials must not be committed',
    description:
      'Finds the Pusher app secret and encryption master key committed as code literals, literal fallbacks of env reads, credentialed forURL/PUSHER_URL URLs, committed .env files and JSON/YAML configuration, plus literal app keys and one app key shared by several deployment environments. A committed secret lets anyone with the repository sign authorizations and publish as the app.',
    category: 'security',
    severity: 'critical',
    appliesTo: NOT_TESTS,
    requires: ['text', 'environments', 'ast', 'inventory'],
    prefilter: CREDENTIAL_TEXT,
    precision: 'very-high', // 18 of 18 correct on the two held-out sets
    options: optionsSchema,
    messages,
  },
  check(ctx) {
    const report = (d: ReportDescriptor<MessageIds>) => ctx.report(d);
    const forFile = (file: string, fn: () => void) => ctx.forFile(file, fn);
    const appliesTo = (file: string) => ctx.appliesTo(file);
    new CodeCheck(ctx.model, report, forFile, appliesTo).run();
    new ConfigCheck(ctx.model, report, forFile).run();
    new CommentCheck(ctx.model, report, forFile, appliesTo).run();
  },
});
