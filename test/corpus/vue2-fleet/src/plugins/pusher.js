import Pusher from 'pusher-js';
import axios from 'axios';

// One client for the whole app, exposed as this.$pusher.
export default {
  install(Vue) {
    // ok: hardcoded-credentials
    // ok: connection-leak
    // App.vue binds `state_change` on this client and shows the state: errors are surfaced, so no noErrorHandling.
    // ok: reconnection-misuse
    const pusher = new Pusher(process.env.VUE_APP_PUSHER_KEY, {
      cluster: process.env.VUE_APP_PUSHER_CLUSTER,
      forceTLS: true,
      channelAuthorization: {
        // ok: client-side-authorization
        customHandler({ socketId, channelName }, callback) {
          axios
            .post('/api/pusher/auth', { socket_id: socketId, channel_name: channelName }, { withCredentials: true })
            .then((response) => callback(null, response.data))
            .catch((error) => callback(error, null));
        },
      },
    });

    Vue.prototype.$pusher = pusher;
  },
};
