import { Component } from 'react';
import Pusher from 'pusher-js';

/**
 * Release ticker, copied from the old dashboard. It opens its own connection instead of
 * using the PusherProvider's client.
 */
export class Ticker extends Component {
  state = { releases: [] };

  componentDidMount() {
    // ok: hardcoded-credentials
    // ok: reconnection-misuse
    // ruleid: connection-leak
    this.pusher = new Pusher(import.meta.env.VITE_PUSHER_KEY, {
      cluster: import.meta.env.VITE_PUSHER_CLUSTER ?? 'eu',
    });
    this.pusher.connection.bind('error', (err) => console.warn('ticker realtime error', err));
    this.pusher.subscribe('releases').bind('shipped', (release) => {
      this.setState(({ releases }) => ({ releases: [release, ...releases].slice(0, 5) }));
    });
  }

  componentWillUnmount() {
    this.pusher.disconnect();
  }

  render() {
    return (
      <marquee>
        {this.state.releases.map((r) => `${r.name} ${r.version}`).join(' · ')}
      </marquee>
    );
  }
}
