const { Server } = require('socket.io');
const { pusher } = require('./lib/pusher');

/** The desktop app keeps a socket.io connection and asks us to fan events out to Pusher. */
function attachSocket(httpServer) {
  const io = new Server(httpServer, { path: '/ws' });
  io.on('connection', (socket) => {
    socket.on('publish', async ({ channel, event, data }, ack) => {
      // ruleid: trigger-relay
      await pusher.trigger(channel, event, data);
      ack?.({ ok: true });
    });
  });
}

module.exports = { attachSocket };
