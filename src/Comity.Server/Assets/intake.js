// Progressive enhancement of the intake form: questions that only matter for some acts are
// shown when those acts are chosen. Without this script every question shows, and the server
// still checks everything.
(function () {
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
