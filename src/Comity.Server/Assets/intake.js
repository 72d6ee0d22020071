// Progressive enhancement of the staff forms. Without this script every question shows, the
// error summary is still at the top of the page, and the server still checks everything.
(function () {
  // Every form reports all its errors at once in a summary; focus it so that it is read first.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // Questions that only matter for some acts are shown when those acts are chosen.
  var form = document.getElementById('intake');
  if (!form) return;
  function chosenAct() {
    var checked = form.querySelector('input[name="Form.Act"]:checked');
    return checked ? checked.value : '';
  }
  function update() {
    var act = chosenAct();
    form.querySelectorAll('[data-acts]').forEach(function (section) {
      var acts = section.getAttribute('data-acts').split(' ');
      section.hidden = act !== '' && acts.indexOf(act) < 0;
    });
  }
  form.addEventListener('change', update);
  update();
})();
