import './bootstrap';
import './notifications';
import './reconnect';
import { createApp } from 'vue';
import AppointmentList from './components/AppointmentList.vue';
import ClinicStatus from './components/ClinicStatus.vue';

createApp({})
    .component('appointment-list', AppointmentList)
    .component('clinic-status', ClinicStatus)
    .mount('#app');
