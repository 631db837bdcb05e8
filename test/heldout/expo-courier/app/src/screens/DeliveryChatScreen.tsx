import { Component } from 'react';
import { FlatList, Text } from 'react-native';
import type { PusherEvent, PusherMember } from '@pusher/pusher-websocket-react-native';
import { pusher } from '../realtime/pusher';

type Props = { deliveryId: string };
type State = { messages: Array<{ id: string; body: string }>; online: number };

export default class DeliveryChatScreen extends Component<Props, State> {
  state: State = { messages: [], online: 0 };

  private get channelName() {
    return `presence-delivery-chat-${this.props.deliveryId}`;
  }

  componentDidMount() {
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    pusher.subscribe({
      channelName: this.channelName,
      onSubscriptionSucceed: (data: { presence?: { count: number } }) => this.setState({ online: data.presence?.count ?? 0 }),
      onMemberAdded: (_m: PusherMember) => this.setState((s) => ({ online: s.online + 1 })),
      onMemberRemoved: (_m: PusherMember) => this.setState((s) => ({ online: Math.max(0, s.online - 1) })),
      onEvent: (e: PusherEvent) => {
        if (e.eventName === 'message') this.setState((s) => ({ messages: [...s.messages, JSON.parse(e.data)] }));
      },
    });
  }

  componentWillUnmount() {
    pusher.unsubscribe({ channelName: this.channelName });
  }

  render() {
    return (
      <>
        <Text>{this.state.online} online</Text>
        <FlatList data={this.state.messages} keyExtractor={(m) => m.id} renderItem={({ item }) => <Text>{item.body}</Text>} />
      </>
    );
  }
}
