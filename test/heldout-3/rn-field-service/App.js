import React, { useEffect } from 'react';
import { Alert } from 'react-native';
import { NavigationContainer } from '@react-navigation/native';
import { createNativeStackNavigator } from '@react-navigation/native-stack';
import { pusher } from './src/realtime/pusher';
import JobScreen from './src/screens/JobScreen';
import ChatScreen from './src/screens/ChatScreen';
import FleetMapScreen from './src/screens/FleetMapScreen';
import InboxScreen from './src/screens/InboxScreen';

const Stack = createNativeStackNavigator();

export default function App() {
  useEffect(() => {
    // The root lives as long as the app: company-wide announcements stay subscribed.
    // ok: connection-leak
    pusher.subscribe('announcements').bind('posted', (a) => Alert.alert(a.title, a.body));
  }, []);

  return (
    <NavigationContainer>
      <Stack.Navigator>
        <Stack.Screen name="Inbox" component={InboxScreen} />
        <Stack.Screen name="Job" component={JobScreen} />
        <Stack.Screen name="Chat" component={ChatScreen} />
        <Stack.Screen name="FleetMap" component={FleetMapScreen} />
      </Stack.Navigator>
    </NavigationContainer>
  );
}
