// The ledger page: while a whole-ledger verification runs, ask the server how far it has come
// once a second and move the progress bar; when it is done, load the page again to show what it
// found. Without this script the page shows the state as of when it was loaded.
(function () {
  var status = document.getElementById('whole-status');
  var bar = document.getElementById('whole-progress');
  var count = document.getElementById('whole-count');
  if (!status || !bar || document.getElementById('whole-result').childElementCount > 0) return;
  function poll() {
    fetch(status.getAttribute('data-progress-url'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        bar.value = s.percent;
        bar.textContent = s.percent + '%';
        count.textContent = s.done + ' of ' + s.total + ' entries';
        if (s.finished) window.location.reload();
        else window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
