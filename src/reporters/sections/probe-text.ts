import pc from 'picocolors';
import { formatMs, formatPercent } from '../../probe/format.js';
import type { ProbeCheck, ProbeReport } from '../../probe/schema.js';

export interface TextRenderOptions {
  color: boolean;
}

/** The probe report for people: one block per check in the fixed order, evidence indented. */
export function renderProbeText(report: ProbeReport, options: TextRenderOptions): string {
  const c = pc.createColors(options.color);
  const badge: Record<ProbeCheck['status'], string> = {
    pass: c.green('PASS'),
    fail: c.red(c.bold('FAIL')),
    skipped: c.yellow('SKIP'),
  };
  const t = report.target;
  const credentials = [...t.credentials.cookies.map((n) => `cookie ${n}`), ...t.credentials.headers.map((n) => `header ${n}`)];
  const lines = [
    c.bold(`pusher-advisor probe auth ${t.endpoint}`),
    ...(t.userAuthEndpoint ? [`  user auth ${t.userAuthEndpoint}`] : []),
    c.dim(
      `  key ${t.key} · ${t.secretGiven ? 'secret given' : 'no secret'} · credentials: ${credentials.length > 0 ? credentials.join(', ') : 'none'} · ${report.requests.sent} requests sent (at most ${report.requests.planned}) in ${formatMs(report.durationMs)}`,
    ),
    '',
  ];
  const width = Math.max(...report.checks.map((ch) => ch.id.length));
  for (const check of report.checks) {
    lines.push(`  ${badge[check.status]}  ${check.id.padEnd(width)}  ${check.summary}`);
    for (const e of check.evidence) lines.push(c.dim(`        · ${e}`));
  }
  if (report.load) {
    const l = report.load;
    const p = (v: number | null) => (v === null ? 'n/a' : formatMs(v));
    lines.push(
      '',
      `  Latency over ${l.sent} requests at concurrency ${l.concurrency}: p50 ${p(l.p50Ms)} · p95 ${p(l.p95Ms)} · p99 ${p(l.p99Ms)} · success ${l.successRate === null ? 'n/a' : formatPercent(l.successRate)} (targets: p95 ≤ ${formatMs(l.targets.p95Ms)}, success ≥ ${formatPercent(l.targets.successRate)})`,
    );
  }
  const s = report.summary;
  const verdict = `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
  lines.push('', s.failed > 0 ? c.red(verdict) : c.green(verdict), '');
  return lines.join('\n');
}

/** JUnit XML for CI test reporters: one test case per check, failures with their evidence. */
export function renderProbeJunit(report: ProbeReport): string {
  const s = report.summary;
  const seconds = (report.durationMs / 1000).toFixed(3);
  const attrs = `tests="${report.checks.length}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${seconds}"`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pusher-advisor probe auth" ${attrs}>`,
    `  <testsuite name="${xml(`auth endpoint ${report.target.endpoint}`)}" ${attrs} timestamp="${xml(report.startedAt)}">`,
    '    <properties>',
    `      <property name="endpoint" value="${xml(report.target.endpoint)}"/>`,
    ...(report.target.userAuthEndpoint ? [`      <property name="userAuthEndpoint" value="${xml(report.target.userAuthEndpoint)}"/>`] : []),
    `      <property name="key" value="${xml(report.target.key)}"/>`,
    `      <property name="requests" value="${report.requests.sent}"/>`,
    '    </properties>',
  ];
  for (const check of report.checks) {
    out.push(`    <testcase classname="pusher-advisor.probe.auth" name="${xml(`${check.id}: ${check.title}`)}" time="0">`);
    const evidence = check.evidence.map((e) => `- ${e}`).join('\n');
    if (check.status === 'fail') {
      out.push(`      <failure message="${xml(check.summary)}" type="${check.severity}">${xml(evidence)}</failure>`);
    } else if (check.status === 'skipped') {
      out.push(`      <skipped message="${xml(check.summary)}"/>`);
    }
    if (check.status !== 'fail' && evidence) out.push(`      <system-out>${xml(evidence)}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

function xml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all, even escaped.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
