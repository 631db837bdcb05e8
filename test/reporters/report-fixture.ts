import { readFileSync } from 'node:fs';
import { scanReportSchema, type ScanReport } from '../../src/reporters/json.js';
import type { RuleDoc } from '../../src/reporters/view.js';

/**
 * The saved result the golden files and the browser test render: the demo app scanned with the
 * example usage export (`scan examples/demo-app --usage examples/usage/pusher-usage.csv --format json`).
 * It is a fixture, not a live scan, so a rule change does not move the golden files.
 */
export const DEMO_RESULT = 'test/fixtures/reports/demo-app.json';

export function demoReport(): ScanReport {
  return scanReportSchema.parse(JSON.parse(readFileSync(DEMO_RESULT, 'utf8')));
}

/** Fixed fix notes, so README edits do not move the golden files either. */
export const RULE_DOCS: Record<string, RuleDoc> = {
  'client-side-authorization': { title: 'Pusher authorization must happen on the server', howToFix: ['Keep the secret in an unprefixed variable (`PUSHER_SECRET`) read only on the server.', 'Check the session and the channel before `authorizeChannel`.'] },
  'hardcoded-credentials': { title: 'Pusher credentials must not be committed', howToFix: ['Rotate the secret first, then read it from the environment.'] },
  'public-channel-sensitive-data': { title: 'Sensitive data or user-scoped names on public channels', howToFix: ['Send ids, not data; use `private-` channels for one user.'] },
  'connection-leak': { title: 'Disconnect clients and remove subscriptions when components go away', howToFix: ['Create one client in a shared module; call `disconnect()` in the cleanup.'] },
  'reconnection-misuse': { title: 'Let pusher-js reconnect; do not fight it, and handle refusals', howToFix: ['Remove manual `connect()` calls from state handlers.'] },
  'insecure-transport': { title: 'Pusher connections and auth requests must use TLS', howToFix: ['Remove `forceTLS: false`.'] },
};

/** Strings that would break out of HTML, attributes, the embedded JSON, Markdown or a template. */
export const HOSTILE = {
  file: 'src/<script>alert(1)</script>"{{constructor}}|x.ts',
  snippet: `const a = "</script><script>alert('snippet')</script>"; // {{#each}} <!--`,
  channel: 'private-"><img src=x onerror=alert(2)>{{lookup}}</script>',
  message: 'Found `</script><b>x</b>` and {{{raw}}} and a "quote" \u2028 line',
  root: '<script>document.title="pwned"</script>',
  ruleId: 'x" onmouseover="alert(3)',
};

/** The demo result with hostile text planted in file names, snippets, channel names, messages and ids. */
export function hostileReport(): ScanReport {
  const r = demoReport();
  r.root = HOSTILE.root;
  r.findings[0] = { ...r.findings[0]!, file: HOSTILE.file, snippet: HOSTILE.snippet, message: HOSTILE.message, ruleId: HOSTILE.ruleId };
  const op = r.inventory.operations.find((o) => o.channels.length > 0)!;
  op.channels[0] = { ...op.channels[0]!, pattern: HOSTILE.channel, name: HOSTILE.channel };
  op.location = { ...op.location, file: HOSTILE.file };
  r.inventory.clients[0]!.location = { ...r.inventory.clients[0]!.location, file: HOSTILE.file };
  r.skipped.push({ file: HOSTILE.file, reason: HOSTILE.message });
  if (r.cost) r.cost.input.file = HOSTILE.file;
  return r;
}
