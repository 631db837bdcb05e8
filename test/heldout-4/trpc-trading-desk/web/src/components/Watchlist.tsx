import { useEffect, useState } from 'react';
import { pusher } from '../lib/pusher';

export function Watchlist({ symbols }: { symbols: string[] }) {
  const [last, setLast] = useState<Record<string, number>>({});

  useEffect(() => {
    const names = symbols.map((s) => `quotes-${s}`);
    for (const name of names) {
      // ruleid: excessive-channels
      pusher.subscribe(name).bind('quote', (q: { bid: number }) => setLast((prev) => ({ ...prev, [name]: q.bid })));
    }
    return () => names.forEach((name) => pusher.unsubscribe(name));
  }, [symbols]);

  return (
    <ul>
      {symbols.map((s) => (
        <li key={s}>
          {s}: {last[`quotes-${s}`] ?? '…'}
        </li>
      ))}
    </ul>
  );
}
