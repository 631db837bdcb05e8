import React, { Component } from 'react';
import { Text, View } from 'react-native';
import { pusher } from '../realtime/pusher';

export default class JobScreen extends Component {
  state = { job: this.props.route.params.job };

  componentDidMount() {
    this.channelName = `private-job-${this.state.job.id}`;
    // ok: connection-leak
    this.channel = pusher.subscribe(this.channelName);
    // ok: connection-leak
    this.channel.bind('job-updated', this.onJobUpdated);
  }

  componentWillUnmount() {
    this.channel.unbind('job-updated', this.onJobUpdated);
    pusher.unsubscribe(this.channelName);
  }

  onJobUpdated = (job) => this.setState({ job });

  render() {
    return (
      <View>
        <Text>{this.state.job.title}</Text>
        <Text>{this.state.job.status}</Text>
      </View>
    );
  }
}
