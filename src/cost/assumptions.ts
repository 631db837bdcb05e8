import { MULTI_CHANNEL_ASSUMPTION, MULTI_CHANNEL_SOURCE } from './counting.js';
import type { CostReport } from './report.js';
import type { UsageData } from './usage.js';

/** The assumptions the report rests on, each with its confidence and source (pusher-facts), as data. */

const KB_LIMITS = 'https://docs.bird.com/pusher/channels/channels/limits/what-happens-when-i-hit-my-channels-plan-limits';
const KB_COUNT = 'https://docs.bird.com/pusher/channels/channels/limits/how-is-my-message-count-calculated-in-channels';

export function assumptionsFor(usage: UsageData, headroomPct: number, share: number, horizon: number): CostReport['assumptions'] {
  const list: CostReport['assumptions'] = [
    { id: 'day-window', text: 'Message limits count per UTC day (00:00-23:59 UTC), so daily totals are taken per UTC day.', confidence: 'P', source: 'https://docs.bird.com/pusher/channels/channels/limits/over-what-time-period-are-my-channels-limits-counted' },
    { id: 'account-scope', text: 'Limits apply to the whole account, summed over all its apps; the usage data should cover every app.', confidence: 'P', source: 'https://docs.bird.com/pusher/account-billing/account-billing/plans/how-does-my-channels-plan-level-affect-the-limits-of-my-apps' },
    { id: 'warning-80', text: 'Pusher e-mails a warning at 80 % of the message or connection limit.', confidence: 'P', source: KB_LIMITS },
    { id: 'connection-cap', text: 'Connections over the limit are refused (close code 4004) at once on Sandbox and above 120 % of the limit on paid plans.', confidence: 'P', source: 'https://github.com/pusher/docs/blob/b34294aa/docs/channels/using_channels/connection.md' },
    {
      id: 'message-cap',
      text: 'Publishes over the daily message limit are refused with HTTP 403. Pusher\'s blog says paid plans are capped at the plan limit plus 20 % by default, but the docs state that tolerance for connections only, so messages are held at 100 %: a conservative choice.',
      confidence: 'P',
      source: `${KB_LIMITS}; https://pusher.com/blog/making-it-easier-to-outgrow-usage-limits-in-your-channels-plan/`,
    },
    { id: 'peak-basis', text: 'Plan fit uses the highest connection sample and the busiest UTC day, not the dashboard\'s 24-hour average, which hides peaks.', confidence: null, source: 'https://support.pusher.com/hc/en-us/articles/200671866' },
    { id: 'forecast', text: `Growth is forecast ${horizon} days past the last observed day. For usage data, from the complete days: a day far above the 7 days around it (median absolute deviation) is set aside as a one-off; from 7 days on, a weekly cycle is divided out and the forecast is for the busiest weekday; a step to a new level is fitted from the step on; a straight line is kept unless an exponential fits clearly better (half the unexplained variance) without doubling faster than weekly; a slope that is not significant (5 %) or an R² under 0.25 is shown flat. The trend is lifted by the 95th percentile of its residuals so it follows busy days.`, confidence: null, source: null },
    { id: 'headroom', text: `The recommended plan keeps ${headroomPct} % headroom above the forecast${headroomPct >= 25 ? ', which keeps the forecast under Pusher\'s 80 % warning' : ''}.`, confidence: null, source: null },
    { id: 'multi-channel-trigger', text: MULTI_CHANNEL_ASSUMPTION, confidence: 'P', source: MULTI_CHANNEL_SOURCE },
    { id: 'month', text: 'A month is 365 / 12 = 30.4 days.', confidence: null, source: null },
    { id: 'savings-share', text: `Savings assume ${Math.round(share * 1000) / 10} % of the affected traffic passes through the flagged code (--savings-share); each lever's reduction is the smallest the flaw can cause.`, confidence: null, source: null },
    { id: 'downgrade', text: 'Downgrades take effect at the end of the billing period, without pro-rating.', confidence: 'P', source: 'https://docs.bird.com/pusher/account-billing/account-billing/plans/how-can-i-downgrade-my-channels-plan' },
  ];
  if (usage.kind === 'assumptions') {
    list.push({
      id: 'counting-rules',
      text: 'Messages are derived from the assumptions with Pusher\'s counting rules: 1 per publish call (2 with `info`), +1 per delivery, client events on send and on each delivery (not to the sender), presence member events to the other members, 1 per webhook.',
      confidence: 'P',
      source: KB_COUNT,
    });
  }
  return list;
}
