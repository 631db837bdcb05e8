import React, { useEffect, useState } from 'react';
import { FlatList, Text } from 'react-native';
import { subscribeToInbox } from '../realtime/inbox';

export default function InboxScreen({ route }) {
  const [items, setItems] = useState([]);
  const { technicianId } = route.params;

  useEffect(() => {
    subscribeToInbox(technicianId, (item) => setItems((prev) => [item, ...prev]));
  }, [technicianId]);

  return <FlatList data={items} keyExtractor={(i) => i.id} renderItem={({ item }) => <Text>{item.summary}</Text>} />;
}
