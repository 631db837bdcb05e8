const express = require('express');
const notify = require('./routes/notify');
const webhooks = require('./routes/webhooks');
const pusherAuth = require('./routes/pusher-auth');
const { attachSocket } = require('./socket');

const app = express();
app.use(webhooks);
app.use(express.json());
app.use(pusherAuth);
app.use('/api', notify);
app.use(express.static('public'));

attachSocket(app.listen(process.env.PORT || 3000));
