import { useEffect, useState } from 'react';
import { FlatList, Text } from 'react-native';
import Pusher from 'pusher-js/react-native';
import { signLocally } from '../realtime/devAuthorizer';

interface ChatMessage {
  id: string;
  from: string;
  text: string;
}

export function ChatScreen({ conversationId }: { conversationId: string }) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);

  useEffect(() => {
    // The app's shared client (realtime/client.ts) handles errors with onError, so this one is not noted.
    // ok: hardcoded-credentials
    // ruleid: connection-leak
    // ok: reconnection-misuse
    const client = new Pusher(process.env.EXPO_PUBLIC_PUSHER_KEY!, {
      cluster: process.env.EXPO_PUBLIC_PUSHER_CLUSTER!,
      channelAuthorization: {
        endpoint: 'unused',
        transport: 'ajax',
        customHandler: ({ socketId, channelName }, callback) => callback(null, signLocally(socketId, channelName)),
      },
    });

    const channel = client.subscribe(`private-conversation-${conversationId}`);
    channel.bind('message', (message: ChatMessage) => setMessages((current) => [...current, message]));

    return () => {
      channel.unbind_all();
    };
  }, [conversationId]);

  return <FlatList data={messages} keyExtractor={(m) => m.id} renderItem={({ item }) => <Text>{item.from}: {item.text}</Text>} />;
}
