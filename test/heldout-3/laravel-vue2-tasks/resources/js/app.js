import Vue from 'vue';
import axios from 'axios';
import './echo';
import { startKiosk } from './kiosk';
import TaskBoard from './components/TaskBoard.vue';
import NotificationBell from './components/NotificationBell.vue';
import ActivityFeed from './components/ActivityFeed.vue';
import ProjectPresence from './components/ProjectPresence.vue';

window.axios = axios;
window.axios.defaults.headers.common['X-Requested-With'] = 'XMLHttpRequest';

Vue.component('task-board', TaskBoard);
Vue.component('notification-bell', NotificationBell);
Vue.component('activity-feed', ActivityFeed);
Vue.component('project-presence', ProjectPresence);

new Vue({ el: '#app' });

startKiosk(document.getElementById('kiosk'));
