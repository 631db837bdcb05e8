/* global Pusher */
(function () {
  'use strict';

  var pusher = window.ferryPusher;
  var tbody = document.querySelector('#board tbody');
  var status = document.getElementById('connection');

  function render(departures) {
    tbody.innerHTML = '';
    departures.forEach(function (d) {
      var row = document.createElement('tr');
      row.id = 'departure-' + d.id;
      row.innerHTML =
        '<td>' + d.ferry + '</td><td>' + d.gate + '</td><td>' +
        new Date(d.scheduledAt).toLocaleTimeString() + '</td><td>' +
        (d.delayMinutes ? d.delayMinutes + ' min' : 'On time') + '</td>';
      tbody.appendChild(row);
    });
  }

  fetch('/api/departures')
    .then(function (r) { return r.json(); })
    .then(render)
    .catch(function () { status.textContent = 'Could not load departures'; });

  // ok: public-channel-sensitive-data
  // ok: connection-leak
  var channel = pusher.subscribe('departures');
  channel.bind('departure-updated', function () {
    fetch('/api/departures').then(function (r) { return r.json(); }).then(render);
  });

  pusher.connection.bind('state_change', function (states) {
    status.textContent = states.current === 'connected' ? 'Live' : 'Reconnecting…';
  });

  // The screens in the terminal lose Wi-Fi overnight; make sure they come back.
  // ruleid: reconnection-misuse
  setInterval(function () {
    if (pusher.connection.state !== 'connected') {
      pusher.connect();
    }
  }, 5000);
})();
