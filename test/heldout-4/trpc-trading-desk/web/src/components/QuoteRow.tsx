import { useEffect, useState } from 'react';
import { pusher } from '../lib/pusher';

interface Quote {
  bid: number;
  ask: number;
}

/** One row of the blotter; the table renders a row per position (often several hundred). */
export function QuoteRow({ symbol }: { symbol: string }) {
  const [quote, setQuote] = useState<Quote | null>(null);

  useEffect(() => {
    const name = `quotes-${symbol}`;
    // ruleid: excessive-channels
    const channel = pusher.subscribe(name);
    channel.bind('quote', setQuote);
    return () => {
      channel.unbind('quote', setQuote);
      pusher.unsubscribe(name);
    };
  }, [symbol]);

  return (
    <tr>
      <td>{symbol}</td>
      <td>{quote?.bid ?? '…'}</td>
      <td>{quote?.ask ?? '…'}</td>
    </tr>
  );
}
