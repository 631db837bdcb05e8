import Vue from 'vue';
import App from './App.vue';
import PusherPlugin from './plugins/pusher';

Vue.config.productionTip = false;
Vue.use(PusherPlugin);

new Vue({
  render: (h) => h(App),
}).$mount('#app');
