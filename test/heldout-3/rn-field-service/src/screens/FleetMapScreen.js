import React, { Component } from 'react';
import MapView, { Marker } from 'react-native-maps';
import Pusher from 'pusher-js/react-native';

// Vehicle positions come from the telematics vendor's own Pusher app, not ours.
// ruleid: hardcoded-credentials @literalKey
// ok: client-side-authorization
const TELEMATICS_KEY = 'd41f7a2c9e6b3058a1c4';

export default class FleetMapScreen extends Component {
  state = { vehicles: {} };

  componentDidMount() {
    // ruleid: connection-leak @clientNotDisconnected
    this.telematics = new Pusher(TELEMATICS_KEY, {
      cluster: 'us2',
      // ruleid: insecure-transport @plainHttpEndpoint
      channelAuthorization: { endpoint: 'http://telematics.example.net/pusher/auth', transport: 'ajax' },
    });
    this.telematics.connection.bind('state_change', ({ current }) => this.setState({ link: current }));
    // ok: public-channel-sensitive-data
    this.telematics.subscribe('fleet-positions').bind('position', (p) =>
      this.setState(({ vehicles }) => ({ vehicles: { ...vehicles, [p.vehicleId]: p } })),
    );
  }

  componentWillUnmount() {
    this.telematics.unsubscribe('fleet-positions');
  }

  render() {
    return (
      <MapView style={{ flex: 1 }}>
        {Object.values(this.state.vehicles).map((v) => (
          <Marker key={v.vehicleId} coordinate={{ latitude: v.lat, longitude: v.lng }} />
        ))}
      </MapView>
    );
  }
}
