import { useState } from 'react';
import { useChannel, useEvent } from '@harelpls/use-pusher';

interface Card {
  id: string;
  title: string;
  column: 'yesterday' | 'today' | 'blocked';
}

export function Board() {
  const [cards, setCards] = useState<Card[]>([]);
  // useChannel subscribes on mount and unsubscribes on unmount.
  // ok: connection-leak
  // ok: public-channel-sensitive-data
  const channel = useChannel('standup-board');

  useEvent<Card>(channel, 'card-moved', (card) => {
    if (!card) return;
    setCards((current) => [...current.filter((c) => c.id !== card.id), card]);
  });

  return (
    <div className="board">
      {(['yesterday', 'today', 'blocked'] as const).map((column) => (
        <section key={column}>
          <h2>{column}</h2>
          {cards.filter((c) => c.column === column).map((c) => (
            <p key={c.id}>{c.title}</p>
          ))}
        </section>
      ))}
    </div>
  );
}
