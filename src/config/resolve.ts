import type { Severity } from '../engine/types.js';
import type { PusherAdvisorConfig } from './schema.js';

/** What the config file's `rules` section means for a scan: which rules are off, their severities and options. */
export interface RuleSettings {
  off: string[];
  severity: Map<string, Severity>;
  options: Record<string, unknown>;
}

export function ruleSettings(config: PusherAdvisorConfig): RuleSettings {
  const settings: RuleSettings = { off: [], severity: new Map(), options: {} };
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    if (entry === undefined || entry === 'on') continue;
    if (entry === 'off') settings.off.push(id);
    else if (typeof entry === 'string') settings.severity.set(id, entry);
    else {
      if (entry.enabled === false) settings.off.push(id);
      if (entry.severity !== undefined) settings.severity.set(id, entry.severity);
      if (entry.options !== undefined) settings.options[id] = entry.options;
    }
  }
  return settings;
}

/** A severity set in the config replaces the rule's own for every one of its findings (ESLint's `"warn"`/`"error"`). */
export function withSeverities<F extends { ruleId: string; severity: Severity }>(findings: readonly F[], severity: ReadonlyMap<string, Severity>): F[] {
  if (severity.size === 0) return [...findings];
  return findings.map((f) => {
    const s = severity.get(f.ruleId);
    return s === undefined ? f : { ...f, severity: s };
  });
}
