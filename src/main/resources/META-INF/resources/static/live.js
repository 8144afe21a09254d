// Live mode of the events page: while the "Live" box is ticked, an EventSource on /events/live (the page's filters,
// the session's key) appends each stored event as a row. Values are set as text, never parsed as HTML.
(function () {
  'use strict';
  var toggle = document.getElementById('live-toggle');
  var table = document.getElementById('events');
  var state = document.getElementById('live-state');
  if (!toggle || !table) {
    return;
  }
  var body = table.tBodies[0];
  var source = null;

  function cell(row, value) {
    var td = document.createElement('td');
    td.textContent = value === null || value === undefined ? '' : String(value);
    row.appendChild(td);
  }

  function append(message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (body.querySelector('tr[data-position="' + Number(event.position) + '"]')) {
      return;
    }
    var empty = body.querySelector('td.empty');
    if (empty) {
      body.removeChild(empty.parentNode);
    }
    var row = document.createElement('tr');
    row.setAttribute('data-position', String(event.position));
    row.className = 'live-row';
    var guest = event.guestName ? event.guestName + ' (' + event.guest + ')' : event.guest;
    [event.position, event.occurredAt, event.hostId, event.type, event['class'], guest, event.actor,
      event.summary].forEach(function (value) { cell(row, value); });
    body.appendChild(row);
  }

  function stop() {
    if (source) {
      source.close();
      source = null;
    }
    state.textContent = '';
  }

  function start() {
    stop();
    source = new EventSource(toggle.getAttribute('data-stream'));
    source.onmessage = append;
    source.onopen = function () { state.textContent = 'live'; table.setAttribute('data-live', 'open'); };
    source.onerror = function () { state.textContent = 'reconnecting…'; };
  }

  toggle.addEventListener('change', function () {
    if (toggle.checked) {
      start();
    } else {
      stop();
      table.removeAttribute('data-live');
    }
  });
  if (toggle.checked) {
    start();
  }
}());
