import { describe, expect, it } from 'vitest';
import { assumedUsageFromProfile } from '../../src/cost/inputs/assumptions.js';
import { estimateCost } from '../../src/cost/model.js';
import { renderCostText } from '../../src/reporters/sections/cost-text.js';

describe('renderCostText', () => {
  const report = estimateCost(assumedUsageFromProfile('medium'), { currentPlan: 'startup' }, [
    { ruleId: 'no-info-param', fingerprint: 'abc', file: 'server.ts', line: 7, lever: 'info-param', message: 'info on trigger' },
  ]);

  it('has no colour codes unless asked', () => {
    expect(renderCostText(report)).not.toMatch(/\u001b\[/);
    expect(renderCostText(report, { color: true })).toMatch(/\u001b\[/);
  });

  it('names the plan, the findings behind each saving and the unconfirmed catalogue', () => {
    const text = renderCostText(report);
    expect(text).toContain(`Current plan: Startup`);
    expect(text).toContain('no-info-param server.ts:7 (abc)');
    expect(text).toContain('Confirmed plans: Sandbox, Startup.');
    expect(text.endsWith('\n')).toBe(true);
  });
});
