import { fmt, message, MESSAGES } from './messages.js';
import { PATTERNS, SIMPLICITY, patternById, type SignalId } from './patterns.js';
import type { ArchitectureAdvice, Message, PatternId, PatternScore, SignalResult } from './schema.js';
import { migrationFor, watchFor } from './migration.js';
import { SIGNALS, signalContext, type AdviceInput, type SignalContext } from './signals.js';

/**
 * The architecture recommender: names the pattern in use today, scores the seven patterns from
 * their signals (Σ weight × strength, written out), picks the best and the runner-up, says what
 * would change the verdict and what it assumed, and plans the migration. Pure.
 */

const round2 = (x: number): number => Math.round(x * 100) / 100;
const condition = (id: string): string => MESSAGES[`cond.${id as SignalId}`];

/** The pattern the code shows today, from the most specific structure to the plainest. */
export function currentPattern(input: AdviceInput, ctx: SignalContext): { pattern: PatternId; reasons: Message[] } {
  const { facts } = input;
  if (ctx.clusterCount >= 2) {
    return { pattern: 'multi-region', reasons: [message('current.multi-region', { count: ctx.clusterCount, clusters: facts.clusters.map((c) => c.cluster).join(', ') })] };
  }
  const fed = facts.publishing.filter((p) => p.triggers.includes('queue-consumer'));
  if (fed.length > 0 && fed.length * 2 >= facts.publishing.length) return { pattern: 'event-bus', reasons: [message('current.event-bus', { count: fed.length })] };
  const brokers = facts.brokers.filter((b) => b.roles.length > 0);
  if (brokers.length > 0 && facts.serverSubscribers.length === 0) {
    return { pattern: 'hybrid-pubsub', reasons: [message('current.hybrid-pubsub', { brokers: [...new Set(brokers.map((b) => b.kind))].join(', ') })] };
  }
  const limiters = facts.middleware.filter((m) => m.kind === 'rate-limit');
  if (limiters.some((m) => m.covers.includes('auth-endpoint')) && facts.middleware.some((m) => m.covers.includes('publishing'))) {
    return { pattern: 'gateway', reasons: [message('current.gateway', { libraries: [...new Set(limiters.map((m) => m.library))].join(', ') })] };
  }
  const sl = facts.publishing.filter((p) => p.triggers.includes('serverless-function'));
  if (sl.length > 0 && sl.length * 2 >= facts.publishing.length) {
    return { pattern: 'serverless', reasons: [message('current.serverless', { count: sl.length, total: facts.publishing.length })] };
  }
  const pages = new Set(facts.cdnScripts.map((s) => s.file)).size;
  if (pages > 0) return { pattern: 'cdn', reasons: [message('current.cdn', { count: pages })] };
  const { inventory } = input;
  // "Calls Pusher directly: 0 publishing sites" would describe a flow that is not there (a tree
  // without Pusher, or one that only receives Pusher's webhooks).
  if (inventory.clients.length + inventory.servers.length + inventory.operations.length + facts.serverSubscribers.length === 0) {
    return { pattern: 'direct', reasons: [message('current.none', {})] };
  }
  return { pattern: 'direct', reasons: [message('current.direct', { sites: facts.publishing.length, packages: Math.max(1, facts.publishingByPackage.length) })] };
}

function scorePattern(id: PatternId, ctx: SignalContext, values: ReadonlyMap<SignalId, ReturnType<(typeof SIGNALS)[SignalId]>>): PatternScore {
  const def = patternById(id);
  const signals: SignalResult[] = def.signals.map(({ signal, weight }) => {
    const value = values.get(signal)!;
    const strength = signal === 'incumbent' ? (ctx.current === id ? 1 : 0) : value.strength;
    return {
      id: signal,
      weight,
      strength,
      contribution: round2(weight * strength),
      value: value.value,
      threshold: value.threshold,
      assumed: value.assumed,
      evidence: value.evidence,
      text: value.text,
    };
  });
  const score = round2(signals.reduce((s, x) => s + x.contribution, 0));
  const terms = signals.filter((s) => s.strength > 0).map((s, i) => `${s.weight < 0 ? (i === 0 ? '−' : '− ') : i === 0 ? '' : '+ '}${fmt(Math.abs(s.weight))}×${fmt(s.strength)}`);
  return { id, name: def.name, score, formula: `${terms.join(' ') || '0'} = ${fmt(score)}`, signals };
}

const byScore = (a: PatternScore, b: PatternScore) => b.score - a.score || SIMPLICITY.indexOf(a.id) - SIMPLICITY.indexOf(b.id);

/** The strongest reason for a pattern: its largest positive contribution. */
function topReason(p: PatternScore): string {
  const best = [...p.signals].filter((s) => s.contribution > 0 && s.id !== 'incumbent').sort((a, b) => b.contribution - a.contribution)[0];
  return best ? best.text.text : '';
}

export function recommendArchitecture(input: AdviceInput): ArchitectureAdvice {
  const base = signalContext(input, null);
  const current = currentPattern(input, base);
  const ctx: SignalContext = { ...base, current: current.pattern };
  const values = new Map(Object.entries(SIGNALS).map(([id, f]) => [id as SignalId, f(ctx)]));
  const patterns = PATTERNS.map((p) => scorePattern(p.id, ctx, values)).sort(byScore);
  const best = patterns[0]!;
  const runnerUp = patterns[1]!;
  const today = patterns.find((p) => p.id === current.pattern)!;
  const alreadyRight = best.id === current.pattern;

  const verdict = alreadyRight
    ? message('verdict.keep', { current: best.name, score: fmt(best.score), runnerUp: runnerUp.name, runnerUpScore: fmt(runnerUp.score), reason: topReason(best) })
    : message('verdict.move', {
        current: today.name,
        recommended: best.name,
        score: fmt(best.score),
        currentScore: fmt(today.score),
        runnerUp: runnerUp.name,
        runnerUpScore: fmt(runnerUp.score),
        reason: topReason(best),
      });

  // What would change the verdict: a signal of another pattern that, at full strength, would lift
  // it above the winner; and an against-signal of the winner that would sink it below the runner-up.
  const changeIf: ArchitectureAdvice['changeIf'] = [];
  for (const p of patterns.slice(1)) {
    for (const s of p.signals) {
      if (s.weight <= 0 || s.strength >= 1 || s.id === 'incumbent' || s.id === 'operational-cost') continue;
      if (p.score + s.weight * (1 - s.strength) <= best.score) continue;
      changeIf.push({
        pattern: p.id,
        signal: s.id,
        threshold: s.threshold,
        text:
          s.threshold !== null && s.value !== null
            ? message('changeIf.graded', { pattern: p.name, condition: condition(s.id), threshold: fmt(s.threshold), value: fmt(s.value) })
            : message('changeIf.boolean', { pattern: p.name, condition: condition(s.id) }),
      });
    }
  }
  for (const s of best.signals) {
    if (s.weight >= 0 || s.strength >= 1 || s.id === 'operational-cost') continue;
    if (best.score + s.weight * (1 - s.strength) >= runnerUp.score) continue;
    changeIf.push({ pattern: runnerUp.id, signal: s.id, threshold: s.threshold, text: message('changeIf.against', { runnerUp: runnerUp.name, pattern: best.name, condition: condition(s.id) }) });
  }

  const assumptions: Message[] = [];
  if (!input.cost) assumptions.push(message('assume.no-usage', { limit: fmt(ctx.limits.startupConnections) }));
  else if (input.cost.input.kind === 'assumptions') assumptions.push(message('assume.usage-assumptions'));
  if (input.facts.serverless.some((s) => s.kind.startsWith('next-'))) assumptions.push(message('assume.next-serverless'));
  if (input.facts.publishingByPackage.length > 1) assumptions.push(message('assume.package-is-service'));

  return {
    facts: input.facts,
    current: { pattern: current.pattern, reasons: current.reasons },
    patterns,
    recommended: best.id,
    runnerUp: runnerUp.id,
    alreadyRight,
    verdict,
    changeIf,
    assumptions,
    migration: migrationFor(best.id, input, ctx),
    watch: watchFor(best.id, input, ctx),
  };
}
