import { readFileSync } from 'node:fs';
import { scanReportSchema, type ScanReport } from '../../src/report/schema.js';
import { readTemplates } from '../../src/cli/templates.js';
import type { RuleDoc } from '../../src/reporters/view.js';

/**
 * The saved result the golden files and the browser test render: the demo app scanned with the
 * example usage export (`scan examples/demo-app --usage examples/usage/pusher-usage.csv --format json`).
 * It is a fixture, not a live scan, so a rule change does not move the golden files.
 */
export const DEMO_RESULT = 'test/fixtures/reports/demo-app.json';

/** The package's templates, read once as the CLI reads them. */
export const TEMPLATES = await readTemplates();

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
  /** Planted in the advice: verdict, reasons, signals, changeIf, assumptions, watch, migration, scorecard, plan. */
  advice: 'Move to </script><script>alert("advice")</script> {{#with this}}"q"{{/with}}',
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
  plantInAdvice(r);
  return r;
}

/** Every kind of sentence and location the advice carries gets the hostile text. */
function plantInAdvice(r: ScanReport): void {
  const advice = r.advice!;
  const a = advice.architecture;
  const message = { id: 'hostile', data: { text: HOSTILE.advice }, text: HOSTILE.advice };
  const where = [{ file: HOSTILE.file, line: 1, column: 1 }];
  a.verdict = message;
  a.current.reasons = [message];
  a.changeIf[0] = { ...a.changeIf[0]!, text: message };
  a.assumptions.push(message);
  a.watch.push(message);
  a.facts.publishing[0]!.channels[0] = HOSTILE.channel;
  a.facts.publishing[0]!.location = where[0]!;
  const signal = a.patterns[0]!.signals.find((s) => s.contribution !== 0)!;
  signal.text = message;
  signal.evidence.push({ kind: 'fact', ref: HOSTILE.ruleId, file: HOSTILE.file, line: 1 });
  a.migration.push({
    step: a.migration.length + 1,
    id: HOSTILE.ruleId,
    text: message,
    where,
    effort: 'M',
    risk: 'medium',
    benefit: { kind: 'risk-reduction', monthlyUsd: null, connections: null, messagesPerDay: null, text: message },
    evidence: [],
  });
  const pillar = advice.scorecard.pillars[0]!;
  pillar.strength = message;
  pillar.gap = message;
  pillar.formula = HOSTILE.advice;
  advice.plan[0] = { ...advice.plan[0]!, text: message, where, savings: { lever: HOSTILE.advice, monthlyUsd: 1, metric: HOSTILE.advice, reductionFraction: 0.5 } };
}
