import React, { Component } from 'react';
import { FlatList, Text } from 'react-native';
import { pusher } from '../realtime/pusher';
import { sendChatMessage } from '../realtime/notify';

export default class ChatScreen extends Component {
  state = { messages: [] };

  componentDidMount() {
    const { threadId } = this.props.route.params;
    // ruleid: connection-leak @subscriptionNotCleaned
    this.channel = pusher.subscribe(`private-thread-${threadId}`);
    this.channel.bind('message', (m) => this.setState(({ messages }) => ({ messages: [...messages, m] })));
  }

  send = (text) => sendChatMessage(this.props.route.params.threadId, { id: Date.now().toString(36), text, authorId: this.props.userId });

  render() {
    return <FlatList data={this.state.messages} keyExtractor={(m) => m.id} renderItem={({ item }) => <Text>{item.text}</Text>} />;
  }
}
