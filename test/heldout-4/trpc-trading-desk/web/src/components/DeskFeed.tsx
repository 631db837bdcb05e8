import { useEffect, useState } from 'react';
import { pusher } from '../lib/pusher';

/** One channel for the whole desk; alerts name their symbol and the component filters. */
export function DeskFeed({ desk }: { desk: string }) {
  const [alerts, setAlerts] = useState<Array<{ text: string; from: string }>>([]);

  useEffect(() => {
    const name = `private-desk-${desk}`;
    // ok: excessive-channels
    const channel = pusher.subscribe(name);
    const onAlert = (a: { text: string; from: string }) => setAlerts((prev) => [a, ...prev].slice(0, 50));
    channel.bind('alert', onAlert);
    return () => {
      channel.unbind('alert', onAlert);
      pusher.unsubscribe(name);
    };
  }, [desk]);

  return (
    <ol>
      {alerts.map((a, i) => (
        // ok: event-data-xss
        <li key={i}>{a.text}</li>
      ))}
    </ol>
  );
}
