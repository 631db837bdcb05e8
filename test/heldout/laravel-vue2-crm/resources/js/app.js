require('./bootstrap');

import Vue from 'vue';
import DealBoard from './components/DealBoard.vue';
import ContactTimeline from './components/ContactTimeline.vue';
import ChatPanel from './components/ChatPanel.vue';

Vue.component('deal-board', DealBoard);
Vue.component('contact-timeline', ContactTimeline);
Vue.component('chat-panel', ChatPanel);

const userId = document.querySelector('meta[name="user-id"]').getAttribute('content');

const app = new Vue({
  el: '#app',
  data: { notifications: [] },
});

// Laravel database notifications, for the bell in the navbar. Lives as long as the page.
// ok: connection-leak
window.Echo.private(`App.Models.User.${userId}`).notification((notification) => {
  app.notifications.unshift(notification);
});
