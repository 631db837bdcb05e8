import { useEffect, useState } from 'react';
import { Text, View } from 'react-native';
import MapView, { Marker } from 'react-native-maps';
import type { PusherEvent } from '@pusher/pusher-websocket-react-native';
import { pusher } from '../realtime/pusher';

type Fix = { latitude: number; longitude: number };

export default function CourierMapScreen({ courierId, deliveryId }: { courierId: string; deliveryId: string }) {
  const [position, setPosition] = useState<Fix>();
  const [eta, setEta] = useState<string>();

  useEffect(() => {
    // ruleid: connection-leak @subscriptionNotCleaned
    // ruleid: public-channel-sensitive-data @guessableChannel
    pusher.subscribe({ channelName: `courier-location-${courierId}`, onEvent: (e: PusherEvent) => setPosition(JSON.parse(e.data)) });
  }, [courierId]);

  useEffect(() => {
    const channelName = `private-delivery-${deliveryId}`;
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    pusher.subscribe({
      channelName,
      onEvent: (e: PusherEvent) => {
        if (e.eventName === 'eta-changed') setEta(JSON.parse(e.data).eta);
      },
    });
    return () => {
      pusher.unsubscribe({ channelName });
    };
  }, [deliveryId]);

  return (
    <View style={{ flex: 1 }}>
      <MapView style={{ flex: 1 }}>{position && <Marker coordinate={position} />}</MapView>
      <Text>ETA {eta ?? '…'}</Text>
    </View>
  );
}
