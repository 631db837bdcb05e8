import { useEffect, useState } from 'react';
import { usePusher } from '@harelpls/use-pusher';

export function StandupTimer() {
  const { client } = usePusher();
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  // ruleid: connection-leak
  useEffect(() => {
    if (!client) return;
    const channel = client.subscribe('standup-timer');
    channel.bind('tick', ({ secondsLeft: s }: { secondsLeft: number }) => setSecondsLeft(s));
    return () => {
      channel.unbind('tick');
      client.unsubscribe('standup-timer');
    };
  });

  return <div className="timer">{secondsLeft === null ? '–' : `${secondsLeft}s`}</div>;
}
