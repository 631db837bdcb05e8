import { useEffect, useState } from 'react';
import Pusher from 'pusher-js';

type Message = { id: string; from: string; preview: string };

export default function Inbox({ userId }: { userId: string }) {
  const [messages, setMessages] = useState<Message[]>([]);
  // Relabelled for issue #11: the app's shared client handles errors, and noErrorHandling is said once per app.
  // ruleid: connection-leak @clientNotDisconnected
  // ruleid: connection-leak @duplicateClients
  // ok: reconnection-misuse
  const pusher = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
    cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
    channelAuthorization: { endpoint: '/pusher/auth', transport: 'ajax' },
  });

  useEffect(() => {
    const name = `private-inbox-${userId}`;
    // ok: public-channel-sensitive-data
    // ok: connection-leak
    const channel = pusher.subscribe(name);
    channel.bind('message', (m: Message) => setMessages((prev) => [m, ...prev]));
    return () => pusher.unsubscribe(name);
  }, [userId]);

  return (
    <ul>
      {messages.map((m) => (
        <li key={m.id}>{m.from}: {m.preview}</li>
      ))}
    </ul>
  );
}
